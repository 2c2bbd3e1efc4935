import { describe, expect, it } from "vitest";
import {
  callContribution,
  durationBucket,
  histogramPercentile,
  hourOf,
  RollupAccumulator,
  runContribution,
  DURATION_BUCKETS,
} from "./rollup-math";

const call = {
  startedAt: new Date("2026-03-01T10:42:13Z"),
  source: "tac",
  agentType: "builder",
  model: "gpt-4o",
  inputTokens: 100,
  outputTokens: 50,
  cacheReadTokens: 40,
  cacheWriteTokens: 0,
  reasoningTokens: 10,
  totalTokens: 150,
  costUsd: 0.5,
  costSource: "computed",
  estimated: false,
  status: "completed",
};

describe("rollup contributions", () => {
  it("truncates to the UTC hour", () => {
    expect(hourOf(new Date("2026-03-01T10:42:13.500Z")).toISOString()).toBe("2026-03-01T10:00:00.000Z");
  });

  it("puts a call's cost under its source and counts unknown cost apart", () => {
    expect(callContribution(call).vector).toMatchObject({
      llmCalls: 1,
      totalTokens: 150,
      costUsd: 0.5,
      costComputedUsd: 0.5,
      costReportedUsd: 0,
      unknownCostCalls: 0,
    });
    expect(callContribution({ ...call, costUsd: null, costSource: "unknown" }).vector).toMatchObject({
      costUsd: 0,
      unknownCostCalls: 1,
    });
  });

  it("an update moves a contribution: subtract the old, add the new", () => {
    const acc = new RollupAccumulator();
    acc.add(callContribution(call));
    acc.add(callContribution(call), -1);
    acc.add(callContribution({ ...call, model: "gpt-4o-mini" }));
    const entries = acc.entries();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.key.model).toBe("gpt-4o-mini");
  });

  it("counts runs by outcome and buckets their durations", () => {
    const v = runContribution({
      startedAt: null,
      createdAt: new Date("2026-03-01T00:10:00Z"),
      source: "s",
      agentType: null,
      model: null,
      status: "failed",
      durationMs: 1200,
    }).vector;
    expect(v).toMatchObject({
      runs: 1,
      runsFailed: 1,
      runsCompleted: 0,
      runDurationCount: 1,
      runDurationMsSum: 1200,
      runDur3: 1,
    });
    expect(durationBucket(0)).toBe(0);
    expect(durationBucket(250)).toBe(0);
    expect(durationBucket(251)).toBe(1);
    expect(durationBucket(10 * 3_600_000)).toBe(DURATION_BUCKETS - 1);
  });
});

describe("histogramPercentile", () => {
  it("interpolates within the bucket holding the rank", () => {
    const counts = Array(DURATION_BUCKETS).fill(0);
    counts[2] = 10; // (500, 1000]
    expect(histogramPercentile(counts, 50)).toBe(750);
    expect(histogramPercentile(counts, 100)).toBe(1000);
    expect(histogramPercentile(Array(DURATION_BUCKETS).fill(0), 50)).toBeNull();
  });
});
