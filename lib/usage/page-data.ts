import "server-only";
// Data for the Usage and Agents pages: rollup rows of the window (never raw calls), the
// sessions that cost most, and the agent registry with liveness.
import { db } from "@/lib/db/client";
import { projectNamesById } from "@/lib/projects/project-names";
import { projectOptions } from "@/lib/projects/projects";
import type { StackBy } from "./chart-data";
import { agentTrendAndLeaderboard, usageChartAndTable } from "./page-rollups";
import type { TimeWindow } from "./time-window";
import { usageGroups } from "./usage-queries";
import type { PerformanceGroupBy, UsageGroupBy } from "./usage-schemas";

/** An agent is alive when its last heartbeat is at most this old. */
export const LIVENESS_MS = 5 * 60_000;

export async function projectScope(
  slug: string | undefined,
): Promise<{ projectIds: string[]; projects: { slug: string; name: string }[] }> {
  const projects = await projectOptions(db());
  const chosen = slug ? projects.filter((p) => p.slug === slug) : projects;
  return { projectIds: chosen.map((p) => p.id), projects: projects.map(({ slug: s, name }) => ({ slug: s, name })) };
}

/** The Usage page's chart points (per bucket and `stackBy`) and its table by `stackBy`, from one rollup read. */
export async function usageView(projectIds: string[], window: TimeWindow, stackBy: StackBy, source?: string) {
  return usageChartAndTable(db(), { projectIds, source }, window, stackBy);
}

/** The Agents page's run trend (per bucket) and its leaderboard, from one rollup read. */
export async function agentsView(projectIds: string[], window: TimeWindow, by: PerformanceGroupBy, source?: string) {
  return agentTrendAndLeaderboard(db(), { projectIds, source }, window, by);
}

export async function usageTable(projectIds: string[], window: TimeWindow, groupBy: UsageGroupBy, source?: string) {
  return (await usageGroups(db(), { projectIds, source }, window, groupBy)) ?? [];
}

export async function topSessionsByCost(projectIds: string[], window: TimeWindow, limit = 10) {
  const client = db();
  const rows = await client.session.findMany({
    where: {
      projectId: { in: projectIds },
      updatedAt: { gte: window.from },
      startedAt: { lt: window.to },
      costUsd: { gt: 0 },
    },
    orderBy: [{ costUsd: "desc" }, { id: "asc" }],
    take: limit,
    select: {
      externalId: true,
      title: true,
      mission: true,
      source: true,
      status: true,
      totalTokens: true,
      costUsd: true,
      projectId: true,
    },
  });
  // the project names from the process-wide copy, not a second query for the relation
  const names = await projectNamesById(
    client,
    rows.map((r) => r.projectId),
  );
  return rows.map(({ projectId, ...row }) => ({ ...row, project: { name: names.get(projectId)?.name ?? "" } }));
}

/** QA pass rate of the window's sessions where the source records it (Studio's qa_passed). */
export async function qaPassRate(
  projectIds: string[],
  window: TimeWindow,
): Promise<{ passed: number; recorded: number }> {
  const rows = await db().session.groupBy({
    by: ["qaPassed"],
    where: { projectId: { in: projectIds }, startedAt: { gte: window.from, lt: window.to }, qaPassed: { not: null } },
    _count: { _all: true },
  });
  const passed = rows.find((r) => r.qaPassed === true)?._count._all ?? 0;
  return { passed, recorded: rows.reduce((a, r) => a + r._count._all, 0) };
}

export async function agentRegistry(projectIds: string[], now: Date) {
  const agents = await db().agent.findMany({
    where: { projectId: { in: projectIds } },
    orderBy: [{ heartbeatAt: { sort: "desc", nulls: "last" } }, { name: "asc" }],
    take: 200,
    select: {
      externalId: true,
      name: true,
      type: true,
      kind: true,
      model: true,
      status: true,
      heartbeatAt: true,
      maxWorkload: true,
      currentWorkload: true,
      source: true,
      project: { select: { name: true } },
    },
  });
  return agents.map((a) => ({
    ...a,
    liveness:
      a.heartbeatAt === null
        ? ("unknown" as const)
        : now.getTime() - a.heartbeatAt.getTime() <= LIVENESS_MS
          ? ("alive" as const)
          : ("stale" as const),
  }));
}
