import "server-only";
// Tokens, cost and calls of LLM calls per UTC hour since a time, summed from the hourly usage
// rollups (equal to the raw calls by test) by the one rollup reader, instead of scanning every
// call: at 1M calls the scan took over a second. `since` should fall on a whole hour.
import type { Db } from "@/lib/db/client";
import { sumRollups } from "@/lib/usage/rollup-sums";

/** `hour` is "YYYY-MM-DDTHH" (UTC). */
export type HourlyUsage = { hour: string; tokens: number; costUsd: number; calls: number };

/** Past any stored hour: the window is open-ended. */
const END_OF_TIME = new Date(Date.UTC(9999, 0, 1));

export async function hourlyLlmUsage(client: Db, since: Date): Promise<HourlyUsage[]> {
  const groups = await sumRollups(client, {
    window: { from: since, to: END_OF_TIME },
    resolution: "hour",
    by: ["bucket"],
    fields: ["totalTokens", "costUsd", "llmCalls"],
  });
  return groups
    .filter((g) => g.sums.llmCalls! > 0)
    .map((g) => ({
      hour: g.bucket!.toISOString().slice(0, 13),
      tokens: g.sums.totalTokens!,
      costUsd: g.sums.costUsd!,
      calls: g.sums.llmCalls!,
    }))
    .sort((a, b) => a.hour.localeCompare(b.hour));
}
