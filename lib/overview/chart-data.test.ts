import { describe, expect, it } from "vitest";
import {
  agentActivity,
  failureRate,
  hourKey,
  hourlyTotals,
  lastHours,
  sessionsPerHourByStatus,
  statusesPresent,
} from "./chart-data";
import { sparklinePoints } from "./sparkline";

const now = new Date("2026-03-01T12:34:00Z");

describe("sessionsPerHourByStatus", () => {
  it("counts sessions per UTC hour and status over the last 24 hours", () => {
    const points = sessionsPerHourByStatus(
      [
        { startedAt: new Date("2026-03-01T12:01:00Z"), status: "running" },
        { startedAt: new Date("2026-03-01T12:30:00Z"), status: "failed" },
        { startedAt: new Date("2026-02-28T13:10:00Z"), status: "completed" },
        { startedAt: new Date("2026-02-28T12:59:00Z"), status: "completed" }, // 25 h ago: outside
      ],
      now,
    );
    expect(points).toHaveLength(24);
    expect(points[0]).toMatchObject({ hour: "2026-02-28T13", label: "13:00", completed: 1, total: 1 });
    expect(points[23]).toMatchObject({ hour: "2026-03-01T12", running: 1, failed: 1, total: 2 });
    expect(statusesPresent(points)).toEqual(["running", "completed", "failed"]);
  });
});

describe("agentActivity", () => {
  it("sorts by runs and folds the tail into 'other'", () => {
    const points = agentActivity(
      [
        { agentType: "pm", runs: 5, failed: 1 },
        { agentType: "qa", runs: 9, failed: 0 },
        { agentType: null, runs: 1, failed: 1 },
        { agentType: "eng", runs: 2, failed: 0 },
      ],
      3,
    );
    expect(points).toEqual([
      { agentType: "qa", runs: 9, failed: 0, ok: 9 },
      { agentType: "pm", runs: 5, failed: 1, ok: 4 },
      { agentType: "other (2)", runs: 3, failed: 1, ok: 2 },
    ]);
  });
});

describe("failureRate", () => {
  it("is the failed share of finished sessions, unknown when none finished", () => {
    expect(
      failureRate([
        { status: "failed", count: 1 },
        { status: "completed", count: 3 },
        { status: "running", count: 5 },
      ]),
    ).toEqual({
      failed: 1,
      finished: 4,
      rate: 0.25,
    });
    expect(failureRate([{ status: "running", count: 2 }]).rate).toBeNull();
  });
});

describe("hourly totals", () => {
  it("zero-fills the hours since midnight", () => {
    const since = new Date("2026-03-01T00:00:00Z");
    const totals = hourlyTotals([{ hour: "2026-03-01T02", tokens: 10, costUsd: 0.5, calls: 1 }], since, now);
    expect(totals.hours).toHaveLength(13);
    expect(totals.tokens[2]).toBe(10);
    expect(totals.costUsd.reduce((a, b) => a + b, 0)).toBe(0.5);
  });

  it("lists whole hours ending with the current one", () => {
    expect(lastHours(now, 2).map(hourKey)).toEqual(["2026-03-01T11", "2026-03-01T12"]);
  });
});

describe("sparklinePoints", () => {
  it("spreads values over the width with the maximum at the top", () => {
    expect(sparklinePoints([0, 5, 10], 100, 20, 0)).toBe("0,20 50,10 100,0");
  });

  it("draws a flat line for zeros and for a single value", () => {
    expect(sparklinePoints([0, 0], 10, 10, 0)).toBe("0,10 10,10");
    expect(sparklinePoints([3], 10, 10, 0)).toBe("0,0 10,0");
    expect(sparklinePoints([], 10, 10)).toBe("");
  });
});
