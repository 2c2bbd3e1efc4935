// npm run profile:ingest -- [--batches 60] [--rounds 3] [--concurrency 1] [--json]
//
// Where SQLite batch ingest spends its time, without HTTP: the real /api/v1/ingest route
// handler is called in-process with the batches bench:ingest sends (500 log events), on a
// fresh SQLite database. Per 500-event batch, it reports
//   - the handler's wall time (auth, body, validation, the write queue, the transaction, the answer);
//   - the time SQLite itself spends in each kind of statement (every better-sqlite3 statement
//     is timed and classed by its SQL: the Event insert, receipts, the session counters, …);
//   - the pure stages timed alone on the same bodies: JSON.parse, the request schema, each
//     event's parse by the schemas (zod + storable text), redaction, the log fast path that
//     ingest takes for such events instead of those two, the answer's JSON;
//   - the raw driver's time for the same 500 rows into a freshly migrated Event table, as
//     bench:ingest measures it, in the same round.
// The rest of the handler's time is the glue between them (Prisma's transaction and query
// machinery, Kysely, building rows, promises), which a CPU profile splits further:
//   npx tsx --cpu-prof --cpu-prof-dir=/tmp/ingest-prof --conditions=react-server scripts/profile-ingest.ts
// (Node refuses --cpu-prof in NODE_OPTIONS)
// Medians over rounds, as the other benchmark scripts report them (this machine's neighbours
// steal CPU time unevenly); HTTP and Next.js come on top (bench:ingest measures the sum).
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { freshDatabaseUrl, pool, prepareProject } from "./lib/server-harness";
import { benchLogEvent, RAW_EVENT_COLUMNS, rawEventRow } from "./lib/bench-events";
import { median } from "./lib/stats";

const { values: args } = parseArgs({
  options: {
    batches: { type: "string", default: "60" },
    rounds: { type: "string", default: "3" },
    concurrency: { type: "string", default: "1" },
    json: { type: "boolean", default: false },
  },
});
const BATCH = 500;
const batches = Math.max(1, Number(args.batches));
const rounds = Math.max(1, Number(args.rounds));
const concurrency = Math.max(1, Number(args.concurrency));

const log = (m: string) => {
  if (!args.json) console.error(`[profile] ${m}`);
};

// ---- time spent inside SQLite, by kind of statement -------------------------------------

// Kysely quotes names "Event"; Prisma writes `main`.`Event`.
const Q = '[`"]';
const T = (name: string) => `(?:${Q}main${Q}\\.)?${Q}${name}${Q}`;
/** Statement kinds, first match wins; the SQL is what Prisma and lib/db/sql send. */
const SQL_KINDS: [string, RegExp][] = [
  ["transaction BEGIN/COMMIT", /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i],
  ["Event insert", new RegExp(`^insert into ${T("Event")}`, "i")],
  ["receipts (IngestReceipt)", new RegExp(T("IngestReceipt"))],
  ["session activity (UPDATE Session)", new RegExp(`^update ${T("Session")}`, "i")],
  ["placeholders (INSERT Session/Run/Agent/Task)", new RegExp(`^insert into ${T("(?:Session|Run|Agent|Task)")}`, "i")],
  ["rollups (UsageRollup*)", new RegExp(T("UsageRollup(?:Daily)?"))],
  [
    "reference preload (SELECT Session/Run/Agent/Task)",
    new RegExp(`^select .* from ${T("(?:Session|Run|Agent|Task)")}`, "is"),
  ],
  ["API key lookup and lastUsedAt", new RegExp(T("ApiKey"))],
];
const sqlMs = new Map<string, number>();

function sqlKind(source: string): string {
  for (const [kind, pattern] of SQL_KINDS) if (pattern.test(source)) return kind;
  return `other: ${source.slice(0, 60)}`;
}

/** Times every statement run on any better-sqlite3 handle of this process, by kind. */
function timeStatements(): void {
  const probe = new Database(":memory:");
  const proto = Object.getPrototypeOf(probe.prepare("SELECT 1")) as Record<string, unknown>;
  probe.close();
  for (const method of ["run", "get", "all", "iterate"] as const) {
    const original = proto[method] as (this: Database.Statement, ...a: unknown[]) => unknown;
    proto[method] = function (this: Database.Statement, ...a: unknown[]) {
      const t0 = performance.now();
      try {
        return original.apply(this, a);
      } finally {
        const kind = sqlKind(this.source);
        sqlMs.set(kind, (sqlMs.get(kind) ?? 0) + performance.now() - t0);
      }
    };
  }
}

