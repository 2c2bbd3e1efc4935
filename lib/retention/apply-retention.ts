import "server-only";
// Retention: deletes log events and LLM prompt/response bodies older than a cutoff, in
// small batches (each its own short statement, so writers are never locked out for long).
// LLM call rows, runs, sessions and the usage rollups stay: numbers and charts are kept.
// Audit entries are never deleted: the trail is append-only and hash-chained; one
// `retention.applied` entry records what was deleted and checkpoints the chain head.
import { appendAudit } from "@/lib/audit/append-audit";
import type { Db } from "@/lib/db/client";
import { rebuildLogFacets } from "@/lib/sessions/log-facets";
import { deleteEventsCounted } from "@/lib/sessions/session-counts";

export const RETENTION_BATCH = 5_000;

export type RetentionCounts = { events: number; llmCallBodies: number };
export type RetentionResult = RetentionCounts & { cutoff: Date; dryRun: boolean; auditSeq: number | null };
export type RetentionProgress = (what: keyof RetentionCounts, done: number, total: number) => void;

export type RetentionOptions = {
  cutoff: Date;
  dryRun?: boolean;
  batchSize?: number;
  /** as the user wrote it, for the audit entry (e.g. "90d") */
  olderThan?: string;
  actor?: { type: "user" | "system"; name: string };
  onProgress?: RetentionProgress;
};

/** What retention would delete at this cutoff. */
export async function countExpired(db: Db, cutoff: Date): Promise<RetentionCounts> {
  const [events, llmCallBodies] = await Promise.all([
    db.event.count({ where: { timestamp: { lt: cutoff } } }),
    db.llmCallContent.count({ where: { llmCall: { startedAt: { lt: cutoff } } } }),
  ]);
  return { events, llmCallBodies };
}

async function deleteEvents(
  db: Db,
  cutoff: Date,
  batch: number,
  total: number,
  onProgress?: RetentionProgress,
): Promise<number> {
  let deleted = 0;
  const sessions = new Set<string>();
  for (;;) {
    const rows = await db.event.findMany({
      where: { timestamp: { lt: cutoff } },
      select: { id: true, sessionId: true },
      orderBy: { id: "asc" },
      take: batch,
    });
    if (rows.length === 0) break;
    for (const row of rows) if (row.sessionId) sessions.add(row.sessionId);
    deleted += await deleteEventsCounted(
      db,
      rows.map((e) => e.id),
    );
    onProgress?.("events", deleted, Math.max(total, deleted));
    if (rows.length < batch) break;
  }
  // a level, kind or agent whose last event went is no longer offered as a filter
  const ids = [...sessions];
  for (let i = 0; i < ids.length; i += 500) await rebuildLogFacets(db, ids.slice(i, i + 500));
  return deleted;
}

async function deleteBodies(
  db: Db,
  cutoff: Date,
  batch: number,
  total: number,
  onProgress?: RetentionProgress,
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const rows = await db.llmCallContent.findMany({
      where: { llmCall: { startedAt: { lt: cutoff } } },
      select: { llmCallId: true },
      orderBy: { llmCallId: "asc" },
      take: batch,
    });
    if (rows.length === 0) break;
    const r = await db.llmCallContent.deleteMany({ where: { llmCallId: { in: rows.map((c) => c.llmCallId) } } });
    deleted += r.count;
    onProgress?.("llmCallBodies", deleted, Math.max(total, deleted));
    if (rows.length < batch) break;
  }
  return deleted;
}

export async function applyRetention(db: Db, options: RetentionOptions): Promise<RetentionResult> {
  const { cutoff } = options;
  const batch = options.batchSize ?? RETENTION_BATCH;
  const expired = await countExpired(db, cutoff);
  if (options.dryRun) return { ...expired, cutoff, dryRun: true, auditSeq: null };
  const events = await deleteEvents(db, cutoff, batch, expired.events, options.onProgress);
  const llmCallBodies = await deleteBodies(db, cutoff, batch, expired.llmCallBodies, options.onProgress);
  const auditSeq = await db.$transaction(async (tx) => {
    const head = await tx.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
    return appendAudit(tx, {
      actor: options.actor ?? { type: "system", name: "retention" },
      action: "retention.applied",
      outcome: "success",
      details: {
        cutoff: cutoff.toISOString(),
        ...(options.olderThan ? { olderThan: options.olderThan } : {}),
        deleted: { events, llmCallBodies },
        kept: "LLM call rows, runs, sessions, usage rollups and every audit entry",
        // the chain head before this entry: later verification can start from here
        checkpoint: head ? { seq: head.seq, hash: head.hash } : null,
      },
    });
  });
  return { events, llmCallBodies, cutoff, dryRun: false, auditSeq };
}
