import "server-only";
// Usage and agent performance, read from the rollups: the daily ones for whole days, the
// hourly ones otherwise. Raw rows only where the rollups have no such dimension: one
// session's usage, per-agent-id performance.
import type { Db } from "@/lib/db/client";
import {
  CALL_FOR_ROLLUP_SELECT,
  CALL_SUM_FIELDS,
  callContribution,
  dayOf,
  DURATION_FIELDS,
  histogramPercentile,
  PERFORMANCE_FIELDS,
} from "./rollup-math";
import { sumRollups, type RollupGroup } from "./rollup-sums";
import type { AgentPerformanceRow, PerformanceGroupBy, UsageGroupBy, UsageRow } from "./usage-schemas";

export type Window = { from: Date; to: Date };
export type Scope = { projectIds: string[]; source?: string };

export type Sums = Record<string, number>;

function add(into: Sums, row: Record<string, unknown>, fields: readonly string[]): void {
  for (const f of fields) into[f] = (into[f] ?? 0) + Number(row[f] ?? 0);
}

const USAGE_FIELDS = CALL_SUM_FIELDS;

/** Where a group's cost figure comes from: one source, "mixed", or "unknown" when no call had a cost. */
export function costSourceOf(s: Sums): UsageRow["costSource"] {
  const calls = s.llmCalls ?? 0;
  if (calls === 0 || (s.unknownCostCalls ?? 0) === calls) return "unknown";
  const parts = [
    (s.costReportedUsd ?? 0) > 0 ? "reported" : null,
    (s.costComputedUsd ?? 0) > 0 ? "computed" : null,
    (s.costEstimatedUsd ?? 0) > 0 ? "estimated" : null,
  ].filter((x): x is "reported" | "computed" | "estimated" => x !== null);
  if ((s.unknownCostCalls ?? 0) > 0 || parts.length !== 1) return parts.length === 0 ? "unknown" : "mixed";
  return parts[0]!;
}

function usageRow(key: string, s: Sums): UsageRow {
  return {
    key,
    llmCalls: s.llmCalls ?? 0,
    inputTokens: s.inputTokens ?? 0,
    outputTokens: s.outputTokens ?? 0,
    cacheReadTokens: s.cacheReadTokens ?? 0,
    cacheWriteTokens: s.cacheWriteTokens ?? 0,
    reasoningTokens: s.reasoningTokens ?? 0,
    totalTokens: s.totalTokens ?? 0,
    estimatedTokens: s.estimatedTokens ?? 0,
    costUsd: Math.round((s.costUsd ?? 0) * 1e9) / 1e9,
    costSource: costSourceOf(s),
    unknownCostCalls: s.unknownCostCalls ?? 0,
    estimatedCalls: s.estimatedCalls ?? 0,
    estimatedCostUsd: Math.round((s.costEstimatedUsd ?? 0) * 1e9) / 1e9,
    errorCalls: s.errorCalls ?? 0,
  };
}

function timeKey(d: Date, by: "day" | "hour"): string {
  return by === "day" ? d.toISOString().slice(0, 10) : d.toISOString().slice(0, 13) + ":00Z";
}

export async function usageGroups(
  db: Db,
  scope: Scope & { sessionExternalId?: string },
  window: Window,
  groupBy: UsageGroupBy,
): Promise<UsageRow[] | null> {
  const groups = new Map<string, Sums>();
  const keyOf = (r: {
    hour?: Date;
    startedAt?: Date;
    model: string | null;
    agentType: string | null;
    source: string;
  }) => {
    const at = r.hour ?? r.startedAt!;
    if (groupBy === "day" || groupBy === "hour") return timeKey(at, groupBy);
    const v = groupBy === "model" ? r.model : groupBy === "agentType" ? r.agentType : r.source;
    return v === null || v === "" ? "(none)" : v;
  };
  if (scope.sessionExternalId !== undefined) {
    // one session: its calls are few; the rollups have no session dimension
    const session = await db.session.findFirst({
      where: { projectId: { in: scope.projectIds }, externalId: scope.sessionExternalId },
      select: { id: true },
    });
    if (!session) return null;
    const calls = await db.llmCall.findMany({
      where: {
        sessionId: session.id,
        startedAt: { gte: window.from, lt: window.to },
        ...(scope.source ? { source: scope.source } : {}),
      },
      select: CALL_FOR_ROLLUP_SELECT,
    });
    for (const c of calls) {
      const s = groups.get(keyOf(c)) ?? {};
      // what the call adds to the rollups, so one session sums as the rollups would
      add(s, callContribution(c).vector, USAGE_FIELDS);
      groups.set(keyOf(c), s);
    }
  } else {
    const timed = groupBy === "day" || groupBy === "hour";
    const rows = await sumRollups(db, {
      ...scope,
      window,
      resolution: groupBy === "hour" ? "hour" : "day",
      by: [timed ? "bucket" : groupBy],
      fields: USAGE_FIELDS,
      withCallsOnly: true,
    });
    for (const r of rows) {
      const raw = timed ? timeKey(r.bucket!, groupBy) : r[groupBy]!;
      const k = raw === "" ? "(none)" : raw;
      const s = groups.get(k) ?? {};
      add(s, r.sums, USAGE_FIELDS);
      groups.set(k, s);
    }
  }
  return usageRowsOf(groups, groupBy);
}