// ---- the batches ------------------------------------------------------------------------

function batchBody(b: number, prefix: string): string {
  return JSON.stringify({ events: Array.from({ length: BATCH }, (_, j) => benchLogEvent(b * BATCH + j, prefix)) });
}

/** Milliseconds per call of `fn` over `runs` calls (after one warm-up call). */
function msPer(runs: number, fn: (i: number) => unknown): number {
  fn(0);
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) fn(i);
  return (performance.now() - t0) / runs;
}

// ---- the raw driver, as bench:ingest times it -------------------------------------------

/** 500 event-shaped rows into a migrated Event table, one transaction per batch: ms per batch. */
async function rawEventTableMs(round: number, projectId: string, file: string): Promise<number> {
  const { sqliteTimestamp } = await import("../lib/db/sql/dialects");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  const columns = RAW_EVENT_COLUMNS;
  const insert = db.prepare(
    `INSERT INTO "Event" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")}) ON CONFLICT ("projectId", "externalId") DO NOTHING`,
  );
  const now = sqliteTimestamp(new Date());
  const write = db.transaction((start: number) => {
    for (let i = start; i < start + BATCH; i++) insert.run(...rawEventRow(projectId, round, i, now, sqliteTimestamp));
  });
  const t0 = performance.now();
  for (let b = 0; b < batches; b++) write(b * BATCH);
  const ms = (performance.now() - t0) / batches;
  db.close();
  return ms;
}

async function rawTarget(): Promise<{ projectId: string; file: string }> {
  const { sqliteTimestamp } = await import("../lib/db/sql/dialects");
  const url = await freshDatabaseUrl("sqlite", "profile-ingest-raw");
  const { projectId } = await prepareProject(url, "profile-raw");
  const db = new Database(url.slice(5));
  const ts = sqliteTimestamp(new Date());
  const insert = db.prepare(
    `INSERT INTO "Session" ("id", "projectId", "externalId", "source", "startedAt", "updatedAt") VALUES (?, ?, ?, 'api', ?, ?)`,
  );
  for (let i = 0; i < 50; i++) insert.run(`raw-session-${i}`, projectId, `raw-session-${i}`, ts, ts);
  db.close();
  return { projectId, file: url.slice(5) };
}

// ---- the run ----------------------------------------------------------------------------

type Round = {
  handlerMs: number;
  rawEventTableMs: number;
  sql: Record<string, number>;
  pure: Record<string, number>;
};

