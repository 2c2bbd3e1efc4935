import "server-only";
// Loads 2–4 sessions for the compare page with their per-agent-type figures.
import { db } from "@/lib/db/client";
import { compareByAgentType, COMPARE_MAX, parseCompareRef, type AgentTypeRow } from "./compare-table";
import { loadSessionListRows, type SessionListRow } from "./session-list-query";

/** A session's list row (the same query as the sessions list) with its run counts. */
export type ComparedSession = SessionListRow & { runs: number; failedRuns: number };

export type Comparison = { sessions: ComparedSession[]; agentTypes: AgentTypeRow[]; missing: string[] };

export async function compareSessions(refs: readonly string[], now: Date = new Date()): Promise<Comparison> {
  const client = db();
  const unique = [...new Set(refs)].slice(0, COMPARE_MAX);
  // A ref is "project/externalId", or a bare externalId (then the most recently updated one).
  const found = await Promise.all(
    unique.map(async (ref) => {
      const { projectSlug, externalId } = parseCompareRef(ref);
      const select = { id: true } as const;
      const exact = projectSlug
        ? await client.session.findFirst({ where: { externalId, project: { slug: projectSlug } }, select })
        : null;
      return {
        ref,
        row:
          exact ??
          (await client.session.findFirst({ where: { externalId: ref }, orderBy: { updatedAt: "desc" }, select })),
      };
    }),
  );
  const ids = [...new Set(found.flatMap((f) => (f.row ? [f.row.id] : [])))];
  const [rows, runGroups, callGroups] = await Promise.all([
    loadSessionListRows(client, ids, now),
    client.run.groupBy({
      by: ["sessionId", "agentType", "status"],
      where: { sessionId: { in: ids } },
      _count: { _all: true },
      _sum: { durationMs: true },
    }),
    client.llmCall.groupBy({
      by: ["sessionId", "agentType"],
      where: { sessionId: { in: ids } },
      _sum: { totalTokens: true, costUsd: true },
    }),
  ]);
  const sessions = rows.map((row) => {
    const runs = runGroups.filter((g) => g.sessionId === row.id);
    return {
      ...row,
      runs: runs.reduce((s, g) => s + g._count._all, 0),
      failedRuns: runs.filter((g) => g.status === "failed").reduce((s, g) => s + g._count._all, 0),
    };
  });
  return {
    sessions,
    agentTypes: compareByAgentType(
      sessions.map((s) => s.id),
      runGroups.map((g) => ({
        sessionId: g.sessionId,
        agentType: g.agentType,
        status: g.status,
        runs: g._count._all,
        durationMs: g._sum.durationMs ?? 0,
      })),
      callGroups.map((g) => ({
        sessionId: g.sessionId,
        agentType: g.agentType,
        tokens: g._sum.totalTokens ?? 0,
        costUsd: g._sum.costUsd ?? 0,
      })),
    ),
    missing: found.filter((f) => !f.row).map((f) => f.ref),
  };
}
