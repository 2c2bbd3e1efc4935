import "server-only";
// Loads 2–4 sessions for the compare page with their per-agent-type figures.
import { db } from "@/lib/db/client";
import type { Status } from "@/lib/ingest/status";
import { compareByAgentType, COMPARE_MAX, parseCompareRef, type AgentTypeRow } from "./compare-table";
import { sessionDurationMs } from "./session-duration";
import { sessionLabel } from "./session-label";

export type ComparedSession = {
  id: string;
  externalId: string;
  projectSlug: string;
  label: string;
  source: string;
  status: Status;
  startedAt: Date;
  durationMs: number;
  totalTokens: number;
  costUsd: number;
  iteration: number | null;
  errorCount: number;
  runs: number;
  failedRuns: number;
};

export type Comparison = { sessions: ComparedSession[]; agentTypes: AgentTypeRow[]; missing: string[] };

export async function compareSessions(refs: readonly string[], now: Date = new Date()): Promise<Comparison> {
  const client = db();
  const unique = [...new Set(refs)].slice(0, COMPARE_MAX);
  const found = await Promise.all(
    unique.map(async (ref) => {
      const { projectSlug, externalId } = parseCompareRef(ref);
      const select = {
        id: true,
        externalId: true,
        source: true,
        title: true,
        mission: true,
        status: true,
        startedAt: true,
        endedAt: true,
        updatedAt: true,
        totalTokens: true,
        costUsd: true,
        iteration: true,
        errorCount: true,
        project: { select: { slug: true } },
      } as const;
      const exact = projectSlug
        ? await client.session.findFirst({ where: { externalId, project: { slug: projectSlug } }, select })
        : null;
      return { ref, row: exact ?? (await client.session.findFirst({ where: { externalId: ref }, orderBy: { updatedAt: "desc" }, select })) };
    }),
  );
  const rows = found.flatMap((f) => (f.row ? [f.row] : []));
  const ids = [...new Set(rows.map((r) => r.id))];
  const [runGroups, callGroups] = await Promise.all([
    client.run.groupBy({ by: ["sessionId", "agentType", "status"], where: { sessionId: { in: ids } }, _count: { _all: true }, _sum: { durationMs: true } }),
    client.llmCall.groupBy({ by: ["sessionId", "agentType"], where: { sessionId: { in: ids } }, _sum: { totalTokens: true, costUsd: true } }),
  ]);
  const sessions = ids.map((id) => {
    const r = rows.find((row) => row.id === id)!;
    const runs = runGroups.filter((g) => g.sessionId === id);
    return {
      id,
      externalId: r.externalId,
      projectSlug: r.project.slug,
      label: sessionLabel(r, 80),
      source: r.source,
      status: r.status,
      startedAt: r.startedAt,
      durationMs: sessionDurationMs(r, now),
      totalTokens: r.totalTokens,
      costUsd: r.costUsd,
      iteration: r.iteration,
      errorCount: r.errorCount,
      runs: runs.reduce((s, g) => s + g._count._all, 0),
      failedRuns: runs.filter((g) => g.status === "failed").reduce((s, g) => s + g._count._all, 0),
    };
  });
  return {
    sessions,
    agentTypes: compareByAgentType(
      ids,
      runGroups.map((g) => ({ sessionId: g.sessionId, agentType: g.agentType, status: g.status, runs: g._count._all, durationMs: g._sum.durationMs ?? 0 })),
      callGroups.map((g) => ({ sessionId: g.sessionId, agentType: g.agentType, tokens: g._sum.totalTokens ?? 0, costUsd: g._sum.costUsd ?? 0 })),
    ),
    missing: found.filter((f) => !f.row).map((f) => f.ref),
  };
}
