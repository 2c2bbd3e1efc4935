import "server-only";
// The window's usage per chart bucket (hour or day), source, agent type and model, summed in
// the database from the daily and hourly rollups (rollup-sums.ts).
import type { Db } from "@/lib/db/client";
import type { RollupPoint } from "./chart-data";
import { CALL_SUM_FIELDS, RUN_COUNT_FIELDS } from "./rollup-math";
import { sumRollups } from "./rollup-sums";
import type { TimeWindow } from "./time-window";

/** What the charts plot: the call counters (but the estimated and failed call counts) and the runs. */
const FIELDS = [
  ...CALL_SUM_FIELDS.filter((field) => field !== "estimatedCalls" && field !== "errorCalls"),
  ...RUN_COUNT_FIELDS,
];

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
    fields: FIELDS,
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
