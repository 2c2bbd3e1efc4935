import "server-only";
// What earlier exports already stored for the spans of this one: a child span is usually
// exported before its parent, so the parent's mapping needs to know that its run was already
// referred to, in which session, and whether usage was already counted below it.
import type { Db } from "@/lib/db/client";
import type { StoredChildRun, StoredTraceState } from "./map-spans";
import { idBatches } from "@/lib/db/sql/id-batches";

const MAX_SUBTREE_RUNS = 20_000;
const MAX_SUBTREE_DEPTH = 64;

type RunRef = { id: string; externalId: string };

/** The stored runs below `roots` (external ids) that hold LLM usage, not counting a run's own call. */
async function runsWithUsageBelow(db: Db, roots: readonly RunRef[]): Promise<Set<string>> {
  const found = new Set<string>();
  if (roots.length === 0) return found;
  const parentOf = new Map<string, string>();
  const externalOf = new Map<string, string>(roots.map((r) => [r.id, r.externalId]));
  let frontier = roots.map((r) => r.id);
  for (let depth = 0; depth < MAX_SUBTREE_DEPTH && frontier.length > 0 && externalOf.size < MAX_SUBTREE_RUNS; depth++) {
    const next: string[] = [];
    for (const ids of idBatches(frontier)) {
      const children = await db.run.findMany({
        where: { parentRunId: { in: ids } },
        select: { id: true, externalId: true, parentRunId: true },
      });
      for (const c of children) {
        if (c.parentRunId === null) continue;
        if (externalOf.has(c.id)) {
          // another root, or reached twice: link it, but do not walk it again
          if (!parentOf.has(c.id) && c.id !== c.parentRunId) parentOf.set(c.id, c.parentRunId);
          continue;
        }
        externalOf.set(c.id, c.externalId);
        parentOf.set(c.id, c.parentRunId);
        next.push(c.id);
      }
    }
    frontier = next;
  }
  for (const ids of idBatches([...externalOf.keys()])) {
    const calls = await db.llmCall.findMany({
      where: { runId: { in: ids }, totalTokens: { gt: 0 } },
      select: { runId: true, externalId: true },
    });
    for (const call of calls) {
      if (call.runId === null) continue;
      // A run's own call (same external id) is its own usage, not usage below it.
      let cur = call.externalId === externalOf.get(call.runId) ? parentOf.get(call.runId) : call.runId;
      for (let steps = 0; cur !== undefined && steps <= externalOf.size; steps++) {
        const external = externalOf.get(cur);
        if (external === undefined || found.has(external)) break;
        found.add(external);
        cur = parentOf.get(cur);
      }
    }
  }
  return found;
}

/** Looks up the runs with the given external ids, their sessions, and the usage below the `usageRoots`. */
export async function loadStoredTraceState(
  db: Db,
  projectId: string,
  { runIds, usageRoots }: { runIds: readonly string[]; usageRoots: readonly string[] },
): Promise<StoredTraceState> {
  const wanted = new Set(usageRoots);
  const runs = new Map<string, { sessionId: string }>();
  const refs: RunRef[] = [];
  for (const ids of idBatches(runIds)) {
    const rows = await db.run.findMany({
      where: { projectId, externalId: { in: ids } },
      select: { id: true, externalId: true, session: { select: { externalId: true } } },
    });
    for (const r of rows) {
      runs.set(r.externalId, { sessionId: r.session.externalId });
      if (wanted.has(r.externalId)) refs.push({ id: r.id, externalId: r.externalId });
    }
  }
  return {
    runs,
    runsWithUsage: await runsWithUsageBelow(db, refs),
    childRuns: await childRunsOf(db, projectId, usageRoots),
    spanRuns: await spanRunsOf(
      db,
      projectId,
      runIds.filter((id) => !runs.has(id) && !wanted.has(id)),
    ),
  };
}

/** For spans stored earlier as a tool call, a span event or an LLM call: the run that event is on. */
async function spanRunsOf(db: Db, projectId: string, spanIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const ids of idBatches(spanIds)) {
    const events = await db.event.findMany({
      where: { projectId, externalId: { in: ids.flatMap((id) => [`${id}:tool`, `${id}:span`]) }, runId: { not: null } },
      select: { externalId: true, run: { select: { externalId: true } } },
    });
    const calls = await db.llmCall.findMany({
      where: { projectId, externalId: { in: ids }, runId: { not: null } },
      select: { externalId: true, run: { select: { externalId: true } } },
    });
    for (const e of events) if (e.run) out.set(e.externalId.replace(/:(tool|span)$/, ""), e.run.externalId);
    for (const c of calls) if (c.run && !out.has(c.externalId)) out.set(c.externalId, c.run.externalId);
  }
  return out;
}

/** Stored runs whose parent is one of `parents` (external ids): what a span that is not a run hands on to its own parent. */
async function childRunsOf(
  db: Db,
  projectId: string,
  parents: readonly string[],
): Promise<Map<string, StoredChildRun[]>> {
  const out = new Map<string, StoredChildRun[]>();
  for (const ids of idBatches(parents)) {
    const rows = await db.run.findMany({
      where: { projectId, parent: { externalId: { in: ids } } },
      select: {
        externalId: true,
        agentType: true,
        agentId: true,
        status: true,
        sourceStatus: true,
        parent: { select: { externalId: true } },
        session: { select: { externalId: true } },
      },
    });
    for (const r of rows) {
      if (!r.parent) continue;
      const child: StoredChildRun = {
        runId: r.externalId,
        sessionId: r.session.externalId,
        agentType: r.agentType ?? undefined,
        isAgent: r.agentId !== null,
        status: r.sourceStatus ?? r.status,
      };
      out.set(r.parent.externalId, [...(out.get(r.parent.externalId) ?? []), child]);
    }
  }
  return out;
}
