import { describe, expect, it } from "vitest";
import { aggregateLanes, bucketOf, peakBucket, type RunPoint } from "./lane-aggregate";

const p = (agentType: string | null, start: number | null, status: RunPoint["status"] = "completed"): RunPoint => ({
  agentType,
  start,
  status,
});

describe("bucketOf", () => {
  it("cuts [from, to) into equal buckets and answers null outside", () => {
    expect(bucketOf(0, 0, 100, 10)).toBe(0);
    expect(bucketOf(9.99, 0, 100, 10)).toBe(0);
    expect(bucketOf(10, 0, 100, 10)).toBe(1);
    expect(bucketOf(99, 0, 100, 10)).toBe(9);
    expect(bucketOf(100, 0, 100, 10)).toBeNull();
    expect(bucketOf(-1, 0, 100, 10)).toBeNull();
  });
});

describe("aggregateLanes", () => {
  it("counts each run once, in its agent's lane and the bucket where it starts", () => {
    const overview = aggregateLanes(
      [p("pm", 0), p("dev", 5), p("dev", 55, "failed"), p("dev", 99), p(null, 50), p("qa", null), p("pm", 100)],
      { from: 0, to: 100 },
      4,
    );
    expect(overview.runs).toBe(5);
    expect(overview.untimed).toBe(1);
    expect(overview.bucketMs).toBe(25);
    expect(overview.lanes.map((l) => [l.agentType, l.runs, l.failed, l.buckets, l.failedBuckets])).toEqual([
      ["dev", 3, 1, [1, 0, 1, 1], [0, 0, 1, 0]],
      ["pm", 1, 0, [1, 0, 0, 0], [0, 0, 0, 0]],
      [null, 1, 0, [0, 0, 1, 0], [0, 0, 0, 0]],
    ]);
    const total = overview.lanes.reduce((n, l) => n + l.buckets.reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(overview.runs);
    expect(peakBucket(overview)).toBe(1);
  });

  it("survives an empty or zero-length window", () => {
    const overview = aggregateLanes([p("pm", 7), p("pm", 7)], { from: 7, to: 7 }, 3);
    expect(overview.to).toBe(8);
    expect(overview.lanes[0]?.buckets).toEqual([2, 0, 0]);
    expect(aggregateLanes([], { from: 0, to: 10 }).lanes).toEqual([]);
    expect(peakBucket(aggregateLanes([], { from: 0, to: 10 }))).toBe(0);
  });
});
