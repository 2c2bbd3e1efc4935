// What the load scripts (bench:ingest, test:chaos) share: a fresh database, a project key,
// an up-to-date production build, a production server in its own process group, and the
// RSS of that whole group.
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { DatabaseKind } from "../../lib/db/database-url";
import { productionMallocArenas, productionNodeOptions } from "../launch";

export const root = path.resolve(import.meta.dirname, "..", "..");
export const pgServer = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function databaseKindArg(value: string | undefined): DatabaseKind {
  return value === "postgres" || value === "postgresql" ? "postgresql" : "sqlite";
}

/**
 * Where the scripts keep their SQLite files: OBSERVATORY_BENCH_DIR, else node_modules/.cache
 * (shared by every worktree whose node_modules is a link to one checkout's).
 */
const benchDir = (name: string) =>
  path.join(process.env.OBSERVATORY_BENCH_DIR ?? path.join(root, "node_modules", ".cache", "observatory"), name);

/** The database named for the script, as it is: a SQLite file, or a PostgreSQL database. */
export function databaseUrlFor(kind: DatabaseKind, name: string): string {
  if (kind === "sqlite") return `file:${path.join(benchDir(name), `${name}.db`)}`;
  const u = new URL(pgServer);
  u.pathname = `/observatory_${name}`;
  return u.toString();
}

/** An empty database named for the script: a new SQLite file, or a recreated PostgreSQL database. */
export async function freshDatabaseUrl(kind: DatabaseKind, name: string): Promise<string> {
  if (kind === "sqlite") {
    const dir = benchDir(name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    return databaseUrlFor(kind, name);
  }
  const database = `observatory_${name}`;
  const admin = new pg.Client({ connectionString: pgServer });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  return databaseUrlFor(kind, name);
}

/** Builds the production bundle unless the build stamp matches the sources (as `npm start`). */
export async function ensureBuild(): Promise<void> {
  const { build } = await import("../build");
  const { sourceHash, STAMP_FILE } = await import("../build-stamp");
  const stamp = path.join(root, STAMP_FILE);
  const fresh =
    existsSync(path.join(root, ".next", "BUILD_ID")) &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === sourceHash(root);
  if (!fresh) build();
}

/** Migrates the database, adds the default prices and creates a project with one API key. */
export async function prepareProject(url: string, slug: string): Promise<{ projectId: string; key: string }> {
  const { parseDatabaseUrl } = await import("../../lib/db/database-url");
  const { migrate } = await import("../../lib/db/migrations/migrate");
  const { createDb } = await import("../../lib/db/client");
  const { ensureProject } = await import("../../lib/projects/projects");
  const { createApiKey } = await import("../../lib/auth/api-keys");
  const { ensureDefaultPrices } = await import("../../lib/usage/prices");
  const target = parseDatabaseUrl(url);
  await migrate(target);
  const client = createDb(target);
  try {
    await ensureDefaultPrices(client);
    const project = await ensureProject(client, slug);
    const { key } = await createApiKey(client, { projectId: project.id, name: slug });
    return { projectId: project.id, key };
  } finally {
    await client.$disconnect();
  }
}

export type ServerHandle = {
  /** process group id: the launcher and every child it starts */
  pgid: number;
  base: string;
};

/** `next start` in its own process group (next leaves a next-server child behind otherwise). */
export function startServer(options: {
  url: string;
  port: number;
  env?: Record<string, string>;
  logFile?: string;
}): ServerHandle {
  const out = options.logFile === undefined ? "ignore" : openSync(options.logFile, "a");
  const server = spawn(
    path.join(root, "node_modules/.bin/next"),
    ["start", "-H", "127.0.0.1", "-p", String(options.port)],
    {
      cwd: root,
      detached: true,
      stdio: ["ignore", out, out],
      // the Node options and malloc arenas `npm start` gives the server: load scripts measure what users run
      env: {
        ...process.env,
        DATABASE_URL: options.url,
        NEXT_TELEMETRY_DISABLED: "1",
        NODE_ENV: "production",
        NODE_OPTIONS: productionNodeOptions(),
        MALLOC_ARENA_MAX: productionMallocArenas(),
        ...options.env,
      },
    },
  );
  if (typeof out === "number") closeSync(out);
  return { pgid: server.pid!, base: `http://127.0.0.1:${options.port}` };
}

/** Signals the whole process group; false when it is already gone. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL when the group has not exited within `graceMs`. */
export async function stopServer(server: ServerHandle, graceMs = 30_000): Promise<void> {
  signalGroup(server.pgid, "SIGTERM");
  try {
    await waitForGroupExit(server.pgid, graceMs);
  } catch {
    signalGroup(server.pgid, "SIGKILL");
    await waitForGroupExit(server.pgid);
  }
}

function groupPids(pgid: number): number[] {
  const pids: number[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // fields[0] is the state: a zombie holds no memory and no port
      if (Number(fields[2]) === pgid && fields[0] !== "Z") pids.push(Number(pid));
    } catch {
      // process ended
    }
  }
  return pids;
}

/** Resident memory of every process in the group, in bytes. */
export function groupRss(pgid: number): number {
  let kb = 0;
  for (const pid of groupPids(pgid)) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      kb += Number(m?.[1] ?? 0);
    } catch {
      // process ended
    }
  }
  return kb * 1024;
}

/** Waits until no live process is left in the group. */
export async function waitForGroupExit(pgid: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (groupPids(pgid).length > 0) {
    if (Date.now() > deadline) throw new Error(`process group ${pgid} is still running`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function waitForHealth(base: string, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("server did not become healthy");
}

/** Runs work over items with at most `concurrency` at a time. */
export async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}
