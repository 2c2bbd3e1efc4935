// npm run bench:ingest -- [--db sqlite|postgres] [--events N] [--rounds 3] [--single N] [--json]
//
// Starts a production server on a fresh database, loads it over HTTP and, in the same run,
// measures the raw driver's insert rate for event-shaped rows (the physical limit). The raw
// loops and the HTTP load alternate for `rounds` rounds, and the figures are the medians
// (this machine's neighbours steal CPU time unevenly; a ratio is only taken within a round):
//   - batch ingest: 500-event batches of log events at concurrency 4
//   - single-event requests at concurrency 32, beside the framework's floor at that concurrency
//     (the same request refused before any database work), both warmed up, in alternating halves
//   - the same raw loop into the product's Event table (indexes, unique key, foreign keys)
//   - peak RSS of the server process group
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import {
  databaseKindArg,
  ensureBuild,
  freshDatabaseUrl,
  groupRss,
  pool,
  prepareProject,
  signalGroup,
  startServer,
  waitForHealth,
} from "./lib/server-harness";
import { benchLogEvent, RAW_EVENT_COLUMNS, rawEventRow } from "./lib/bench-events";
import { LOG_MESSAGE as message, median, percentile } from "./lib/stats";

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite" },
    events: { type: "string", default: "50000" },
    single: { type: "string", default: "2000" },
    rounds: { type: "string", default: "3" },
    port: { type: "string", default: "3191" },
    json: { type: "boolean", default: false },
  },
});
const kind = databaseKindArg(args.db);
const totalEvents = Number(args.events);
const singleRequests = Number(args.single);
const rounds = Math.max(1, Number(args.rounds));
const port = Number(args.port);
const BATCH = 500;
const CONCURRENCY = 4;
const SINGLE_CONCURRENCY = 32;

const log = (m: string) => {
  if (!args.json) console.error(`[bench] ${m}`);
};

/** SQLite: `rows` rows through one prepared INSERT, 500 per transaction; rows per second. */
function timeSqliteInserts(
  db: Database.Database,
  sql: string,
  rows: number,
  makeRow: (i: number) => unknown[],
): number {
  const insert = db.prepare(sql);
  const batch = db.transaction((start: number) => {
    for (let i = start; i < Math.min(rows, start + BATCH); i++) insert.run(...makeRow(i));
  });
  const t0 = performance.now();
  for (let i = 0; i < rows; i += BATCH) batch(i);
  return rows / ((performance.now() - t0) / 1000);
}

/** PostgreSQL: `rows` rows as 500-row multi-row INSERTs, one transaction each; rows per second. */
async function timePgInserts(
  client: pg.Client,
  head: string,
  tail: string,
  rows: number,
  makeRow: (i: number) => unknown[],
  cast: (column: number) => string = () => "",
): Promise<number> {
  const t0 = performance.now();
  for (let start = 0; start < rows; start += BATCH) {
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (let i = start; i < Math.min(rows, start + BATCH); i++) {
      const row = makeRow(i);
      tuples.push(`(${row.map((_, k) => `$${params.length + k + 1}${cast(k)}`).join(",")})`);
      params.push(...row);
    }
    await client.query("BEGIN");
    await client.query(`${head} ${tuples.join(",")}${tail}`, params);
    await client.query("COMMIT");
  }
  return rows / ((performance.now() - t0) / 1000);
}

/** Raw driver: event-shaped rows in batches of 500, one transaction per batch. */
async function rawDriverRate(url: string, rows: number, round: number): Promise<number> {
  const makeRow = (i: number) => [
    `raw-${round}-${i}`,
    `session-${i % 50}`,
    new Date(1_700_000_000_000 + i).toISOString(),
    "info",
    "log",
    message,
    JSON.stringify({ i, agent: "developer" }),
  ];
  if (kind === "sqlite") {
    const db = new Database(path.join(path.dirname(url.slice(5)), "raw.db"));
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.exec(
      `CREATE TABLE raw_event_${round} (id TEXT PRIMARY KEY, session_id TEXT, ts TEXT, level TEXT, kind TEXT, message TEXT, details TEXT)`,
    );
    db.exec(`CREATE INDEX raw_event_${round}_session ON raw_event_${round} (session_id, ts)`);
    const rate = timeSqliteInserts(db, `INSERT INTO raw_event_${round} VALUES (?, ?, ?, ?, ?, ?, ?)`, rows, makeRow);
    db.close();
    return rate;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    `CREATE TABLE raw_event_${round} (id TEXT PRIMARY KEY, session_id TEXT, ts TIMESTAMPTZ, level TEXT, kind TEXT, message TEXT, details JSONB)`,
  );
  await client.query(`CREATE INDEX raw_event_${round}_session ON raw_event_${round} (session_id, ts)`);
  const rate = await timePgInserts(client, `INSERT INTO raw_event_${round} VALUES`, "", rows, makeRow);
  await client.query(`DROP TABLE raw_event_${round}`);
  await client.end();
  return rate;
}

/**
 * The same raw loop into the product's own Event table (its indexes, unique key and foreign
 * keys), in a freshly migrated database: what storing these rows costs at best in our schema.
 */
