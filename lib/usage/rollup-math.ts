// Pure arithmetic of the hourly usage rollups: what one LLM call or run contributes to its
// hour, and percentiles from the fixed duration histogram. The ingest pipeline adds and
// subtracts contributions as rows change; `rollups rebuild` sums them from raw rows.

/** Upper bounds (ms) of the run-duration buckets; the last bucket is open-ended. */
export const DURATION_BOUNDS_MS = [
  250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000,
] as const;
export const DURATION_BUCKETS = DURATION_BOUNDS_MS.length + 1;

/** The LLM-call counters of a rollup row, in the order the usage tables show them. */
export const CALL_SUM_FIELDS = [
  "llmCalls",
  "inputTokens",
  "outputTokens",
  "cacheReadTokens",
  "cacheWriteTokens",
  "reasoningTokens",
  "totalTokens",
  "estimatedTokens",
  "costUsd",
  "costReportedUsd",
  "costComputedUsd",
  "costEstimatedUsd",
  "unknownCostCalls",
  "estimatedCalls",
  "errorCalls",
] as const;

/** The run counters of a rollup row. */
export const RUN_COUNT_FIELDS = ["runs", "runsCompleted", "runsFailed"] as const;

/** What the usage charts plot: the call counters (but the estimated and failed call counts) and the runs. */
export const CHART_SUM_FIELDS = [
  ...CALL_SUM_FIELDS.filter((field) => field !== "estimatedCalls" && field !== "errorCalls"),
  ...RUN_COUNT_FIELDS,
];

/** The run-duration histogram's columns, shortest first. */
export const DURATION_FIELDS = Array.from({ length: DURATION_BUCKETS }, (_, i) => `runDur${i}` as const);

/** What the agent leaderboard sums from the rollups. */
export const PERFORMANCE_FIELDS = [
  ...RUN_COUNT_FIELDS,
  "totalTokens",
  "costUsd",
  "llmCalls",
  "unknownCostCalls",
  "costReportedUsd",
  "costComputedUsd",
  "costEstimatedUsd",
  ...DURATION_FIELDS,
] as const;

export const SUM_FIELDS = [
  ...CALL_SUM_FIELDS,
  ...RUN_COUNT_FIELDS,
  "runDurationCount",
  "runDurationMsSum",
  ...DURATION_FIELDS,
] as const;
export type SumField = (typeof SUM_FIELDS)[number];
export type RollupVector = Partial<Record<SumField, number>>;
export type RollupKey = { hour: Date; source: string; agentType: string; model: string };

export function hourOf(d: Date): Date {
  const h = new Date(d.getTime());
  h.setUTCMinutes(0, 0, 0);
  return h;
}

/** 00:00 UTC of the day `d` falls in. */
export function dayOf(d: Date): Date {
  const day = new Date(d.getTime());
  day.setUTCHours(0, 0, 0, 0);
  return day;
}

/** Hourly entries summed per UTC day: the daily rollup's increments, keyed by the day's midnight. */
export function perDay(
  entries: readonly { key: RollupKey; vector: RollupVector }[],
): { key: RollupKey; vector: RollupVector }[] {
  const acc = new RollupAccumulator();
  for (const e of entries) acc.add({ key: { ...e.key, hour: dayOf(e.key.hour) }, vector: e.vector });
  return acc.entries();
}

export function durationBucket(ms: number): number {
  const i = DURATION_BOUNDS_MS.findIndex((bound) => ms <= bound);
  return i === -1 ? DURATION_BOUNDS_MS.length : i;
}

export type CallForRollup = {
  startedAt: Date;
  source: string;
  agentType: string | null;
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  totalTokens: number;
  costUsd: number | null;
  costSource: string;
  estimated: boolean;
  status: string;
};

/** The columns a call's rollup contribution is computed from, for Prisma selects. */
export const CALL_FOR_ROLLUP_SELECT = {
  startedAt: true,
  source: true,
  agentType: true,
  model: true,
  inputTokens: true,
  outputTokens: true,
  cacheReadTokens: true,
  cacheWriteTokens: true,
  reasoningTokens: true,
  totalTokens: true,
  costUsd: true,
  costSource: true,
  estimated: true,
  status: true,
} as const satisfies Record<keyof CallForRollup, true>;

