// What the benchmark scripts print their figures with.

/** The p-th percentile of values already sorted ascending (nearest rank); 0 when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** The median of unsorted values (the lower one of an even count). */
export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** The log line every load script sends: about 200 characters, like a real agent's. */
export const LOG_MESSAGE =
  "Agent developer_1 finished iteration: implemented the login handler, ran 42 unit tests (all green), updated docs and handed over to qa_expert for review. ".padEnd(
    200,
    ".",
  );
