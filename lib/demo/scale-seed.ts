import "server-only";
// `seed --scale small|large`: a realistic large dataset for the page benchmarks, written
// through the drivers' bulk paths (prepared statements on SQLite, multi-row INSERTs on
// PostgreSQL) instead of the ingest API, which would take hours at 10M events. Rollups are
// rebuilt afterwards by the product's own `rebuildRollups`, so they match the raw rows.
import pg from "pg";
import Database from "better-sqlite3";
import { valuesClause, toSqlValue, quoteIdent, type Column, type ColumnType } from "@/lib/db/bulk-sql";
import type { Db } from "@/lib/db/client";
import { parseDatabaseUrl } from "@/lib/db/database-url";
import { buildAuditEntry, type AuditInput } from "@/lib/audit/append-audit";
import { ensureProject } from "@/lib/projects/projects";
import { DEFAULT_PRICES } from "@/lib/usage/default-prices";
import { computeCost, findPrice } from "@/lib/usage/cost";
import { ensureDefaultPrices, loadPrices } from "@/lib/usage/prices";
import { rebuildRollups } from "@/lib/usage/rollups";
import { mulberry32 } from "./random";

export const SCALES = {
  /** for tests */
  tiny: { sessions: 12, events: 3_000, calls: 240, runsPerSession: 4, largestSessionEvents: 1_000, auditEntries: 150 },
  small: { sessions: 2_000, events: 1_000_000, calls: 100_000, runsPerSession: 10, largestSessionEvents: 20_000, auditEntries: 20_000 },
  large: { sessions: 20_000, events: 10_000_000, calls: 1_000_000, runsPerSession: 10, largestSessionEvents: 200_000, auditEntries: 200_000 },
} as const;
export type Scale = keyof typeof SCALES;

type Sink = { insert(table: string, columns: readonly Column[], rows: unknown[][]): Promise<void>; close(): Promise<void> };

