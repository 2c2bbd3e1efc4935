// Pure adapters from rollup rows to chart-ready data for the Usage and Agents pages.
import { bucketKey, type TimeWindow } from "./time-window";

export type RollupPoint = {
  hour: Date;
  source: string;
  agentType: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  totalTokens: number;
  estimatedTokens: number;
  costUsd: number;
  costReportedUsd: number;
  costComputedUsd: number;
  costEstimatedUsd: number;
  unknownCostCalls: number;
  llmCalls: number;
  runs: number;
  runsCompleted: number;
  runsFailed: number;
};

export type StackBy = "agentType" | "model" | "source";
export type StackedSeries = { keys: string[]; rows: ({ bucket: string } & Record<string, number | string>)[] };

const OTHER = "other";

function label(value: string): string {
  return value === "" ? "(none)" : value;
}

/** Top `limit` groups by total, the rest folded into "other". */
export function topGroups(
  points: readonly RollupPoint[],
  stackBy: StackBy,
  measure: (p: RollupPoint) => number,
  limit = 6,
): string[] {
  const totals = new Map<string, number>();
  for (const p of points) totals.set(label(p[stackBy]), (totals.get(label(p[stackBy])) ?? 0) + measure(p));
  const sorted = [...totals.entries()]
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k]) => k);
  return sorted.length > limit ? [...sorted.slice(0, limit), OTHER] : sorted;
}

/** A value per time bucket and group, every bucket present (zeros where nothing happened). */
export function stackedOverTime(
  points: readonly RollupPoint[],
  buckets: readonly string[],
  window: Pick<TimeWindow, "bucket">,
  stackBy: StackBy,
  measure: (p: RollupPoint) => number,
  limit = 6,
): StackedSeries {
  const keys = topGroups(points, stackBy, measure, limit);
  const kept = new Set(keys);
  const rows = new Map(
    buckets.map((b) => [
      b,
      Object.fromEntries([["bucket", b], ...keys.map((k) => [k, 0])]) as { bucket: string } & Record<
        string,
        number | string
      >,
    ]),
  );
  for (const p of points) {
    const row = rows.get(bucketKey(p.hour, window.bucket));
    if (!row) continue;
    const group = kept.has(label(p[stackBy])) ? label(p[stackBy]) : OTHER;
    if (!kept.has(group)) continue;
    row[group] = Math.round(((row[group] as number) + measure(p)) * 1e9) / 1e9;
  }
  return { keys, rows: [...rows.values()] };
}

export type TokenSplit = { name: string; tokens: number }[];

/** Input (uncached), cache read, cache write, output (non-reasoning) and reasoning tokens: each billed once. */
export function tokenSplit(points: readonly RollupPoint[]): TokenSplit {
  let input = 0,
    cacheRead = 0,
    cacheWrite = 0,
    output = 0,
    reasoning = 0;
  for (const p of points) {
    input += p.inputTokens;
    cacheRead += p.cacheReadTokens;
    cacheWrite += p.cacheWriteTokens;
    output += p.outputTokens;
    reasoning += p.reasoningTokens;
  }
  return [
    { name: "Input (uncached)", tokens: Math.max(0, input - cacheRead - cacheWrite) },
    { name: "Cache read", tokens: cacheRead },
    { name: "Cache write", tokens: cacheWrite },
    { name: "Output", tokens: Math.max(0, output - reasoning) },
    { name: "Reasoning", tokens: reasoning },
  ];
}

export type MeasuredVsEstimated = {
  measuredTokens: number;
  estimatedTokens: number;
  reportedUsd: number;
  computedUsd: number;
  estimatedUsd: number;
  unknownCostCalls: number;
};

export function measuredVsEstimated(points: readonly RollupPoint[]): MeasuredVsEstimated {
  const out = {
    measuredTokens: 0,
    estimatedTokens: 0,
    reportedUsd: 0,
    computedUsd: 0,
    estimatedUsd: 0,
    unknownCostCalls: 0,
  };
  for (const p of points) {
    out.estimatedTokens += p.estimatedTokens;
    out.measuredTokens += p.totalTokens - p.estimatedTokens;
    out.reportedUsd += p.costReportedUsd;
    out.computedUsd += p.costComputedUsd;
    out.estimatedUsd += p.costEstimatedUsd;
    out.unknownCostCalls += p.unknownCostCalls;
  }
  return out;
}

export type RunTrendRow = { bucket: string; runs: number; failed: number; successRate: number | null };

/** Runs per bucket with their success rate (completed ÷ finished), for the Agents trend chart. */
export function runTrend(
  points: readonly RollupPoint[],
  buckets: readonly string[],
  window: Pick<TimeWindow, "bucket">,
): RunTrendRow[] {
  const rows = new Map(buckets.map((b) => [b, { bucket: b, runs: 0, failed: 0, completed: 0 }]));
  for (const p of points) {
    const row = rows.get(bucketKey(p.hour, window.bucket));
    if (!row) continue;
    row.runs += p.runs;
    row.failed += p.runsFailed;
    row.completed += p.runsCompleted;
  }
  return [...rows.values()].map((r) => ({
    bucket: r.bucket,
    runs: r.runs,
    failed: r.failed,
    successRate: r.completed + r.failed === 0 ? null : Math.round((r.completed / (r.completed + r.failed)) * 1000) / 10,
  }));
}

/** CSV with a header row; values quoted when needed, formula-leading cells neutralised. */
export { toCsv } from "@/lib/export/csv";