async function main(): Promise<void> {
  const url = await freshDatabaseUrl("sqlite", "profile-ingest");
  // the server's settings, with bench:ingest's rate limits (set before lib/env first reads them)
  process.env.DATABASE_URL = url;
  process.env.OBSERVATORY_RATE_LIMIT = "100000";
  process.env.OBSERVATORY_RATE_BURST = "100000";
  const { key } = await prepareProject(url, "profile-ingest");
  const raw = await rawTarget();
  const { POST } = await import("../app/api/v1/ingest/route");
  const { parseBody } = await import("../lib/api/parse-body");
  const { ingestRequestSchema, parseEvent } = await import("../lib/ingest/schemas");
  const { storableJson } = await import("../lib/db/storable-text");
  const { redactEvent } = await import("../lib/ingest/redact");
  const { parseLogEventFast } = await import("../lib/ingest/log-event-fast-path");
  timeStatements();

  const post = async (body: string) => {
    const request = new Request("http://observatory.test/api/v1/ingest", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body,
    });
    const res = await POST(request, { params: Promise.resolve({}) });
    const answer = (await res.json()) as { results?: { status: number }[] };
    if (res.status !== 207 || answer.results?.some((r) => r.status !== 201))
      throw new Error(`ingest failed: HTTP ${res.status}`);
  };

  // warm up: the route, the statements, the placeholder sessions (as bench:ingest's first request)
  for (let b = 0; b < 5; b++) await post(batchBody(b, "warm"));

  const measured: Round[] = [];
  for (let round = 1; round <= rounds; round++) {
    const bodies = Array.from({ length: batches }, (_, b) => batchBody(b, `round-${round}`));
    sqlMs.clear();
    const t0 = performance.now();
    await pool(
      bodies.map((_, b) => b),
      concurrency,
      (b) => post(bodies[b]!),
    );
    const handlerMs = (performance.now() - t0) / batches;
    const sql = Object.fromEntries([...sqlMs].map(([k, v]) => [k, v / batches]));

    // the pure stages, alone, on this round's bodies
    const parsed = bodies.map((b) => JSON.parse(b) as { events: unknown[] });
    const events = parsed.map((p) => p.events.map((e) => parseEvent(e)));
    const pure: Record<string, number> = {
      "JSON.parse of the body": msPer(batches, (i) => JSON.parse(bodies[i]!)),
      "request schema (events array)": msPer(batches, (i) => parseBody(parsed[i], ingestRequestSchema)),
      "event parse, total (storable text + zod), 500 events": msPer(batches, (i) => parsed[i]!.events.map(parseEvent)),
      "  of which storable-text cleaning": msPer(batches, (i) => parsed[i]!.events.map((e) => storableJson(e))),
      "redaction, 500 events": msPer(batches, (i) => events[i]!.map((p) => (p.ok ? redactEvent(p.event) : undefined))),
      "as ingest validates: the log fast path (one walk: types, storable text, depth, secrets)": msPer(batches, (i) =>
        parsed[i]!.events.map((e) => parseLogEventFast(e)),
      ),
      "answer JSON (Response.json)": msPer(batches, (i) =>
        Response.json({ results: parsed[i]!.events.map((_, j) => ({ id: `round-${round}-${j}`, status: 201 })) }),
      ),
    };
    const rawMs = await rawEventTableMs(round, raw.projectId, raw.file);
    measured.push({ handlerMs, rawEventTableMs: rawMs, sql, pure });
    log(
      `round ${round}/${rounds}: handler ${handlerMs.toFixed(2)} ms per batch (${Math.round((BATCH / handlerMs) * 1000)} events/s), raw into Event ${rawMs.toFixed(2)} ms per batch`,
    );
  }

  const med = (pick: (r: Round) => number | undefined) => median(measured.map((r) => pick(r) ?? 0));
  const handlerMs = med((r) => r.handlerMs);
  const rawMs = med((r) => r.rawEventTableMs);
  const sqlKinds = [...new Set(measured.flatMap((r) => Object.keys(r.sql)))];
  const sql = Object.fromEntries(sqlKinds.map((k) => [k, med((r) => r.sql[k])]));
  const pure = Object.fromEntries(Object.keys(measured[0]!.pure).map((k) => [k, med((r) => r.pure[k])]));
  const sqlTotal = Object.values(sql).reduce((a, b) => a + b, 0);
  const result = {
    database: "sqlite",
    batch: BATCH,
    batches,
    rounds,
    concurrency,
    handlerMsPerBatch: Number(handlerMs.toFixed(2)),
    handlerEventsPerSec: Math.round((BATCH / handlerMs) * 1000),
    rawIntoEventTableMsPerBatch: Number(rawMs.toFixed(2)),
    ratioToEventTable: Number((rawMs / handlerMs).toFixed(3)),
    insideSqliteMsPerBatch: Object.fromEntries(Object.entries(sql).map(([k, v]) => [k, Number(v.toFixed(3))])),
    pureStagesMsPerBatch: Object.fromEntries(Object.entries(pure).map(([k, v]) => [k, Number(v.toFixed(3))])),
  };
  if (args.json) {
    console.log(JSON.stringify(result));
    return;
  }
  const row = (name: string, ms: number) =>
    console.log(
      `  ${name.padEnd(58)} ${ms.toFixed(2).padStart(7)} ms  ${((ms / handlerMs) * 100).toFixed(1).padStart(5)} %`,
    );
  console.log(
    `route handler, in-process   ${handlerMs.toFixed(2)} ms per ${BATCH}-event batch (${result.handlerEventsPerSec} events/s, concurrency ${concurrency}; medians of ${rounds} rounds)`,
  );
  console.log(
    `raw driver into Event       ${rawMs.toFixed(2)} ms per batch: the handler reaches ${(result.ratioToEventTable * 100).toFixed(1)} % of its rate`,
  );
  console.log("inside SQLite (per batch, share of the handler's time):");
  for (const [k, v] of Object.entries(sql).sort((a, b) => b[1] - a[1])) row(k, v);
  row("all statements", sqlTotal);
  console.log("pure stages timed alone on the same bodies:");
  for (const [k, v] of Object.entries(pure)) row(k, v);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[profile] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