function sqliteSink(file: string): Sink {
  const driver = new Database(file);
  driver.pragma("journal_mode = WAL");
  driver.pragma("synchronous = OFF");
  driver.pragma("foreign_keys = OFF");
  return {
    async insert(table, columns, rows) {
      const statement = driver.prepare(`INSERT INTO ${quoteIdent(table)} (${columns.map((c) => quoteIdent(c.name)).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
      driver.transaction(() => {
        for (const row of rows) statement.run(...columns.map((c, i) => toSqlValue("sqlite", c.type, row[i])));
      })();
    },
    async close() {
      driver.pragma("wal_checkpoint(TRUNCATE)");
      driver.close();
    },
  };
}

async function postgresSink(url: string): Promise<Sink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async insert(table, columns, rows) {
      const per = Math.floor(30_000 / columns.length);
      for (let i = 0; i < rows.length; i += per) {
        const { sql, params } = valuesClause("postgresql", columns, rows.slice(i, i + per));
        await client.query(`INSERT INTO ${quoteIdent(table)} (${columns.map((c) => quoteIdent(c.name)).join(", ")}) VALUES ${sql}`, params);
      }
    },
    async close() {
      // What autovacuum would have done to a database that grew to this size over time: the
      // visibility map lets counts over a session's events be index-only scans.
      await client.query("VACUUM (ANALYZE)");
      await client.end();
    },
  };
}

const c = (name: string, type: ColumnType = "text"): Column => ({ name, type });
const SESSION_COLS = [c("id"), c("projectId"), c("externalId"), c("source"), c("title"), c("mission"), c("status", "status"), c("phase"), c("totalTokens", "int"), c("costUsd", "float"), c("errorCount", "int"), c("startedAt", "timestamp"), c("endedAt", "timestamp"), c("createdAt", "timestamp"), c("updatedAt", "timestamp")];
const RUN_COLS = [c("id"), c("projectId"), c("sessionId"), c("externalId"), c("source"), c("agentType"), c("status", "status"), c("model"), c("startedAt", "timestamp"), c("endedAt", "timestamp"), c("durationMs", "int"), c("createdAt", "timestamp"), c("updatedAt", "timestamp")];
const CALL_COLS = [c("id"), c("projectId"), c("sessionId"), c("runId"), c("externalId"), c("source"), c("agentType"), c("model"), c("provider"), c("inputTokens", "int"), c("outputTokens", "int"), c("cacheReadTokens", "int"), c("totalTokens", "int"), c("costUsd", "float"), c("costSource"), c("priceId"), c("latencyMs", "int"), c("status", "status"), c("startedAt", "timestamp"), c("createdAt", "timestamp")];
const EVENT_COLS = [c("projectId"), c("sessionId"), c("runId"), c("externalId"), c("source"), c("agentType"), c("level"), c("kind"), c("message"), c("details", "json"), c("timestamp", "timestamp"), c("createdAt", "timestamp")];

const AUDIT_COLS = [c("seq", "int"), c("createdAt", "timestamp"), c("actorType"), c("actorId"), c("actorName"), c("actorRole"), c("action"), c("targetType"), c("targetId"), c("projectId"), c("outcome"), c("ip"), c("userAgent"), c("requestId"), c("details", "json"), c("before", "json"), c("after", "json"), c("prevHash"), c("hash")];
const AUDIT_ACTIONS = ["gate.approved", "gate.rejected", "gate.created", "user.login", "user.login_failed", "apikey.created", "import.completed", "price.updated"] as const;

const SOURCES = ["bazinga", "tac", "studio", "agents-orchestrator", "beads"] as const;
const AGENTS = ["pm", "developer", "qa_expert", "tech_lead", "investigator", "orchestrator"] as const;
const STATUSES = ["completed", "completed", "completed", "failed", "running", "cancelled", "awaiting_approval"] as const;
const LEVELS = ["info", "info", "info", "info", "debug", "warn", "error"] as const;
const MESSAGES = [
  "Spawned developer for group A: implement the login handler and its tests",
  "QA expert ran 42 tests: 41 passed, 1 failed (test_session_timeout)",
  "Tech lead review: approved with minor comments on error handling",
  "Investigator traced the flaky test to a shared temp directory",
  "Orchestrator moved to phase eng after the human gate was approved",
];

export type ScaleProgress = (phase: string, done: number, total: number) => void;

export async function seedScale(db: Db, url: string, scale: Scale, onProgress: ScaleProgress = () => {}): Promise<{ projectId: string; sessions: number; runs: number; calls: number; events: number; rollups: number }> {
  const size = SCALES[scale];
  const project = await ensureProject(db, `scale-${scale}`, `Scale test (${scale})`);
  if ((await db.session.count({ where: { projectId: project.id } })) > 0) throw new Error(`project scale-${scale} already has data: seed a fresh database`);
  await ensureDefaultPrices(db);
  const prices = await loadPrices(db);
  const target = parseDatabaseUrl(url);
  const sink = target.kind === "sqlite" ? sqliteSink(target.file) : await postgresSink(url);
  const random = mulberry32(scale === "large" ? 20_000 : 2_000);
  const now = Date.now();
  const span = 30 * 24 * 3600_000;
  const models = DEFAULT_PRICES.slice(0, 6).map((p) => p.model);
  const pid = project.id;
  const created = new Date(now);
  const sessionStart = (s: number) => now - span + Math.floor((s / size.sessions) * (span - 3 * 3600_000));
  const runsTotal = size.sessions * size.runsPerSession;
  const otherEvents = size.events - size.largestSessionEvents;
  let events = 0;
  let calls = 0;
  try {
    // sessions, with their runs, calls and events, in slices so memory stays flat
    const SLICE = 200;
    for (let s0 = 0; s0 < size.sessions; s0 += SLICE) {
      const sessions: unknown[][] = [];
      const runs: unknown[][] = [];
      const callRows: unknown[][] = [];
      // events wait for their sessions and runs: PostgreSQL checks foreign keys per row
      const eventRows: unknown[][] = [];
      const flushEvents = async () => {
        for (let i = 0; i < eventRows.length; i += 20_000) {
          const chunk = eventRows.slice(i, i + 20_000);
          await sink.insert("Event", EVENT_COLS, chunk);
          events += chunk.length;
          onProgress("events", events, size.events);
        }
        eventRows.length = 0;
      };
      for (let s = s0; s < Math.min(size.sessions, s0 + SLICE); s++) {
        const sid = `scale${s}`;
        const source = SOURCES[s % SOURCES.length]!;
        const start = sessionStart(s);
        const status = s === 0 ? "running" : STATUSES[Math.floor(random() * STATUSES.length)]!;
        const nEvents = s === 0 ? size.largestSessionEvents : Math.round(otherEvents / (size.sessions - 1));
        const nCalls = Math.round(size.calls / size.sessions);
        const duration = 20 * 60_000 + Math.floor(random() * 3 * 3600_000);
        let tokens = 0;
        let cost = 0;
        let errors = 0;
        for (let r = 0; r < size.runsPerSession; r++) {
          const agentType = AGENTS[r % AGENTS.length]!;
          const runStart = start + Math.floor((r / size.runsPerSession) * duration);
          const runDuration = 5_000 + Math.floor(random() * 600_000);
          const runStatus = random() < 0.1 ? "failed" : "completed";
          runs.push([`${sid}r${r}`, pid, sid, `${sid}-run-${r}`, source, agentType, runStatus, models[r % models.length], new Date(runStart), new Date(runStart + runDuration), runDuration, created, created]);
        }
        for (let k = 0; k < nCalls; k++) {
          const model = models[Math.floor(random() * models.length)]!;
          const at = new Date(start + Math.floor((k / nCalls) * duration));
          const input = 500 + Math.floor(random() * 20_000);
          const cacheRead = Math.floor(input * random() * 0.5);
          const output = 50 + Math.floor(random() * 2_000);
          const price = findPrice(prices, model, at);
          const callCost = price ? computeCost({ inputTokens: input, outputTokens: output, cacheReadTokens: cacheRead, cacheWriteTokens: 0, reasoningTokens: 0, totalTokens: input + output }, price) : null;
          tokens += input + output;
          cost += callCost ?? 0;
          const r = k % size.runsPerSession;
          callRows.push([`${sid}c${k}`, pid, sid, `${sid}r${r}`, `${sid}-call-${k}`, source, AGENTS[r % AGENTS.length], model, DEFAULT_PRICES.find((p) => p.model === model)?.provider ?? null, input, output, cacheRead, input + output, callCost, price ? "computed" : "unknown", price?.id ?? null, 300 + Math.floor(random() * 20_000), "completed", at, created]);
        }
        for (let e = 0; e < nEvents; e++) {
          const level = LEVELS[Math.floor(random() * LEVELS.length)]!;
          if (level === "error") errors++;
          const r = e % size.runsPerSession;
          eventRows.push([pid, sid, `${sid}r${r}`, `${sid}-ev-${e}`, source, AGENTS[r % AGENTS.length], level, "log", MESSAGES[e % MESSAGES.length], { iteration: e, group: r }, new Date(start + Math.floor((e / nEvents) * duration)), created]);
        }
        const ended = status === "running" || status === "awaiting_approval" ? null : new Date(start + duration);
        sessions.push([sid, pid, `scale-session-${s}`, source, `Scale session ${s}`, `Mission ${s}: build and verify feature ${s % 97}`, status, "eng", tokens, cost, errors, new Date(start), ended, created, new Date(start + duration)]);
      }
      await sink.insert("Session", SESSION_COLS, sessions);
      await sink.insert("Run", RUN_COLS, runs);
      await sink.insert("LlmCall", CALL_COLS, callRows);
      calls += callRows.length;
      await flushEvents();
      onProgress("sessions", Math.min(size.sessions, s0 + SLICE), size.sessions);
    }
    // an audit trail with a valid hash chain, continuing whatever the database already has
    const last = await db.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
    let prev = last;
    let audit: unknown[][] = [];
    for (let i = 0; i < size.auditEntries; i++) {
      const action = AUDIT_ACTIONS[i % AUDIT_ACTIONS.length]!;
      const input: AuditInput = {
        actor: i % 3 === 0 ? { type: "api_key", id: `key${i % 7}`, name: "agents" } : { type: "user", id: `user${i % 11}`, name: `reviewer${i % 11}@example.com`, role: "approver" },
        action,
        outcome: action === "user.login_failed" ? "denied" : "success",
        target: { type: action.split(".")[0]!, id: `target-${i % 5000}` },
        projectId: pid,
        ip: `10.0.${i % 256}.${(i * 7) % 256}`,
        details: { n: i },
      };
      const { entry, prevHash, hash } = buildAuditEntry(prev, input, new Date(now - span + Math.floor((i / size.auditEntries) * span)));
      audit.push(AUDIT_COLS.map((col) => (col.name === "prevHash" ? prevHash : col.name === "hash" ? hash : (entry as Record<string, unknown>)[col.name])));
      prev = { seq: entry.seq, hash };
      if (audit.length >= 5_000) {
        await sink.insert("AuditEntry", AUDIT_COLS, audit);
        audit = [];
        onProgress("audit", i + 1, size.auditEntries);
      }
    }
    await sink.insert("AuditEntry", AUDIT_COLS, audit);
    onProgress("audit", size.auditEntries, size.auditEntries);
  } finally {
    await sink.close();
  }
  onProgress("rollups", 0, 1);
  const rollups = await rebuildRollups(db, pid);
  onProgress("rollups", 1, 1);
  return { projectId: pid, sessions: size.sessions, runs: runsTotal, calls, events, rollups: rollups.rows };
}
