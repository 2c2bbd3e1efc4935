import "server-only";
// The one write path for telemetry: the HTTP API, the demo seeder and the importers all
// call ingestEvents. A whole batch commits in one transaction; a replayed event id answers
// 200 and changes nothing; one bad event never fails the others.
import type BetterSqlite3 from "better-sqlite3";
import { kindOf, sqliteDriverOf, type Db } from "@/lib/db/client";
import type { DatabaseKind } from "@/lib/db/database-url";
import { env } from "@/lib/env";
import { publishIngested } from "@/lib/live/publish";
import { loadPrices } from "@/lib/usage/prices";
import { applyAgent, applyArtifact, applyLlmCall, applyMessage, applyRun, applySession, applyTask } from "./apply-entities";
import { RecordBuffer } from "./apply-records";
import { BatchContext, type Tx } from "./batch-context";
import { redactEvent } from "./redact";
import { parseEvent, type IngestEvent, type IngestResult } from "./schemas";

export type IngestOptions = {
  /** source system recorded on rows whose event does not name one */
  source?: string;
};

type Pending = { index: number; event: IngestEvent };

function references(events: readonly IngestEvent[]) {
  const refs = { sessions: new Set<string>(), runs: new Set<string>(), agents: new Set<string>(), tasks: new Set<string>() };
  for (const { type, body } of events) {
    const b = body as Record<string, unknown>;
    const add = (set: Set<string>, v: unknown) => typeof v === "string" && set.add(v);
    add(refs.sessions, b.sessionId);
    add(refs.sessions, b.parentSessionId);
    add(refs.runs, b.runId);
    add(refs.runs, b.parentRunId);
    add(refs.agents, b.agentId);
    if (type === "task") {
      add(refs.tasks, b.taskId);
      add(refs.tasks, b.parentTaskId);
    }
  }
  return refs;
}

async function applyEvent(ctx: BatchContext, records: RecordBuffer, event: IngestEvent): Promise<void> {
  const at = event.timestamp;
  switch (event.type) {
    case "session":
      return applySession(ctx, event.body, at);
    case "agent":
      return applyAgent(ctx, event.body, at);
    case "run":
      return applyRun(ctx, event.body, at);
    case "llm_call":
      return applyLlmCall(ctx, event.body, at);
    case "message":
      return applyMessage(ctx, event.body, at);
    case "task":
      return applyTask(ctx, event.body, at);
    case "artifact":
      return applyArtifact(ctx, event.body, at);
    case "log":
      return records.addLog(event.id, event.body, at);
    case "state":
      return records.addState(event.id, event.body, at);
    case "decision":
      return records.addDecision(event.id, event.body, at);
    case "metric":
      return records.addMetric(event.id, event.body, at);
  }
}

/** Logs, states, decisions and metrics: deduplicated by their own unique key, not by receipts. */
const RECORD_TYPES: ReadonlySet<string> = new Set(["log", "state", "decision", "metric"]);

/** Applies events inside a transaction; returns the ids that were already stored. */
async function applyBatch(tx: Tx, kind: DatabaseKind, driver: BetterSqlite3.Database | undefined, projectId: string, pending: readonly Pending[], options: IngestOptions): Promise<Set<string>> {
  const entityIds = pending.filter((p) => !RECORD_TYPES.has(p.event.type)).map((p) => p.event.id);
  const stored = new Set<string>();
  for (let i = 0; i < entityIds.length; i += 500) {
    const rows = await tx.ingestReceipt.findMany({
      where: { projectId, eventId: { in: entityIds.slice(i, i + 500) } },
      select: { eventId: true },
    });
    for (const r of rows) stored.add(r.eventId);
  }
  const fresh = pending.filter((p) => !stored.has(p.event.id));
  if (fresh.length === 0) return stored;
  const ctx = new BatchContext(tx, kind, projectId, options.source ?? "api", await loadPrices(tx), driver);
  await ctx.preload(references(fresh.map((p) => p.event)));
  const records = new RecordBuffer(ctx);
  for (const { event } of fresh) await applyEvent(ctx, records, event);
  const insertedRecords = await records.flush();
  await ctx.flush();
  const entities = fresh.filter((p) => !RECORD_TYPES.has(p.event.type));
  if (entities.length > 0) await tx.ingestReceipt.createMany({ data: entities.map((p) => ({ projectId, eventId: p.event.id, type: p.event.type })) });
  for (const p of fresh) if (RECORD_TYPES.has(p.event.type) && !insertedRecords.has(p.event.id)) stored.add(p.event.id);
  return stored;
}

const TX_OPTIONS = { maxWait: 60_000, timeout: 120_000 };

function isConflict(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === "P2002" || e?.code === "P2034" || /unique constraint|deadlock|could not serialize/i.test(e?.message ?? "");
}

export async function ingestEvents(db: Db, projectId: string, raw: readonly unknown[], options: IngestOptions = {}): Promise<IngestResult[]> {
  const results: IngestResult[] = new Array<IngestResult>(raw.length);
  const pending: Pending[] = [];
  const seen = new Set<string>();
  const redact = env().OBSERVATORY_REDACT_SECRETS !== false;
  raw.forEach((item, index) => {
    const parsed = parseEvent(item);
    if (!parsed.ok) {
      results[index] = { id: parsed.id, status: 400, error: parsed.error };
    } else if (seen.has(parsed.event.id)) {
      results[index] = { id: parsed.event.id, status: 200 };
    } else {
      seen.add(parsed.event.id);
      pending.push({ index, event: redact ? redactEvent(parsed.event) : parsed.event });
    }
  });
  if (pending.length === 0) return results;

  const run = async (batch: readonly Pending[]) => {
    const stored = await db.$transaction((tx) => applyBatch(tx, kindOf(db), sqliteDriverOf(db), projectId, batch, options), TX_OPTIONS);
    // committed: tell live views (SSE) what changed
    publishIngested(db, projectId, batch.filter((p) => !stored.has(p.event.id)).map((p) => p.event));
    return stored;
  };
  const mark = (batch: readonly Pending[], stored: Set<string>) => {
    for (const p of batch) results[p.index] = { id: p.event.id, status: stored.has(p.event.id) ? 200 : 201 };
  };

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      mark(pending, await run(pending));
      return results;
    } catch (error) {
      if (!isConflict(error)) break;
    }
  }
  // Something in the batch cannot be stored: store the others one by one so that a single
  // event's failure is its own. A conflict here is still a concurrent batch creating the same
  // session or agent (PostgreSQL), not this event's fault: retry it as the batch is retried.
  for (const p of pending) {
    for (let attempt = 1; ; attempt++) {
      try {
        mark([p], await run([p]));
        break;
      } catch (error) {
        if (attempt < 3 && isConflict(error)) continue;
        console.error(`ingest: event ${p.event.id} (${p.event.type}) failed:`, error instanceof Error ? error.message : error);
        results[p.index] = { id: p.event.id, status: 500, error: { code: "storage_error", message: "the event could not be stored; retry later" } };
        break;
      }
    }
  }
  return results;
}
