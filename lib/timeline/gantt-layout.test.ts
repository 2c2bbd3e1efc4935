import { describe, expect, it } from "vitest";
import { assignAgentColors, AGENT_PALETTE, colorOf, UNKNOWN_AGENT_COLOR } from "./agent-colors";
import {
  axisTicks,
  formatOffset,
  layoutGantt,
  MIN_BAR_PCT,
  sessionSpan,
  treeOrder,
  type GanttInput,
} from "./gantt-layout";

const T0 = Date.UTC(2026, 0, 1);
const at = (s: number) => new Date(T0 + s * 1000);
function run(
  id: string,
  start: number | null,
  end: number | null,
  parentRunId: string | null = null,
  extra: Partial<GanttInput> = {},
): GanttInput {
  return {
    id,
    parentRunId,
    startedAt: start === null ? null : at(start),
    endedAt: end === null ? null : at(end),
    durationMs: null,
    status: "completed",
    ...extra,
  };
}

describe("treeOrder", () => {
  it("puts children right after their parent, each level by start time", () => {
    const order = treeOrder([
      run("b", 50, 60),
      run("a1", 20, 30, "a"),
      run("a", 10, 40),
      run("a0", 15, 18, "a"),
      run("a1x", 21, 22, "a1"),
    ]);
    expect(order.map((o) => `${o.run.id}:${o.depth}`)).toEqual(["a:0", "a0:1", "a1:1", "a1x:2", "b:0"]);
  });

  it("treats runs whose parent is not loaded as roots and survives parent cycles", () => {
    const order = treeOrder([run("x", 0, 1, "missing"), run("c1", 2, 3, "c2"), run("c2", 4, 5, "c1")]);
    expect(order.map((o) => o.run.id).sort()).toEqual(["c1", "c2", "x"]);
    expect(order).toHaveLength(3);
  });
});

describe("layoutGantt", () => {
  it("positions bars in percent of the whole span", () => {
    const layout = layoutGantt([run("a", 0, 100), run("b", 50, 100, "a")], at(1000));
    expect(layout.start).toBe(T0);
    expect(layout.end).toBe(T0 + 100_000);
    expect(layout.rows.map((r) => [r.run.id, r.depth, r.offsetPct, r.widthPct])).toEqual([
      ["a", 0, 0, 100],
      ["b", 1, 50, 50],
    ]);
  });

  it("runs an active run without an end to now, and keeps instants visible", () => {
    const layout = layoutGantt([run("a", 0, 0), run("live", 10, null, null, { status: "running" })], at(100));
    expect(layout.end).toBe(T0 + 100_000);
    const [a, live] = layout.rows;
    expect(a?.widthPct).toBe(MIN_BAR_PCT);
    expect(live?.end).toBe(T0 + 100_000);
  });

  it("uses the reported duration when there is no end, and leaves timeless runs unplaced", () => {
    const layout = layoutGantt(
      [run("a", 0, null, null, { durationMs: 30_000 }), run("b", 0, 60), run("t", null, null)],
      at(0),
    );
    expect(layout.rows.find((r) => r.run.id === "a")?.widthPct).toBe(50);
    expect(layout.rows.find((r) => r.run.id === "t")).toMatchObject({ start: null, widthPct: 0 });
  });

  it("cuts bars at the edges of a zoomed-in window", () => {
    const range = { start: T0 + 40_000, end: T0 + 60_000, origin: T0 };
    const layout = layoutGantt([run("a", 0, 100), run("b", 45, 50, "a"), run("c", 55, 80, "a")], at(1000), range);
    expect(layout.start).toBe(range.start);
    expect(layout.rows.map((r) => [r.run.id, r.offsetPct, r.widthPct])).toEqual([
      ["a", 0, 100],
      ["b", 25, 25],
      ["c", 75, 25],
    ]);
    // ticks count from the session's start, not the window's
    expect(layout.ticks.map((t) => t.label)).toEqual(["+40 s", "+45 s", "+50 s", "+55 s", "+1 min"]);
  });
});

describe("axis", () => {
  it("picks a round step with at most the target number of intervals", () => {
    const ticks = axisTicks(0, 10 * 60_000);
    expect(ticks.map((t) => t.label)).toEqual(["0", "+2 min", "+4 min", "+6 min", "+8 min", "+10 min"]);
    expect(ticks[ticks.length - 1]?.pct).toBe(100);
  });

  it("formats offsets", () => {
    expect(formatOffset(45_000)).toBe("+45 s");
    expect(formatOffset(90 * 60_000)).toBe("+1 h 30 min");
    expect(formatOffset(2 * 86_400_000)).toBe("+2 d");
  });
});

describe("agent colours", () => {
  it("gives each agent type of a set its own colour, in name order", () => {
    const colors = assignAgentColors(["qa", "pm", "eng", "pm", null]);
    expect([...colors.keys()]).toEqual(["eng", "pm", "qa"]);
    expect(colors.get("eng")).toBe(AGENT_PALETTE[0]);
    expect(new Set(colors.values()).size).toBe(3);
    expect(colorOf(colors, null)).toBe(UNKNOWN_AGENT_COLOR);
    expect(colorOf(colors, "other")).toBe(UNKNOWN_AGENT_COLOR);
  });
});

describe("sessionSpan", () => {
  const none = { firstStart: null, lastStart: null, lastEnd: null, longestOpenDuration: null, openActive: false };
  it("runs from the first start to the last bar end, active runs to now", () => {
    expect(sessionSpan({ ...none, firstStart: 5, lastStart: 10, lastEnd: 20 }, 100)).toEqual({ start: 5, end: 20 });
    expect(sessionSpan({ ...none, firstStart: 5, lastStart: 10, lastEnd: 20, openActive: true }, 100)).toEqual({
      start: 5,
      end: 100,
    });
    expect(sessionSpan({ ...none, firstStart: 5, lastStart: 10, longestOpenDuration: 50 }, 0)).toEqual({
      start: 5,
      end: 60,
    });
    expect(sessionSpan({ ...none, firstStart: 5, lastStart: 10 }, 0)).toEqual({ start: 5, end: 10 });
    expect(sessionSpan(none, 100)).toBeNull();
  });
});
