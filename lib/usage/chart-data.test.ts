import { describe, expect, it } from "vitest";
import {
  measuredVsEstimated,
  runTrend,
  stackedOverTime,
  tokenSplit,
  toCsv,
  topGroups,
  type RollupPoint,
} from "./chart-data";
import { bucketKeys, parseTimeWindow } from "./time-window";

const zero: Omit<RollupPoint, "hour" | "source" | "agentType" | "model"> = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  totalTokens: 0,
  estimatedTokens: 0,
  costUsd: 0,
  costReportedUsd: 0,
  costComputedUsd: 0,
  costEstimatedUsd: 0,
  unknownCostCalls: 0,
  llmCalls: 0,
  runs: 0,
  runsCompleted: 0,
  runsFailed: 0,
};
const pt = (iso: string, model: string, p: Partial<RollupPoint>): RollupPoint => ({
  ...zero,
  hour: new Date(iso),
  source: "tac",
  agentType: "builder",
  model,
  ...p,
});
const now = new Date("2026-03-10T12:30:00Z");

describe("chart adapters", () => {
  const w = parseTimeWindow({ window: "custom", from: "2026-03-01", to: "2026-03-03" }, now);
  const points = [
    pt("2026-03-01T10:00:00Z", "gpt-4o", { totalTokens: 100, costUsd: 1, runs: 2, runsCompleted: 1, runsFailed: 1 }),
    pt("2026-03-01T10:00:00Z", "gpt-4o-mini", { totalTokens: 50, costUsd: 0.1 }),
    pt("2026-03-03T01:00:00Z", "gpt-4o", { totalTokens: 10, costUsd: 2, runs: 1, runsCompleted: 1 }),
    pt("2026-03-02T00:00:00Z", "", { totalTokens: 5 }),
  ];

  it("stacks by group with every bucket present", () => {
    const s = stackedOverTime(points, bucketKeys(w), w, "model", (p) => p.totalTokens);
    expect(s.keys).toEqual(["gpt-4o", "gpt-4o-mini", "(none)"]);
    // three days are bucketed by day
    expect(s.rows).toEqual([
      { bucket: "2026-03-01", "gpt-4o": 100, "gpt-4o-mini": 50, "(none)": 0 },
      { bucket: "2026-03-02", "gpt-4o": 0, "gpt-4o-mini": 0, "(none)": 5 },
      { bucket: "2026-03-03", "gpt-4o": 10, "gpt-4o-mini": 0, "(none)": 0 },
    ]);
    const hours = parseTimeWindow({ window: "custom", from: "2026-03-01", to: "2026-03-01" }, now);
    const hourly = stackedOverTime(points, bucketKeys(hours), hours, "model", (p) => p.totalTokens);
    expect(hourly.rows).toHaveLength(24);
    expect(hourly.rows.find((r) => r.bucket === "2026-03-01T10:00")).toMatchObject({
      "gpt-4o": 100,
      "gpt-4o-mini": 50,
    });
  });

  it("folds small groups into other", () => {
    expect(topGroups(points, "model", (p) => p.totalTokens, 1)).toEqual(["gpt-4o", "other"]);
    const s = stackedOverTime(points, bucketKeys(w), w, "model", (p) => p.totalTokens, 1);
    expect(s.rows.find((r) => r.bucket === "2026-03-01")).toMatchObject({ "gpt-4o": 100, other: 50 });
  });

  it("splits tokens so each is counted once", () => {
    const split = tokenSplit([
      pt("2026-03-01T00:00:00Z", "m", {
        inputTokens: 1000,
        cacheReadTokens: 600,
        cacheWriteTokens: 100,
        outputTokens: 300,
        reasoningTokens: 50,
      }),
    ]);
    expect(split.map((s) => s.tokens)).toEqual([300, 600, 100, 250, 50]);
    expect(split.reduce((a, s) => a + s.tokens, 0)).toBe(1300);
  });

  it("keeps measured and estimated apart", () => {
    expect(
      measuredVsEstimated([
        pt("2026-03-01T00:00:00Z", "m", {
          totalTokens: 100,
          estimatedTokens: 40,
          costEstimatedUsd: 0.2,
          costComputedUsd: 1,
          unknownCostCalls: 2,
        }),
      ]),
    ).toEqual({
      measuredTokens: 60,
      estimatedTokens: 40,
      reportedUsd: 0,
      computedUsd: 1,
      estimatedUsd: 0.2,
      unknownCostCalls: 2,
    });
  });

  it("computes the run trend with success rates", () => {
    const days = parseTimeWindow({ window: "custom", from: "2026-03-01", to: "2026-03-04" }, now);
    const trend = runTrend(points, bucketKeys(days), days);
    expect(trend.map((r) => [r.bucket, r.runs, r.successRate])).toEqual([
      ["2026-03-01", 2, 50],
      ["2026-03-02", 0, null],
      ["2026-03-03", 1, 100],
      ["2026-03-04", 0, null],
    ]);
  });

  it("writes CSV that spreadsheets cannot execute", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["x,y", 1],
          ["=HYPERLINK()", null],
          ['say "hi"', 2],
        ],
      ),
    ).toBe('a,b\r\n"x,y",1\r\n\'=HYPERLINK(),\r\n"say ""hi""",2\r\n');
  });
});
