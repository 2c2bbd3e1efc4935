import "server-only";
// The window's usage per chart bucket (hour or day), source, agent type and model, summed in
// the database from the daily and hourly rollups (rollup-sums.ts).
import type { Db } from "@/lib/db/client";
import type { RollupPoint } from "./chart-data";
import { CHART_SUM_FIELDS } from "./rollup-math";
import { sumRollups, type RollupGroup } from "./rollup-sums";
import type { TimeWindow } from "./time-window";

export type PointDimension = "source" | "agentType" | "model";

/**
 * `dims` narrows the grouping to what a chart stacks by: the Agents trend needs runs per
 * bucket only, a few dozen rows instead of thousands. Dimensions left out read as "".
 */
export async function rollupPointsByBucket(
  client: Db,
  projectIds: readonly string[],
  window: TimeWindow,
  source?: string,
  dims: readonly PointDimension[] = ["source", "agentType", "model"],
): Promise<RollupPoint[]> {
  const groups = await sumRollups(client, {
    projectIds,
    source,
    window,
    resolution: window.bucket,
    by: ["bucket", ...dims],
    fields: CHART_SUM_FIELDS,
  });
  return toRollupPoints(groups, dims);
}

/**
 * Chart points from rollup groups: summed per bucket and `dims` (groups read with more
 * dimensions collapse onto these), the chart's sums only. Dimensions left out read as "".
 */
export function toRollupPoints(groups: readonly RollupGroup[], dims: readonly PointDimension[]): RollupPoint[] {
  const points = new Map<string, RollupPoint>();
  for (const g of groups) {
    const point = {
      hour: g.bucket!,
      source: dims.includes("source") ? (g.source ?? "") : "",
      agentType: dims.includes("agentType") ? (g.agentType ?? "") : "",
      model: dims.includes("model") ? (g.model ?? "") : "",
    };
    const key = `${point.hour.getTime()}\u0000${point.source}\u0000${point.agentType}\u0000${point.model}`;
    const into = points.get(key) as Record<string, unknown> | undefined;
    if (!into) {
      points.set(key, {
        ...point,
        ...Object.fromEntries(CHART_SUM_FIELDS.map((f) => [f, g.sums[f] ?? 0])),
      } as RollupPoint);
    } else for (const f of CHART_SUM_FIELDS) into[f] = (into[f] as number) + (g.sums[f] ?? 0);
  }
  return [...points.values()];
}
