import "server-only";
// The program each read worker runs (sqlite-read-pool.ts). It is JavaScript in a string,
// started with `eval`, so it needs no file of its own at runtime: Turbopack bundles our
// server code into chunks, and a worker script beside the sources would be missing from a
// production build, while `next dev`, `next start`, tsx and vitest all run this the same way.
// It loads better-sqlite3 from the app's own node_modules (an external package, never bundled).

/** A read sent to a worker. "prisma" rows are arrays with exact 64-bit integers; "objects" rows are objects. */
export type ReadRequest = { id: number; sql: string; args: unknown[]; shape: "prisma" | "objects" };

export type ReadColumn = { name: string; type: string | null };

/** A worker's answer; `ms` is the statement's own run, without the time it waited in the queue. */
export type ReadReply =
  | { id: number; columns: ReadColumn[] | undefined; rows: unknown[]; ms: number }
  | { id: number; error: { code: string | undefined; message: string }; ms: number };

export type ReadWorkerData = { file: string; resolveFrom: string; busyTimeoutMs: number; statementLimit: number };

export const READ_WORKER_SOURCE = `
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const { createRequire } = require("node:module");
const path = require("node:path");
const Database = createRequire(path.join(workerData.resolveFrom, "noop.js"))("better-sqlite3");
// read-only: a statement that would write fails here instead of writing beside the main connection
const db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: workerData.busyTimeoutMs });
const caches = { prisma: new Map(), objects: new Map() };

function prepared(sql, shape) {
  const cache = caches[shape];
  let statement = cache.get(sql);
  if (statement) {
    cache.delete(sql);
  } else {
    statement = db.prepare(sql);
    if (shape === "prisma") {
      statement.safeIntegers(true);
      statement.raw(true);
    }
    if (cache.size >= workerData.statementLimit) cache.delete(cache.keys().next().value);
  }
  cache.set(sql, statement);
  return statement;
}

// structured cloning turns a Buffer into a plain Uint8Array, which better-sqlite3 does not bind
const bound = (arg) => (arg instanceof Uint8Array && !Buffer.isBuffer(arg) ? Buffer.from(arg.buffer, arg.byteOffset, arg.byteLength) : arg);

parentPort.on("message", (request) => {
  const t0 = performance.now();
  try {
    const statement = prepared(request.sql, request.shape);
    const columns = request.shape === "prisma" ? statement.columns().map((c) => ({ name: c.name, type: c.type })) : undefined;
    const rows = statement.all(...request.args.map(bound));
    parentPort.postMessage({ id: request.id, columns, rows, ms: performance.now() - t0 });
  } catch (error) {
    parentPort.postMessage({
      id: request.id,
      error: { code: typeof error?.code === "string" ? error.code : undefined, message: String(error?.message ?? error) },
      ms: performance.now() - t0,
    });
  }
});
parentPort.postMessage({ ready: true });
`;
