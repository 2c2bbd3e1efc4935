import "server-only";
// The window's usage per chart bucket (hour or day), source, agent type and model, summed in
// the database from the daily and hourly rollups (rollup-sums.ts).
import type { Db } from "@/lib/db/client";
import type { RollupPoint } from "./chart-data";
import { CHART_SUM_FIELDS } from "./rollup-math";
import { sumRollups } from "./rollup-sums";
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
  return groups.map(
    (g) =>
      ({
        hour: g.bucket!,
        source: g.source ?? "",
        agentType: g.agentType ?? "",
        model: g.model ?? "",
        ...g.sums,
      }) as RollupPoint,
  );
}
