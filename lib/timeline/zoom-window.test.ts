import { describe, expect, it } from "vitest";
import { aggregateLanes, type LaneGroup } from "./lane-aggregate";
import { clampWindow, detailWindow, pan, zoomAround } from "./zoom-window";

const span = { from: 0, to: 1_000 };

describe("zoom and pan", () => {
  it("zooms around a time, keeping it where it was on screen", () => {
    expect(zoomAround(span, 500, 4, span)).toEqual({ from: 375, to: 625 });
    expect(zoomAround(span, 0, 4, span)).toEqual({ from: 0, to: 250 });
    expect(zoomAround({ from: 0, to: 250 }, 250, 1 / 4, span)).toEqual({ from: 0, to: 1_000 });
  });

  it("pans by the window's width and stops at the span's edges", () => {
    expect(pan({ from: 0, to: 250 }, 1, span)).toEqual({ from: 250, to: 500 });
    expect(pan({ from: 900, to: 1_000 }, 1, span)).toEqual({ from: 900, to: 1_000 });
    expect(pan({ from: 50, to: 150 }, -1, span)).toEqual({ from: 0, to: 100 });
    expect(clampWindow({ from: -500, to: 5_000 }, span)).toEqual(span);
  });
});

describe("detailWindow", () => {
  // 10 buckets of 100 ms; bucket i holds i runs, bucket 5 holds 50
  const groups: LaneGroup[] = Array.from({ length: 10 }, (_, i) => ({
    agentType: "a",
    status: "completed",
    bucket: i,
    runs: i === 5 ? 50 : i,
  }));
  const overview = aggregateLanes(groups, span, 10);

  it("widens around the clicked bucket, smallest neighbour first, while the runs fit the limit", () => {
    // bucket 2 (2 runs), then 1 (1), 0 (0), 3 (3), 4 (4): 10 runs; bucket 5 (50) would pass 20
    expect(detailWindow(overview, 250, 20)).toEqual({ from: 0, to: 500 });
  });

  it("lands on the clicked bucket alone when it holds more than the limit", () => {
    expect(detailWindow(overview, 510, 20)).toEqual({ from: 500, to: 600 });
  });

  it("takes the whole window when everything fits", () => {
    expect(detailWindow(overview, 0, 1_000)).toEqual(span);
  });
});
