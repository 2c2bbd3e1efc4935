// npm run bench:ingest -- [--db sqlite|postgres] [--events N] [--single N] [--json]
//
// Starts a production server on a fresh database, loads it over HTTP and, in the same run,
// measures the raw driver's insert rate for event-shaped rows (the physical limit):
//   - batch ingest: 500-event batches of log events at concurrency 4
//   - single-event requests at concurrency 32
//   - peak RSS of the server process group
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite" },
    events: { type: "string", default: "50000" },
    single: { type: "string", default: "2000" },
    port: { type: "string", default: "3191" },
    json: { type: "boolean", default: false },
  },
});
const root = path.resolve(import.meta.dirname, "..");
const kind = args.db === "postgres" || args.db === "postgresql" ? "postgresql" : "sqlite";
const totalEvents = Number(args.events);
const singleRequests = Number(args.single);
const port = Number(args.port);
const BATCH = 500;
const CONCURRENCY = 4;
const SINGLE_CONCURRENCY = 32;
const pgServer = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

const log = (m: string) => {
  if (!args.json) console.error(`[bench] ${m}`);
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const message = "Agent developer_1 finished iteration: implemented the login handler, ran 42 unit tests (all green), updated docs and handed over to qa_expert for review. ".padEnd(200, ".");

async function freshDatabaseUrl(): Promise<string> {
  if (kind === "sqlite") {
    const dir = path.join(root, "node_modules", ".cache", "observatory", "bench");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    return `file:${path.join(dir, "bench.db")}`;
  }
  const admin = new pg.Client({ connectionString: pgServer });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS "observatory_bench" WITH (FORCE)');
  await admin.query('CREATE DATABASE "observatory_bench"');
  await admin.end();
  const u = new URL(pgServer);
  u.pathname = "/observatory_bench";
  return u.toString();
}

/** Raw driver: event-shaped rows in batches of 500, one transaction per batch. */
async function rawDriverRate(url: string, rows: number): Promise<number> {
  const makeRow = (i: number) => [`raw-${i}`, `session-${i % 50}`, new Date(1_700_000_000_000 + i).toISOString(), "info", "log", message, JSON.stringify({ i, agent: "developer" })];
  if (kind === "sqlite") {
    const db = new Database(path.join(path.dirname(url.slice(5)), "raw.db"));
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.exec("CREATE TABLE raw_event (id TEXT PRIMARY KEY, session_id TEXT, ts TEXT, level TEXT, kind TEXT, message TEXT, details TEXT)");
    db.exec("CREATE INDEX raw_event_session ON raw_event (session_id, ts)");
    const insert = db.prepare("INSERT INTO raw_event VALUES (?, ?, ?, ?, ?, ?, ?)");
    const batch = db.transaction((start: number) => {
      for (let i = start; i < Math.min(rows, start + BATCH); i++) insert.run(...makeRow(i));
    });
    const t0 = performance.now();
    for (let i = 0; i < rows; i += BATCH) batch(i);
    const secs = (performance.now() - t0) / 1000;
    db.close();
    return rows / secs;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("CREATE TABLE raw_event (id TEXT PRIMARY KEY, session_id TEXT, ts TIMESTAMPTZ, level TEXT, kind TEXT, message TEXT, details JSONB)");
  await client.query("CREATE INDEX raw_event_session ON raw_event (session_id, ts)");
  const t0 = performance.now();
  for (let start = 0; start < rows; start += BATCH) {
    const n = Math.min(BATCH, rows - start);
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (let j = 0; j < n; j++) {
      const r = makeRow(start + j);
      tuples.push(`(${r.map((_, k) => `$${j * 7 + k + 1}`).join(",")})`);
      params.push(...r);
    }
    await client.query("BEGIN");
    await client.query(`INSERT INTO raw_event VALUES ${tuples.join(",")}`, params);
    await client.query("COMMIT");
  }
  const secs = (performance.now() - t0) / 1000;
  await client.query("DROP TABLE raw_event");
  await client.end();
  return rows / secs;
}

function groupRss(pgid: number): number {
  let kb = 0;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      kb += Number(m?.[1] ?? 0);
    } catch {
      // process ended
    }
  }
  return kb * 1024;
}

