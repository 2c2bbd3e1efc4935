// Shared first-run work for `npm start` and `npm run dev`: generated clients, migrations,
// default prices and, on an empty database, demo data.
import { existsSync } from "node:fs";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { parseDatabaseUrl, redactUrl } from "../lib/db/database-url";
import { env } from "../lib/env";

export const root = path.resolve(import.meta.dirname, "..");
export const nextBin = path.join(root, "node_modules", ".bin", "next");

export function log(message: string): void {
  console.log(`[observatory] ${message}`);
}

export function run(command: string, args: string[], extraEnv: Record<string, string> = {}): void {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extraEnv },
  });
  if (result.status !== 0)
    throw new Error(`${path.basename(command)} ${args.join(" ")} failed (exit ${result.status ?? result.signal})`);
}

export function ensureGeneratedClients(): void {
  if (
    existsSync(path.join(root, "lib/db/generated/sqlite/client.ts")) &&
    existsSync(path.join(root, "lib/db/generated/postgres/client.ts"))
  )
    return;
  log("generating Prisma clients");
  run(process.execPath, [
    path.join(root, "node_modules/tsx/dist/cli.mjs"),
    path.join(root, "scripts/prisma-generate.ts"),
  ]);
}

export async function prepareDatabase(): Promise<void> {
  // Imported here: they need the generated clients, which ensureGeneratedClients provides.
  const { db, disconnectDb } = await import("../lib/db/client");
  const { migrate } = await import("../lib/db/migrations/migrate");
  const { seedDemo } = await import("../lib/demo/seed");
  const { ensureDefaultPrices } = await import("../lib/usage/prices");
  const { ensureRollups } = await import("../lib/usage/rollups");
  const { demoDecision } = await import("../lib/demo/demo-policy");
  const { DATABASE_URL, DATABASE_URL_GIVEN, OBSERVATORY_DEMO } = env();
  const target = parseDatabaseUrl(DATABASE_URL);
  log(`database: ${target.kind} ${redactUrl(DATABASE_URL)}`);
  const { applied } = await migrate(target);
  log(applied.length ? `applied migrations: ${applied.join(", ")}` : "migrations up to date");
  const client = db();
  await ensureDefaultPrices(client);
  if (await ensureRollups(client)) log("computed usage rollups for existing data");
  const demo = demoDecision({
    demo: OBSERVATORY_DEMO,
    databaseUrlGiven: DATABASE_URL_GIVEN,
    sessions: await client.session.count(),
  });
  if (demo.load) {
    const started = Date.now();
    const summary = await seedDemo(client);
    log(
      `loaded demo data (${demo.why}): ${summary.stored} events in ${((Date.now() - started) / 1000).toFixed(1)}s (set OBSERVATORY_DEMO=0 to start empty)`,
    );
  } else if (demo.why !== "the database already has sessions") log(demo.why);
  await disconnectDb();
}

/** Runs a long-lived child in its own process group and stops the whole group with us. */
export function supervise(child: ChildProcess): void {
  const stop = (signal: NodeJS.Signals) => {
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    }
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
    process.on(signal, () => stop(signal === "SIGHUP" ? "SIGTERM" : signal));
  process.on("exit", () => stop("SIGTERM"));
  // our own launcher (tsx, npm) killed with SIGKILL: stop the server we started, then go
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid === parent) return;
    stop("SIGTERM");
    process.exit(1);
  }, 500).unref();
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/**
 * Node options of the production server: a cap on V8's old generation. Without one, V8 on a
 * large machine lets the heap grow to hundreds of MB under ingest load before it collects;
 * with it, the ingest benchmark ran in about a quarter less memory for about a tenth less
 * throughput (docs/benchmarks.md). The write gate's byte budget (lib/api/route.ts) keeps
 * request bodies well inside it. OBSERVATORY_MAX_HEAP_MB changes it.
 */
export function productionNodeOptions(base = process.env.NODE_OPTIONS ?? ""): string {
  if (/--max-old-space-size/.test(base)) return base;
  return `${base} --max-old-space-size=${env().OBSERVATORY_MAX_HEAP_MB}`.trim();
}

/**
 * glibc's malloc arenas of the production server. By default glibc lets each thread take an
 * arena of its own (up to 8 per core), and memory freed in one arena is not reused by another:
 * with V8's helper threads and libuv's pool, that left about 15 MB more resident at the peak
 * of `test:chaos` on PostgreSQL (docs/benchmarks.md). The JavaScript runs on one thread, so
 * two arenas cost no throughput. MALLOC_ARENA_MAX in the environment wins (0: glibc's default).
 */
export function productionMallocArenas(base = process.env.MALLOC_ARENA_MAX): string {
  return base ?? "2";
}

/** NODE_OPTIONS that make every Node process of the server exit when its parent dies. */
export function exitWithParentOptions(base: string): string {
  return `${base} --require ${JSON.stringify(path.join(root, "scripts", "exit-with-parent.cjs"))}`.trim();
}

export function startNext(mode: "start" | "dev"): ChildProcess {
  const { HOST, PORT } = env();
  log(`serving on http://${HOST === "0.0.0.0" ? "localhost" : HOST}:${PORT}`);
  return spawn(nextBin, [mode, "-H", HOST, "-p", String(PORT)], {
    cwd: root,
    stdio: "inherit",
    detached: true,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_OPTIONS: exitWithParentOptions(
        mode === "start" ? productionNodeOptions() : (process.env.NODE_OPTIONS ?? ""),
      ),
      ...(mode === "start" ? { MALLOC_ARENA_MAX: productionMallocArenas() } : {}),
    },
  });
}
