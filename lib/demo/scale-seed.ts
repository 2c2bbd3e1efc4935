import "server-only";
// `seed --scale small|large`: a realistic large dataset for the page benchmarks, written
// through the SQL layer's bulk insert (prepared statements on SQLite, multi-row INSERTs on
// PostgreSQL) instead of the ingest API, which would take hours at 10M events. Rollups are
// rebuilt afterwards by the product's own `rebuildRollups`, so they match the raw rows.
import type { Insertable } from "kysely";
import type { Db } from "@/lib/db/client";
import { dialectOf } from "@/lib/db/sql/registry";
import { jsonText, type DB, type TableName } from "@/lib/db/sql/schema";
import { insertRows, type Columns } from "@/lib/db/sql/writes";
import { buildAuditEntry, type AuditInput } from "@/lib/audit/append-audit";
import { ensureProject } from "@/lib/projects/projects";
import { DEFAULT_PRICES } from "@/lib/usage/default-prices";
import { computeCost, findPrice } from "@/lib/usage/cost";
import { ensureDefaultPrices, loadPrices } from "@/lib/usage/prices";
import { rebuildRollups } from "@/lib/usage/rollups";
import { rebuildLogFacets } from "@/lib/sessions/log-facets";
import { recountEvents } from "@/lib/sessions/session-counts";
import { mulberry32 } from "./random";

export const SCALES = {
  /** for tests */
  tiny: { sessions: 12, events: 3_000, calls: 240, runsPerSession: 4, largestSessionEvents: 1_000, auditEntries: 150 },
  small: {
    sessions: 2_000,
    events: 1_000_000,
    calls: 100_000,
    runsPerSession: 10,
    largestSessionEvents: 20_000,
    auditEntries: 20_000,
  },
  large: {
    sessions: 20_000,
    events: 10_000_000,
    calls: 1_000_000,
    runsPerSession: 10,
    largestSessionEvents: 200_000,
    auditEntries: 200_000,
  },
} as const;
export type Scale = keyof typeof SCALES;

/** Rows as arrays in the order of `columns` (compact at millions of rows), one transaction per call. */
async function insertColumns<T extends TableName>(
  db: Db,
  table: T,
  columns: readonly Columns<T>[],
  rows: readonly unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  const objects = rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])) as Insertable<DB[T]>);
  await db.$transaction((tx) => insertRows(tx, table, objects), { timeout: 600_000, maxWait: 60_000 });
}

const SESSION_COLS: Columns<"Session">[] = [
  "id",
  "projectId",
  "externalId",
  "source",
  "title",
  "mission",
  "status",
  "phase",
  "totalTokens",
  "costUsd",
  "errorCount",
  "startedAt",
  "endedAt",
  "createdAt",
  "updatedAt",
];
const RUN_COLS: Columns<"Run">[] = [
  "id",
  "projectId",
  "sessionId",
  "externalId",
  "source",
  "agentType",
  "status",
  "model",
  "startedAt",
  "endedAt",
  "durationMs",
  "createdAt",
  "updatedAt",
];
const CALL_COLS: Columns<"LlmCall">[] = [
  "id",
  "projectId",
  "sessionId",
  "runId",
  "externalId",
  "source",
  "agentType",
  "model",
  "provider",
  "inputTokens",
  "outputTokens",
  "cacheReadTokens",
  "totalTokens",
  "costUsd",
  "costSource",
  "priceId",
  "latencyMs",
  "status",
  "startedAt",
  "createdAt",
];
const EVENT_COLS: Columns<"Event">[] = [
  "projectId",
  "sessionId",
  "runId",
  "externalId",
  "source",
  "agentType",
  "level",
  "kind",
  "message",
  "details",
  "timestamp",
  "createdAt",
];

const AUDIT_COLS: Columns<"AuditEntry">[] = [
  "seq",
  "createdAt",
  "actorType",
  "actorId",
  "actorName",
  "actorRole",
  "action",
  "targetType",
  "targetId",
  "projectId",
  "outcome",
  "ip",
  "userAgent",
  "requestId",
  "details",
  "before",
  "after",
  "prevHash",
  "hash",
];
const AUDIT_ACTIONS = [
  "gate.approved",
  "gate.rejected",
  "gate.created",
  "user.login",
  "user.login_failed",
  "apikey.created",
  "import.completed",
  "price.updated",
] as const;

const SOURCES = ["bazinga", "tac", "studio", "agents-orchestrator", "beads"] as const;
const AGENTS = ["pm", "developer", "qa_expert", "tech_lead", "investigator", "orchestrator"] as const;
const STATUSES = [
  "completed",
  "completed",
  "completed",
  "failed",
  "running",
  "cancelled",
  "awaiting_approval",
] as const;
const LEVELS = ["info", "info", "info", "info", "debug", "warn", "error"] as const;
const MESSAGES = [
  "Spawned developer for group A: implement the login handler and its tests",
  "QA expert ran 42 tests: 41 passed, 1 failed (test_session_timeout)",
  "Tech lead review: approved with minor comments on error handling",
  "Investigator traced the flaky test to a shared temp directory",
  "Orchestrator moved to phase eng after the human gate was approved",
];

export type ScaleProgress = (phase: string, done: number, total: number) => void;

