// Token usage and cost of one session, by agent type or by model: table rows and chart
// series from grouped LLM-call sums.

export type UsageGroup = {
  key: string | null;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  totalTokens: number;
  costUsd: number;
  unknownCostCalls: number;
};

export type UsageRow = UsageGroup & { label: string; tokenShare: number };

export const UNKNOWN_LABEL = "(not recorded)";

/** Largest first; shares of the total tokens in [0, 1]. */
export function usageRows(groups: readonly UsageGroup[]): UsageRow[] {
  const total = groups.reduce((sum, g) => sum + g.totalTokens, 0);
  return [...groups]
    .sort((a, b) => b.totalTokens - a.totalTokens || b.costUsd - a.costUsd || (a.key ?? "").localeCompare(b.key ?? ""))
    .map((g) => ({ ...g, label: g.key ?? UNKNOWN_LABEL, tokenShare: total === 0 ? 0 : g.totalTokens / total }));
}

export type UsageChartPoint = { name: string; input: number; output: number; unsplit: number; costUsd: number };

/**
 * Input (cache reads included) and output tokens per group, for a stacked bar chart. Some
 * sources report only a total; what the split does not cover is drawn as "unsplit".
 */
export function usageChartData(rows: readonly UsageRow[], top = 12): UsageChartPoint[] {
  return rows.slice(0, top).map((r) => ({
    name: r.label,
    input: r.inputTokens,
    output: r.outputTokens,
    unsplit: Math.max(0, r.totalTokens - r.inputTokens - r.outputTokens),
    costUsd: r.costUsd,
  }));
}

export function usageTotals(groups: readonly UsageGroup[]): Omit<UsageGroup, "key"> {
  return groups.reduce(
    (t, g) => ({
      calls: t.calls + g.calls,
      inputTokens: t.inputTokens + g.inputTokens,
      outputTokens: t.outputTokens + g.outputTokens,
      cacheReadTokens: t.cacheReadTokens + g.cacheReadTokens,
      totalTokens: t.totalTokens + g.totalTokens,
      costUsd: t.costUsd + g.costUsd,
      unknownCostCalls: t.unknownCostCalls + g.unknownCostCalls,
    }),
    { calls: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, totalTokens: 0, costUsd: 0, unknownCostCalls: 0 },
  );
}