type SchemaTarget = { url: string; projectId: string };

async function prepareSchemaTarget(): Promise<SchemaTarget> {
  const url = await freshDatabaseUrl(kind, "bench-schema");
  const { projectId } = await prepareProject(url, "bench-schema");
  const sessions = Array.from({ length: 50 }, (_, i) => `raw-session-${i}`);
  if (kind === "sqlite") {
    const { sqliteTimestamp } = await import("../lib/db/sql/dialects");
    const db = new Database(url.slice(5));
    const ts = sqliteTimestamp(new Date());
    for (const id of sessions)
      db.prepare(
        `INSERT INTO "Session" ("id", "projectId", "externalId", "source", "startedAt", "updatedAt") VALUES (?, ?, ?, 'api', ?, ?)`,
      ).run(id, projectId, id, ts, ts);
    db.close();
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const id of sessions)
      await client.query(
        `INSERT INTO "Session" ("id", "projectId", "externalId", "source", "startedAt", "updatedAt") VALUES ($1, $2, $1, 'api', now(), now())`,
        [id, projectId],
      );
    await client.end();
  }
  return { url, projectId };
}

async function rawSchemaRate({ url, projectId }: SchemaTarget, rows: number, round: number): Promise<number> {
  const { sqliteTimestamp } = await import("../lib/db/sql/dialects");
  const now = new Date();
  const columns = RAW_EVENT_COLUMNS;
  const makeRow = (i: number, at: (d: Date) => unknown) => rawEventRow(projectId, round, i, at(now), at);
  const head = `INSERT INTO "Event" (${columns.map((c) => `"${c}"`).join(", ")})`;
  const conflict = ` ON CONFLICT ("projectId", "externalId") DO NOTHING`;
  if (kind === "sqlite") {
    const db = new Database(url.slice(5));
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    const rate = timeSqliteInserts(db, `${head} VALUES (${columns.map(() => "?").join(", ")})${conflict}`, rows, (i) =>
      makeRow(i, sqliteTimestamp),
    );
    db.close();
    return rate;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const cast = (k: number) => (k === 3 || k === 4 ? "::timestamp(3)" : k === 10 ? "::jsonb" : "");
  const rate = await timePgInserts(
    client,
    `${head} VALUES`,
    conflict,
    rows,
    (i) => makeRow(i, (d) => d.toISOString()),
    cast,
  );
  await client.end();
  return rate;
}

async function main(): Promise<void> {
  const url = await freshDatabaseUrl(kind, "bench");
  await ensureBuild();
  const { key } = await prepareProject(url, "bench");

  const schemaTarget = await prepareSchemaTarget();
  const perRound = Math.ceil(totalEvents / rounds / BATCH) * BATCH;
  const rawRows = Math.min(perRound, 100_000);

  const { pgid, base } = startServer({
    url,
    port,
    env: { OBSERVATORY_RATE_LIMIT: "100000", OBSERVATORY_RATE_BURST: "100000" },
  });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, groupRss(pgid))), 200);
  try {
    await waitForHealth(base);
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const post = async (events: unknown[]) => {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1/ingest`, { method: "POST", headers, body: JSON.stringify({ events }) });
      const body = (await res.json()) as { results?: { status: number }[] };
      if (res.status !== 207 || body.results?.some((r) => r.status !== 201))
        throw new Error(`ingest failed: HTTP ${res.status}`);
      return performance.now() - t0;
    };
    // warm up the route and the database connection
    await post([benchLogEvent(0, "warm")]);
    const batchLatencies: number[] = [];
    const measured: { raw: number; schema: number; http: number }[] = [];
    for (let round = 1; round <= rounds; round++) {
      log(
        `round ${round}/${rounds}: raw driver loops (${rawRows} rows each), then ${perRound} events over HTTP (${BATCH} per request, concurrency ${CONCURRENCY})`,
      );
      const raw = await rawDriverRate(url, rawRows, round);
      const schema = await rawSchemaRate(schemaTarget, rawRows, round);
      const batches = Array.from({ length: perRound / BATCH }, (_, b) => b);
      const t0 = performance.now();
      await pool(batches, CONCURRENCY, async (b) => {
        const events = Array.from({ length: BATCH }, (_, j) => benchLogEvent(b * BATCH + j, `batch-${round}`));
        batchLatencies.push(await post(events));
      });
      const http = perRound / ((performance.now() - t0) / 1000);
      measured.push({ raw, schema, http });
      log(
        `round ${round}: raw ${Math.round(raw)} rows/s, into Event ${Math.round(schema)} rows/s, HTTP ${Math.round(http)} events/s (${((http / raw) * 100).toFixed(1)}% / ${((http / schema) * 100).toFixed(1)}%)`,
      );
    }
    const rawRate = median(measured.map((m) => m.raw));
    const schemaRate = median(measured.map((m) => m.schema));
    const batchRate = median(measured.map((m) => m.http));
    const ratioToRaw = median(measured.map((m) => m.http / m.raw));
    const ratioToEventTable = median(measured.map((m) => m.http / m.schema));
    // The framework's own floor at the single-event concurrency: the same request to the same
    // route, refused before any database work (401: malformed key), so only Node's HTTP, Next.js
    // routing and our wrapper. Both kinds are warmed up first (a route's first requests load
    // and compile its bundle), then measured in alternating halves, so that neither gets the
    // quieter moment of a machine shared with other work.
    const floorRequest = async (i: number) => {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1/ingest`, {
        method: "POST",
        headers: { authorization: "Bearer not-a-key", "content-type": "application/json" },
        body: JSON.stringify({ events: [benchLogEvent(i, "floor")] }),
      });
      await res.text();
      if (res.status !== 401) throw new Error(`floor request: HTTP ${res.status}`);
      return performance.now() - t0;
    };
    const floorLatencies: number[] = [];
    const singleLatencies: number[] = [];
    const requests = (n: number, offset: number) => Array.from({ length: n }, (_, i) => offset + i);
    const warmup = Math.min(singleRequests, SINGLE_CONCURRENCY * 4);
    await pool(requests(warmup, 0), SINGLE_CONCURRENCY, async (i) => void (await floorRequest(i)));
    await pool(
      requests(warmup, 0),
      SINGLE_CONCURRENCY,
      async (i) => void (await post([benchLogEvent(i, "single-warm")])),
    );
    log(`single-event requests and the framework floor: ${singleRequests} each at concurrency ${SINGLE_CONCURRENCY}`);
    const half = Math.ceil(singleRequests / 2);
    for (const offset of [0, half]) {
      const n = Math.min(half, singleRequests - offset);
      await pool(requests(n, offset), SINGLE_CONCURRENCY, async (i) => {
        floorLatencies.push(await floorRequest(i));
      });
      await pool(requests(n, offset), SINGLE_CONCURRENCY, async (i) => {
        singleLatencies.push(await post([benchLogEvent(i, "single")]));
      });
    }
    floorLatencies.sort((a, b) => a - b);
    batchLatencies.sort((a, b) => a - b);
    singleLatencies.sort((a, b) => a - b);
    const result = {
      database: kind,
      machine: `${(await import("node:os")).cpus().length} cores`,
      events: perRound * rounds,
      rounds,
      rawDriverRowsPerSec: Math.round(rawRate),
      rawIntoEventTableRowsPerSec: Math.round(schemaRate),
      httpBatchEventsPerSec: Math.round(batchRate),
      ratioToRaw: Number(ratioToRaw.toFixed(3)),
      ratioToEventTable: Number(ratioToEventTable.toFixed(3)),
      perRound: measured.map((m) => ({
        raw: Math.round(m.raw),
        eventTable: Math.round(m.schema),
        http: Math.round(m.http),
      })),
      batchLatencyMs: {
        p50: Number(percentile(batchLatencies, 50).toFixed(1)),
        p99: Number(percentile(batchLatencies, 99).toFixed(1)),
      },
      singleEventLatencyMs: {
        p50: Number(percentile(singleLatencies, 50).toFixed(1)),
        p99: Number(percentile(singleLatencies, 99).toFixed(1)),
      },
      frameworkFloorLatencyMs: {
        p50: Number(percentile(floorLatencies, 50).toFixed(1)),
        p99: Number(percentile(floorLatencies, 99).toFixed(1)),
      },
      singleP99ToFloorP99: Number((percentile(singleLatencies, 99) / percentile(floorLatencies, 99)).toFixed(2)),
      peakServerRssMb: Math.round(peakRss / 1024 / 1024),
    };
    if (args.json) console.log(JSON.stringify(result));
    else {
      console.log(
        `database                 ${result.database} (medians of ${rounds} rounds; ratios taken within each round)`,
      );
      console.log(
        `raw driver insert rate   ${result.rawDriverRowsPerSec} rows/s (bare table); ${result.rawIntoEventTableRowsPerSec} rows/s into the Event table`,
      );
      console.log(
        `HTTP batch ingest        ${result.httpBatchEventsPerSec} events/s (${(result.ratioToRaw * 100).toFixed(1)}% of raw; ${(result.ratioToEventTable * 100).toFixed(1)}% of raw into the Event table)`,
      );
      console.log(`batch request latency    p50 ${result.batchLatencyMs.p50} ms, p99 ${result.batchLatencyMs.p99} ms`);
      console.log(
        `single-event latency     p50 ${result.singleEventLatencyMs.p50} ms, p99 ${result.singleEventLatencyMs.p99} ms (concurrency ${SINGLE_CONCURRENCY})`,
      );
      console.log(
        `framework floor          p50 ${result.frameworkFloorLatencyMs.p50} ms, p99 ${result.frameworkFloorLatencyMs.p99} ms (the same request refused with 401 before any database work, same concurrency)`,
      );
      console.log(`single p99 / floor p99   ${result.singleP99ToFloorP99}`);
      console.log(`peak server RSS          ${result.peakServerRssMb} MB`);
    }
  } finally {
    clearInterval(sampler);
    signalGroup(pgid, "SIGTERM");
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