export async function seedScale(
  db: Db,
  scale: Scale,
  onProgress: ScaleProgress = () => {},
): Promise<{ projectId: string; sessions: number; runs: number; calls: number; events: number; rollups: number }> {
  const size = SCALES[scale];
  const project = await ensureProject(db, `scale-${scale}`, `Scale test (${scale})`);
  if ((await db.session.count({ where: { projectId: project.id } })) > 0)
    throw new Error(`project scale-${scale} already has data: seed a fresh database`);
  await ensureDefaultPrices(db);
  const prices = await loadPrices(db);
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
          await insertColumns(db, "Event", EVENT_COLS, chunk);
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
          runs.push([
            `${sid}r${r}`,
            pid,
            sid,
            `${sid}-run-${r}`,
            source,
            agentType,
            runStatus,
            models[r % models.length],
            new Date(runStart),
            new Date(runStart + runDuration),
            runDuration,
            created,
            created,
          ]);
        }
        for (let k = 0; k < nCalls; k++) {
          const model = models[Math.floor(random() * models.length)]!;
          const at = new Date(start + Math.floor((k / nCalls) * duration));
          const input = 500 + Math.floor(random() * 20_000);
          const cacheRead = Math.floor(input * random() * 0.5);
          const output = 50 + Math.floor(random() * 2_000);
          const price = findPrice(prices, model, at);
          const callCost = price
            ? computeCost(
                {
                  inputTokens: input,
                  outputTokens: output,
                  cacheReadTokens: cacheRead,
                  cacheWriteTokens: 0,
                  reasoningTokens: 0,
                  totalTokens: input + output,
                },
                price,
              )
            : null;
          tokens += input + output;
          cost += callCost ?? 0;
          const r = k % size.runsPerSession;
          callRows.push([
            `${sid}c${k}`,
            pid,
            sid,
            `${sid}r${r}`,
            `${sid}-call-${k}`,
            source,
            AGENTS[r % AGENTS.length],
            model,
            DEFAULT_PRICES.find((p) => p.model === model)?.provider ?? null,
            input,
            output,
            cacheRead,
            input + output,
            callCost,
            price ? "computed" : "unknown",
            price?.id ?? null,
            300 + Math.floor(random() * 20_000),
            "completed",
            at,
            created,
          ]);
        }
        for (let e = 0; e < nEvents; e++) {
          const level = LEVELS[Math.floor(random() * LEVELS.length)]!;
          if (level === "error") errors++;
          const r = e % size.runsPerSession;
          eventRows.push([
            pid,
            sid,
            `${sid}r${r}`,
            `${sid}-ev-${e}`,
            source,
            AGENTS[r % AGENTS.length],
            level,
            "log",
            MESSAGES[e % MESSAGES.length],
            jsonText({ iteration: e, group: r }),
            new Date(start + Math.floor((e / nEvents) * duration)),
            created,
          ]);
        }
        const ended = status === "running" || status === "awaiting_approval" ? null : new Date(start + duration);
        sessions.push([
          sid,
          pid,
          `scale-session-${s}`,
          source,
          `Scale session ${s}`,
          `Mission ${s}: build and verify feature ${s % 97}`,
          status,
          "eng",
          tokens,
          cost,
          errors,
          new Date(start),
          ended,
          created,
          new Date(start + duration),
        ]);
      }
      await insertColumns(db, "Session", SESSION_COLS, sessions);
      await insertColumns(db, "Run", RUN_COLS, runs);
      await insertColumns(db, "LlmCall", CALL_COLS, callRows);
      calls += callRows.length;
      await flushEvents();
      // the Logs tab's filter values and the sessions' event counts, as ingest keeps them
      const sessionIds = sessions.map((row) => row[0] as string);
      await rebuildLogFacets(db, sessionIds);
      await recountEvents(db, sessionIds);
      onProgress("sessions", Math.min(size.sessions, s0 + SLICE), size.sessions);
    }
    // an audit trail with a valid hash chain, continuing whatever the database already has
    const last = await db.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
    let prev = last;
    let audit: unknown[][] = [];
    for (let i = 0; i < size.auditEntries; i++) {
      const action = AUDIT_ACTIONS[i % AUDIT_ACTIONS.length]!;
      const input: AuditInput = {
        actor:
          i % 3 === 0
            ? { type: "api_key", id: `key${i % 7}`, name: "agents" }
            : { type: "user", id: `user${i % 11}`, name: `reviewer${i % 11}@example.com`, role: "approver" },
        action,
        outcome: action === "user.login_failed" ? "denied" : "success",
        target: { type: action.split(".")[0]!, id: `target-${i % 5000}` },
        projectId: pid,
        ip: `10.0.${i % 256}.${(i * 7) % 256}`,
        details: { n: i },
      };
      const { entry, prevHash, hash } = buildAuditEntry(
        prev,
        input,
        new Date(now - span + Math.floor((i / size.auditEntries) * span)),
      );
      const stored: Record<string, unknown> = {
        ...entry,
        createdAt: new Date(entry.createdAt),
        details: jsonText(entry.details),
        before: jsonText(entry.before),
        after: jsonText(entry.after),
        prevHash,
        hash,
      };
      audit.push(AUDIT_COLS.map((col) => stored[col]));
      prev = { seq: entry.seq, hash };
      if (audit.length >= 5_000) {
        await insertColumns(db, "AuditEntry", AUDIT_COLS, audit);
        audit = [];
        onProgress("audit", i + 1, size.auditEntries);
      }
    }
    await insertColumns(db, "AuditEntry", AUDIT_COLS, audit);
    onProgress("audit", size.auditEntries, size.auditEntries);
  } finally {
    await dialectOf(db).afterBulkLoad(db);
  }
  onProgress("rollups", 0, 1);
  const rollups = await rebuildRollups(db, pid);
  onProgress("rollups", 1, 1);
  return { projectId: pid, sessions: size.sessions, runs: runsTotal, calls, events, rollups: rollups.rows };
}
