import "server-only";
// The Usage and Agents pages read the window's rollups once each: grouped by chart bucket and
// the page's one dimension, with every sum the chart and the table beside it show. The table
// (or leaderboard) and the chart are then summed from those few hundred groups. Read
// separately, by bucket for the chart and by dimension for the table, the two statements
// scanned the same ~9,000 daily and edge-hour rows twice at 10M events (bench:pages).
import type { Db } from "@/lib/db/client";
import type { RollupPoint, StackBy } from "./chart-data";
import { CALL_SUM_FIELDS, CHART_SUM_FIELDS, PERFORMANCE_FIELDS } from "./rollup-math";
import { rollupPointsByBucket, toRollupPoints } from "./rollup-points";
import { sumRollups } from "./rollup-sums";
import type { TimeWindow } from "./time-window";
import { agentPerformance, leaderboardOf, sumsByDimension, usageRowsOf, type Scope } from "./usage-queries";
import type { AgentPerformanceRow, PerformanceGroupBy, UsageRow } from "./usage-schemas";

/** The window's rollups summed per chart bucket and `dimension`: the chart's sums and `fields`. */
function byBucketAnd(db: Db, scope: Scope, window: TimeWindow, dimension: StackBy, fields: readonly string[]) {
  return sumRollups(db, {
    ...scope,
    window,
    resolution: window.bucket,
    by: ["bucket", dimension],
    fields: [...new Set([...CHART_SUM_FIELDS, ...fields])],
  });
}

/** The Usage page: points per bucket and `stackBy` for its charts, and its table by `stackBy`. */
export async function usageChartAndTable(
  db: Db,
  scope: Scope,
  window: TimeWindow,
  stackBy: StackBy,
): Promise<{ points: RollupPoint[]; table: UsageRow[] }> {
  if (scope.projectIds.length === 0) return { points: [], table: [] };
  const groups = await byBucketAnd(db, scope, window, stackBy, CALL_SUM_FIELDS);
  return {
    points: toRollupPoints(groups, [stackBy]),
    table: usageRowsOf(sumsByDimension(groups, stackBy, CALL_SUM_FIELDS, true), stackBy),
  };
}

/** The Agents page: runs per bucket for its trend, and the leaderboard grouped by `by`. */
export async function agentTrendAndLeaderboard(
  db: Db,
  scope: Scope,
  window: TimeWindow,
  by: PerformanceGroupBy,
): Promise<{ points: RollupPoint[]; leaderboard: AgentPerformanceRow[] }> {
  if (by === "agentId") {
    // per agent id the leaderboard reads raw runs and calls: the rollups have no such dimension
    const [leaderboard, points] = await Promise.all([
      agentPerformance(db, scope, window, by),
      rollupPointsByBucket(db, scope.projectIds, window, scope.source, []),
    ]);
    return { points, leaderboard };
  }
  if (scope.projectIds.length === 0) return { points: [], leaderboard: [] };
  const groups = await byBucketAnd(db, scope, window, by, PERFORMANCE_FIELDS);
  return {
    points: toRollupPoints(groups, []),
    leaderboard: await leaderboardOf(db, scope, window, by, sumsByDimension(groups, by, PERFORMANCE_FIELDS)),
  };
}