export function callContribution(c: CallForRollup): { key: RollupKey; vector: RollupVector } {
  const cost = c.costUsd ?? 0;
  return {
    key: { hour: hourOf(c.startedAt), source: c.source, agentType: c.agentType ?? "", model: c.model ?? "" },
    vector: {
      llmCalls: 1,
      inputTokens: c.inputTokens,
      outputTokens: c.outputTokens,
      cacheReadTokens: c.cacheReadTokens,
      cacheWriteTokens: c.cacheWriteTokens,
      reasoningTokens: c.reasoningTokens,
      totalTokens: c.totalTokens,
      estimatedTokens: c.estimated ? c.totalTokens : 0,
      costUsd: cost,
      costReportedUsd: c.costSource === "reported" ? cost : 0,
      costComputedUsd: c.costSource === "computed" ? cost : 0,
      costEstimatedUsd: c.costSource === "estimated" ? cost : 0,
      unknownCostCalls: c.costUsd === null ? 1 : 0,
      estimatedCalls: c.estimated ? 1 : 0,
      errorCalls: c.status === "failed" ? 1 : 0,
    },
  };
}

export type RunForRollup = {
  startedAt: Date | null;
  createdAt: Date;
  source: string;
  agentType: string | null;
  model: string | null;
  status: string;
  durationMs: number | null;
};

export function runContribution(r: RunForRollup): { key: RollupKey; vector: RollupVector } {
  const vector: RollupVector = {
    runs: 1,
    runsCompleted: r.status === "completed" ? 1 : 0,
    runsFailed: r.status === "failed" ? 1 : 0,
  };
  if (r.durationMs !== null) {
    vector.runDurationCount = 1;
    vector.runDurationMsSum = r.durationMs;
    vector[`runDur${durationBucket(r.durationMs)}` as SumField] = 1;
  }
  return {
    key: {
      hour: hourOf(r.startedAt ?? r.createdAt),
      source: r.source,
      agentType: r.agentType ?? "",
      model: r.model ?? "",
    },
    vector,
  };
}

export function keyId(k: RollupKey): string {
  return `${k.hour.toISOString()}\u0000${k.source}\u0000${k.agentType}\u0000${k.model}`;
}

/** Sums contributions (with sign) per key. */
export class RollupAccumulator {
  private readonly rows = new Map<string, { key: RollupKey; vector: Record<string, number> }>();

  add(c: { key: RollupKey; vector: RollupVector }, sign: 1 | -1 = 1): void {
    const id = keyId(c.key);
    const row = this.rows.get(id) ?? { key: c.key, vector: {} };
    for (const [field, value] of Object.entries(c.vector)) {
      if (value) row.vector[field] = (row.vector[field] ?? 0) + sign * value;
    }
    this.rows.set(id, row);
  }

  /** Entries with at least one non-zero sum. */
  entries(): { key: RollupKey; vector: RollupVector }[] {
    return [...this.rows.values()]
      .map((r) => ({
        key: r.key,
        vector: Object.fromEntries(Object.entries(r.vector).filter(([, v]) => Math.abs(v) > 1e-12)) as RollupVector,
      }))
      .filter((r) => Object.keys(r.vector).length > 0);
  }

  clear(): void {
    this.rows.clear();
  }
}

/** The p-th percentile (0–100) from histogram counts, interpolated within the bucket. */
export function histogramPercentile(counts: readonly number[], p: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = (p / 100) * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i] ?? 0;
    if (n > 0 && seen + n >= rank) {
      const lower = i === 0 ? 0 : DURATION_BOUNDS_MS[i - 1]!;
      const upper = DURATION_BOUNDS_MS[i] ?? lower * 2;
      return Math.round(lower + ((rank - seen) / n) * (upper - lower));
    }
    seen += n;
  }
  return DURATION_BOUNDS_MS[DURATION_BOUNDS_MS.length - 1]!;
}