/** The usage table's rows from sums per key: by time in time order, otherwise costliest first. */
export function usageRowsOf(groups: ReadonlyMap<string, Sums>, groupBy: UsageGroupBy): UsageRow[] {
  const out = [...groups.entries()].map(([k, s]) => usageRow(k, s));
  return groupBy === "day" || groupBy === "hour"
    ? out.sort((a, b) => a.key.localeCompare(b.key))
    : out.sort((a, b) => b.costUsd - a.costUsd || b.totalTokens - a.totalTokens);
}

/**
 * Rollup groups summed per value of `dim` ("" read as "(none)"). `withCallsOnly` keeps the
 * values that have LLM calls, as a read of the rows with calls only would: a row without calls
 * adds nothing to the call sums, so only a value with no call at all drops out.
 */
export function sumsByDimension(
  groups: readonly RollupGroup[],
  dim: "source" | "agentType" | "model",
  fields: readonly string[],
  withCallsOnly = false,
): Map<string, Sums> {
  const out = new Map<string, Sums>();
  for (const g of groups) {
    const raw = g[dim] ?? "";
    const k = raw === "" ? "(none)" : raw;
    const s = out.get(k) ?? {};
    add(s, g.sums, fields);
    out.set(k, s);
  }
  if (withCallsOnly) for (const [k, s] of out) if (!((s.llmCalls ?? 0) > 0)) out.delete(k);
  return out;
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? null;
}

async function avgRevisionsBy(
  db: Db,
  scope: Scope,
  window: Window,
  by: "agentType" | "agentId",
): Promise<Map<string, number>> {
  const tasks = await db.task.findMany({
    where: {
      projectId: { in: scope.projectIds },
      assignee: { not: null },
      updatedAt: { gte: window.from, lt: window.to },
    },
    select: { assignee: true, revisionCount: true, projectId: true },
  });
  if (tasks.length === 0) return new Map();
  const typeOf = new Map<string, string>();
  if (by === "agentType") {
    const agents = await db.agent.findMany({
      where: { projectId: { in: scope.projectIds }, externalId: { in: [...new Set(tasks.map((t) => t.assignee!))] } },
      select: { externalId: true, type: true, projectId: true },
    });
    for (const a of agents) if (a.type) typeOf.set(`${a.projectId}/${a.externalId}`, a.type);
  }
  const acc = new Map<string, { sum: number; n: number }>();
  for (const t of tasks) {
    const key = by === "agentId" ? t.assignee! : typeOf.get(`${t.projectId}/${t.assignee}`);
    if (!key) continue;
    const a = acc.get(key) ?? { sum: 0, n: 0 };
    a.sum += t.revisionCount;
    a.n += 1;
    acc.set(key, a);
  }
  return new Map([...acc.entries()].map(([k, a]) => [k, Math.round((a.sum / a.n) * 100) / 100]));
}

function performanceRow(
  key: string,
  s: Sums,
  durations: { p50: number | null; p95: number | null },
  avgRevisions: number | null,
): AgentPerformanceRow {
  const runs = s.runs ?? 0;
  const finished = (s.runsCompleted ?? 0) + (s.runsFailed ?? 0);
  const cost = Math.round((s.costUsd ?? 0) * 1e9) / 1e9;
  return {
    key,
    runs,
    completed: s.runsCompleted ?? 0,
    failed: s.runsFailed ?? 0,
    successRate: finished === 0 ? null : Math.round(((s.runsCompleted ?? 0) / finished) * 10_000) / 10_000,
    p50DurationMs: durations.p50,
    p95DurationMs: durations.p95,
    totalTokens: s.totalTokens ?? 0,
    costUsd: cost,
    costPerRun: runs === 0 ? null : Math.round((cost / runs) * 1e9) / 1e9,
    avgRevisions,
    llmCalls: s.llmCalls ?? 0,
    costSource: costSourceOf(s),
  };
}