async function waitForHealth(base: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
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

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

async function main(): Promise<void> {
  const url = await freshDatabaseUrl();
  process.env.DATABASE_URL = url;
  const { build } = await import("./build");
  const { sourceHash, STAMP_FILE } = await import("./build-stamp");
  const stamp = path.join(root, STAMP_FILE);
  let fresh = false;
  try {
    fresh = readFileSync(stamp, "utf8") === sourceHash(root);
  } catch {
    fresh = false;
  }
  if (!fresh) build();
  const { parseDatabaseUrl } = await import("../lib/db/database-url");
  const { migrate } = await import("../lib/db/migrations/migrate");
  const { db, disconnectDb } = await import("../lib/db/client");
  const { ensureProject } = await import("../lib/projects/projects");
  const { createApiKey } = await import("../lib/auth/api-keys");
  const { ensureDefaultPrices } = await import("../lib/usage/prices");
  await migrate(parseDatabaseUrl(url));
  await ensureDefaultPrices(db());
  const project = await ensureProject(db(), "bench");
  const { key } = await createApiKey(db(), { projectId: project.id, name: "bench" });
  await disconnectDb();

  log(`${kind}: measuring the raw driver limit (${Math.min(totalEvents, 100_000)} rows)`);
  const rawRate = await rawDriverRate(url, Math.min(totalEvents, 100_000));

  const server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    detached: true,
    stdio: "ignore",
    env: { ...process.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", OBSERVATORY_RATE_LIMIT: "100000", OBSERVATORY_RATE_BURST: "100000" },
  });
  const pgid = server.pid!;
  const base = `http://127.0.0.1:${port}`;
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, groupRss(pgid))), 200);
  try {
    await waitForHealth(base);
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const post = async (events: unknown[]) => {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1/ingest`, { method: "POST", headers, body: JSON.stringify({ events }) });
      const body = (await res.json()) as { results?: { status: number }[] };
      if (res.status !== 207 || body.results?.some((r) => r.status !== 201)) throw new Error(`ingest failed: HTTP ${res.status}`);
      return performance.now() - t0;
    };
    const event = (i: number, prefix: string) => ({
      id: `${prefix}-${i}`,
      type: "log",
      timestamp: new Date(1_700_000_000_000 + i).toISOString(),
      body: { sessionId: `bench-session-${i % 50}`, level: "info", kind: "log", agentType: "developer", message, details: { i, agent: "developer" } },
    });
    // warm up the route and the database connection
    await post([event(0, "warm")]);
    const batches = Array.from({ length: Math.ceil(totalEvents / BATCH) }, (_, b) => b);
    const batchLatencies: number[] = [];
    log(`batch ingest: ${totalEvents} events, ${BATCH} per request, concurrency ${CONCURRENCY}`);
    const t0 = performance.now();
    await pool(batches, CONCURRENCY, async (b) => {
      const events = Array.from({ length: Math.min(BATCH, totalEvents - b * BATCH) }, (_, j) => event(b * BATCH + j, "batch"));
      batchLatencies.push(await post(events));
    });
    const batchRate = totalEvents / ((performance.now() - t0) / 1000);
    log(`single-event requests: ${singleRequests} at concurrency ${SINGLE_CONCURRENCY}`);
    const singleLatencies: number[] = [];
    await pool(Array.from({ length: singleRequests }, (_, i) => i), SINGLE_CONCURRENCY, async (i) => {
      singleLatencies.push(await post([event(i, "single")]));
    });
    batchLatencies.sort((a, b) => a - b);
    singleLatencies.sort((a, b) => a - b);
    const result = {
      database: kind,
      machine: `${(await import("node:os")).cpus().length} cores`,
      events: totalEvents,
      rawDriverRowsPerSec: Math.round(rawRate),
      httpBatchEventsPerSec: Math.round(batchRate),
      ratioToRaw: Number((batchRate / rawRate).toFixed(3)),
      batchLatencyMs: { p50: Number(percentile(batchLatencies, 50).toFixed(1)), p99: Number(percentile(batchLatencies, 99).toFixed(1)) },
      singleEventLatencyMs: { p50: Number(percentile(singleLatencies, 50).toFixed(1)), p99: Number(percentile(singleLatencies, 99).toFixed(1)) },
      peakServerRssMb: Math.round(peakRss / 1024 / 1024),
    };
    if (args.json) console.log(JSON.stringify(result));
    else {
      console.log(`database                 ${result.database}`);
      console.log(`raw driver insert rate   ${result.rawDriverRowsPerSec} rows/s`);
      console.log(`HTTP batch ingest        ${result.httpBatchEventsPerSec} events/s (${(result.ratioToRaw * 100).toFixed(1)}% of raw)`);
      console.log(`batch request latency    p50 ${result.batchLatencyMs.p50} ms, p99 ${result.batchLatencyMs.p99} ms`);
      console.log(`single-event latency     p50 ${result.singleEventLatencyMs.p50} ms, p99 ${result.singleEventLatencyMs.p99} ms (concurrency ${SINGLE_CONCURRENCY})`);
      console.log(`peak server RSS          ${result.peakServerRssMb} MB`);
    }
  } finally {
    clearInterval(sampler);
    try {
      process.kill(-pgid, "SIGTERM");
    } catch {
      // gone
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
