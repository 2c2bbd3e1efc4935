import { describe, expect, it } from "vitest";
import { aggregateLanes, bucketWidth, peakBucket, type LaneGroup } from "./lane-aggregate";

const g = (agentType: string | null, bucket: number | null, runs = 1, status: LaneGroup["status"] = "completed") => ({
  agentType,
  bucket,
  runs,
  status,
});

describe("aggregateLanes", () => {
  it("lays the groups out per agent lane and bucket, failures apart", () => {
    const overview = aggregateLanes(
      [g("pm", 0), g("dev", 0), g("dev", 2, 1, "failed"), g("dev", 3), g(null, 2, 2), g("qa", null, 4), g("dev", 2)],
      { from: 0, to: 100 },
      4,
    );
    expect(overview.runs).toBe(7);
    expect(overview.untimed).toBe(4);
    expect(overview.bucketMs).toBe(25);
    expect(overview.lanes.map((l) => [l.agentType, l.runs, l.failed, l.buckets, l.failedBuckets])).toEqual([
      ["dev", 4, 1, [1, 0, 2, 1], [0, 0, 1, 0]],
      ["pm", 1, 0, [1, 0, 0, 0], [0, 0, 0, 0]],
      [null, 2, 0, [0, 0, 2, 0], [0, 0, 0, 0]],
    ]);
    const total = overview.lanes.reduce((n, l) => n + l.buckets.reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(overview.runs);
    expect(peakBucket(overview)).toBe(2);
  });

  it("keeps a bucket rounded past an edge at that edge", () => {
    const overview = aggregateLanes([g("pm", -1), g("pm", 4)], { from: 0, to: 100 }, 4);
    expect(overview.lanes[0]?.buckets).toEqual([1, 0, 0, 1]);
  });

  it("survives an empty or zero-length window", () => {
    const overview = aggregateLanes([g("pm", 0, 2)], { from: 7, to: 7 }, 3);
    expect(overview.to).toBe(8);
    expect(overview.lanes[0]?.buckets).toEqual([2, 0, 0]);
    expect(bucketWidth({ from: 7, to: 7 }, 4)).toBe(0.25);
    expect(aggregateLanes([], { from: 0, to: 10 }).lanes).toEqual([]);
    expect(peakBucket(aggregateLanes([], { from: 0, to: 10 }))).toBe(0);
  });
});