export async function agentPerformance(
  db: Db,
  scope: Scope,
  window: Window,
  groupBy: PerformanceGroupBy,
): Promise<AgentPerformanceRow[]> {
  if (groupBy === "agentId") {
    const runWhere = {
      projectId: { in: scope.projectIds },
      startedAt: { gte: window.from, lt: window.to },
      agentId: { not: null },
      ...(scope.source ? { source: scope.source } : {}),
    };
    const runs = await db.run.findMany({
      where: runWhere,
      select: { status: true, durationMs: true, agent: { select: { externalId: true } } },
    });
    const calls = await db.llmCall.groupBy({
      by: ["agentId"],
      where: {
        projectId: { in: scope.projectIds },
        startedAt: { gte: window.from, lt: window.to },
        agentId: { not: null },
        ...(scope.source ? { source: scope.source } : {}),
      },
      _sum: { totalTokens: true, costUsd: true },
      _count: { _all: true },
    });
    const agentIds = await db.agent.findMany({
      where: { id: { in: calls.map((c) => c.agentId!).filter(Boolean) } },
      select: { id: true, externalId: true },
    });
    const ext = new Map(agentIds.map((a) => [a.id, a.externalId]));
    const sums = new Map<string, Sums>();
    const durations = new Map<string, number[]>();
    for (const r of runs) {
      const k = r.agent?.externalId ?? "(none)";
      const s = sums.get(k) ?? {};
      s.runs = (s.runs ?? 0) + 1;
      if (r.status === "completed") s.runsCompleted = (s.runsCompleted ?? 0) + 1;
      if (r.status === "failed") s.runsFailed = (s.runsFailed ?? 0) + 1;
      sums.set(k, s);
      if (r.durationMs !== null) durations.set(k, [...(durations.get(k) ?? []), r.durationMs]);
    }
    for (const c of calls) {
      const k = ext.get(c.agentId!) ?? "(none)";
      const s = sums.get(k) ?? {};
      s.totalTokens = (s.totalTokens ?? 0) + (c._sum.totalTokens ?? 0);
      s.costUsd = (s.costUsd ?? 0) + (c._sum.costUsd ?? 0);
      s.llmCalls = (s.llmCalls ?? 0) + c._count._all;
      sums.set(k, s);
    }
    const revisions = await avgRevisionsBy(db, scope, window, "agentId");
    return [...sums.entries()]
      .map(([k, s]) => {
        const d = (durations.get(k) ?? []).sort((a, b) => a - b);
        return performanceRow(k, s, { p50: percentile(d, 50), p95: percentile(d, 95) }, revisions.get(k) ?? null);
      })
      .sort((a, b) => b.runs - a.runs);
  }
  const rows = await sumRollups(db, { ...scope, window, resolution: "day", by: [groupBy], fields: PERFORMANCE_FIELDS });
  return leaderboardOf(db, scope, window, groupBy, sumsByDimension(rows, groupBy, PERFORMANCE_FIELDS));
}

/** The leaderboard's rows from the rollups' sums per agent type or model (and the tasks' revisions). */
export async function leaderboardOf(
  db: Db,
  scope: Scope,
  window: Window,
  groupBy: "agentType" | "model",
  sums: ReadonlyMap<string, Sums>,
): Promise<AgentPerformanceRow[]> {
  const revisions =
    groupBy === "agentType" ? await avgRevisionsBy(db, scope, window, "agentType") : new Map<string, number>();
  return [...sums.entries()]
    .map(([k, s]) => {
      const hist = DURATION_FIELDS.map((f) => s[f] ?? 0);
      return performanceRow(
        k,
        s,
        { p50: histogramPercentile(hist, 50), p95: histogramPercentile(hist, 95) },
        revisions.get(k) ?? null,
      );
    })
    .sort((a, b) => b.runs - a.runs || b.costUsd - a.costUsd);
}

/** Today's use of an agent profile (UTC day), in the profile's unit. */
export async function profileUsageToday(
  db: Db,
  projectIds: string[],
  agentType: string,
  unit: string,
  now = new Date(),
): Promise<number> {
  const from = dayOf(now);
  const agg = await db.usageRollup.aggregate({
    where: { projectId: { in: projectIds }, agentType, hour: { gte: from } },
    _sum: { runs: true, totalTokens: true, costUsd: true },
  });
  if (unit === "tokens") return agg._sum.totalTokens ?? 0;
  if (unit === "usd") return Math.round((agg._sum.costUsd ?? 0) * 1e9) / 1e9;
  return agg._sum.runs ?? 0;
}
