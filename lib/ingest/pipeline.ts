import "server-only";
// The one write path for telemetry: the HTTP API, the demo seeder and the importers all
// call ingestEvents. A whole batch commits in one transaction; a replayed event id answers
// 200 and changes nothing; one bad event never fails the others.
import type { Db } from "@/lib/db/client";
import { dialectOf, writeTransaction } from "@/lib/db/sql/registry";
import { selectByKeys } from "@/lib/db/sql/writes";
import { env } from "@/lib/env";
import { publishIngested } from "@/lib/live/publish";
import {
  applyAgent,
  applyArtifact,
  applyLlmCall,
  applyMessage,
  applyRun,
  applySession,
  applyTask,
} from "./apply-entities";
import { RecordBuffer } from "./apply-records";
import { BatchContext, type Tx } from "./batch-context";
import { parseLogEventFast } from "./log-event-fast-path";
import { redactEvent } from "./redact";
import { parseEvent, type IngestEvent, type IngestResult, type ParsedEvent } from "./schemas";
import { CoalescingQueue } from "./write-queue";

export type IngestOptions = {
  /** source system recorded on rows whose event does not name one */
  source?: string;
  /** refuse with QueueFullError rather than wait when the write queue is full (the API) */
  shed?: boolean;
};

type Pending = { index: number; event: IngestEvent };

function references(events: readonly IngestEvent[]) {
  const refs = {
    sessions: new Set<string>(),
    runs: new Set<string>(),
    agents: new Set<string>(),
    tasks: new Set<string>(),
  };
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

/** The entity events among `eventIds` that an earlier request stored (their receipts). */
async function storedReceipts(tx: Tx, projectId: string, eventIds: readonly string[]): Promise<Set<string>> {
  const stored = new Set<string>();
  for (const r of await selectByKeys(tx, "IngestReceipt", ["eventId"], projectId, "eventId", eventIds))
    stored.add(r.eventId as string);
  return stored;
}

/** Applies events inside a transaction; returns the ids that were already stored. */
async function applyBatch(
  tx: Tx,
  projectId: string,
  pending: readonly Pending[],
  options: IngestOptions,
  afterCommit: (fn: () => void) => void,
): Promise<Set<string>> {
  const entityIds = pending.filter((p) => !RECORD_TYPES.has(p.event.type)).map((p) => p.event.id);
  const stored = await storedReceipts(tx, projectId, entityIds);
  const fresh = pending.filter((p) => !stored.has(p.event.id));
  if (fresh.length === 0) return stored;
  const ctx = new BatchContext(tx, projectId, options.source ?? "api", afterCommit);
  await ctx.preload(references(fresh.map((p) => p.event)));
  const records = new RecordBuffer(ctx);
  for (const { event } of fresh) {
    // most logs refer to rows the preload found: no placeholder to create, nothing to await
    if (event.type === "log" && records.addKnownLog(event.id, event.body, event.timestamp)) continue;
    await applyEvent(ctx, records, event);
  }
  const insertedRecords = await records.flush();
  await ctx.flush();
  const entities = fresh.filter((p) => !RECORD_TYPES.has(p.event.type));
  if (entities.length > 0)
    await tx.ingestReceipt.createMany({
      data: entities.map((p) => ({ projectId, eventId: p.event.id, type: p.event.type })),
    });
  for (const p of fresh) if (RECORD_TYPES.has(p.event.type) && !insertedRecords.has(p.event.id)) stored.add(p.event.id);
  return stored;
}

const TX_OPTIONS = { maxWait: 60_000, timeout: 120_000 };

function isConflict(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === "P2002" ||
    e?.code === "P2034" ||
    /unique constraint|deadlock|could not serialize/i.test(e?.message ?? "")
  );
}

/** One caller's validated events, waiting in the write queue. */
type Job = { projectId: string; pending: readonly Pending[]; options: IngestOptions };
/** What the queue answers a job: the result of each pending event, by its request index. */
type Outcome = Map<number, IngestResult>;

/** Writes groups of events in one transaction; answers the ids each group found already stored. */
async function commit(db: Db, groups: readonly Job[]): Promise<Set<string>[]> {
  const committed: (() => void)[] = [];
  const stored = await writeTransaction(
    db,
    async (tx: Tx) => {
      const out: Set<string>[] = [];
      for (const g of groups)
        out.push(await applyBatch(tx, g.projectId, g.pending, g.options, (fn) => committed.push(fn)));
      return out;
    },
    TX_OPTIONS,
  );
  for (const fn of committed) fn();
  // committed: tell live views (SSE) what changed
  groups.forEach((g, i) =>
    publishIngested(
      db,
      g.projectId,
      g.pending.filter((p) => !stored[i]!.has(p.event.id)).map((p) => p.event),
    ),
  );
  return stored;
}

function outcome(pending: readonly Pending[], stored: Set<string>, into: Outcome = new Map()): Outcome {
  for (const p of pending) into.set(p.index, { id: p.event.id, status: stored.has(p.event.id) ? 200 : 201 });
  return into;
}

/**
 * The jobs of one queue turn in one transaction: grouped by project and source, an event id
 * that an earlier job of the turn also sent is written once and answers 200 (a replay) here.
 */
async function writeTogether(db: Db, jobs: readonly Job[]): Promise<Outcome[]> {
  const groups = new Map<string, Job & { index: number; pending: Pending[] }>();
  const replays = jobs.map(() => [] as Pending[]);
  const owns = jobs.map(() => [] as Pending[]);
  const groupOf: number[] = [];
  const seen = new Set<string>();
  jobs.forEach((job, j) => {
    const key = `${job.projectId}\u0000${job.options.source ?? ""}`;
    let group = groups.get(key);
    if (!group)
      groups.set(key, (group = { index: groups.size, projectId: job.projectId, options: job.options, pending: [] }));
    groupOf[j] = group.index;
    for (const p of job.pending) {
      const id = `${job.projectId}\u0000${p.event.id}`;
      if (seen.has(id)) replays[j]!.push(p);
      else {
        seen.add(id);
        group.pending.push(p);
        owns[j]!.push(p);
      }
    }
  });
  const stored = await commit(db, [...groups.values()]);
  return jobs.map((_, j) =>
    outcome(replays[j]!, new Set(replays[j]!.map((p) => p.event.id)), outcome(owns[j]!, stored[groupOf[j]!]!)),
  );
}

/**
 * One job alone, as if nothing else were queued: the whole job in one transaction, and when
 * something in it cannot be stored, event by event so that a single event's failure is its
 * own. A conflict is still a concurrent batch creating the same session or agent
 * (PostgreSQL), not the event's fault: it is retried as the batch is.
 */
async function writeAlone(db: Db, job: Job): Promise<Outcome> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return outcome(job.pending, (await commit(db, [job]))[0]!);
    } catch (error) {
      if (!isConflict(error)) break;
    }
  }
  const out: Outcome = new Map();
  for (const p of job.pending) {
    for (let attempt = 1; ; attempt++) {
      try {
        outcome([p], (await commit(db, [{ ...job, pending: [p] }]))[0]!, out);
        break;
      } catch (error) {
        if (attempt < 3 && isConflict(error)) continue;
        console.error(
          `ingest: event ${p.event.id} (${p.event.type}) failed:`,
          error instanceof Error ? error.message : error,
        );
        out.set(p.index, {
          id: p.event.id,
          status: 500,
          error: { code: "storage_error", message: "the event could not be stored; retry later" },
        });
        break;
      }
    }
  }
  return out;
}

async function writeJobs(db: Db, jobs: Job[]): Promise<Outcome[]> {
  if (jobs.length > 1) {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        return await writeTogether(db, jobs);
      } catch (error) {
        if (!isConflict(error)) break;
      }
    }
  }
  // one job, or a turn that failed together: each job on its own, so one cannot fail another
  const out: Outcome[] = [];
  for (const job of jobs) out.push(await writeAlone(db, job));
  return out;
}

// On globalThis: Next.js may load this module once per route bundle, and the ingest and OTLP
// routes must share one queue (one writer) per client.
const queueHolder = globalThis as unknown as { __observatoryIngestQueues?: WeakMap<Db, CoalescingQueue<Job, Outcome>> };
const queues = (queueHolder.__observatoryIngestQueues ??= new WeakMap());

/**
 * The client's write queue. SQLite has one connection and one writer, so one write runs at a
 * time; PostgreSQL overlaps two, so that one transaction's round trips hide another's.
 */
function queueOf(db: Db): CoalescingQueue<Job, Outcome> {
  let queue = queues.get(db);
  if (!queue) {
    const { OBSERVATORY_INGEST_QUEUE_EVENTS, OBSERVATORY_INGEST_EVENTS_PER_WRITE } = env();
    queue = new CoalescingQueue<Job, Outcome>((jobs) => writeJobs(db, jobs), {
      maxQueued: OBSERVATORY_INGEST_QUEUE_EVENTS,
      maxPerWrite: OBSERVATORY_INGEST_EVENTS_PER_WRITE,
      writers: dialectOf(db).writers,
    });
    queues.set(db, queue);
  }
  return queue;
}

/**
 * One event validated and its secrets redacted: a common log event by the fast path, which
 * answers what the schemas would (log-event-fast-path.ts), any other by the schemas.
 */
function validEvent(item: unknown, redact: boolean): ParsedEvent {
  const fast = parseLogEventFast(item);
  if (fast) return { ok: true, event: redact && !fast.secretFree ? redactEvent(fast.event) : fast.event };
  const parsed = parseEvent(item);
  return parsed.ok && redact ? { ok: true, event: redactEvent(parsed.event) } : parsed;
}

/**
 * Validates and stores events; one result per input event, in order. Concurrent callers share
 * transactions through the client's write queue; with `shed`, a full queue throws
 * QueueFullError instead of waiting (the API answers 503 + Retry-After).
 */
export async function ingestEvents(
  db: Db,
  projectId: string,
  raw: readonly unknown[],
  options: IngestOptions = {},
): Promise<IngestResult[]> {
  const results: IngestResult[] = new Array<IngestResult>(raw.length);
  const pending: Pending[] = [];
  const seen = new Set<string>();
  const redact = env().OBSERVATORY_REDACT_SECRETS !== false;
  raw.forEach((item, index) => {
    const parsed = validEvent(item, redact);
    if (!parsed.ok) {
      results[index] = { id: parsed.id, status: 400, error: parsed.error };
    } else if (seen.has(parsed.event.id)) {
      results[index] = { id: parsed.event.id, status: 200 };
    } else {
      seen.add(parsed.event.id);
      pending.push({ index, event: parsed.event });
    }
  });
  if (pending.length === 0) return results;
  const written = await queueOf(db).submit({ projectId, pending, options }, pending.length, { shed: options.shed });
  for (const [index, result] of written) results[index] = result;
  return results;
}
