import { describe, expect, it } from "vitest";
import { sourceFiles } from "@/test/support/source-files";
import { bucketKeys, parseTimeWindow, timeWindowQuery, windowPickerDays, type TimeWindow } from "./time-window";

const now = new Date("2026-03-10T12:30:00Z");

describe("time window", () => {
  it("reads presets and custom ranges, and falls back to 7 days", () => {
    expect(parseTimeWindow({ window: "24h" }, now)).toMatchObject({
      preset: "24h",
      bucket: "hour",
      from: new Date("2026-03-09T12:30:00Z"),
    });
    expect(parseTimeWindow({ window: "custom", from: "2026-03-01", to: "2026-03-02" }, now)).toMatchObject({
      preset: "custom",
      from: new Date("2026-03-01T00:00:00Z"),
      to: new Date("2026-03-03T00:00:00Z"),
      bucket: "hour",
    });
    expect(parseTimeWindow({ window: "custom", from: "2026-03-05", to: "2026-03-01" }, now).preset).toBe("7d");
    expect(parseTimeWindow({ window: "bogus" }, now).preset).toBe("7d");
    expect(parseTimeWindow({}, now)).toEqual({
      preset: "7d",
      from: new Date("2026-03-03T12:30:00Z"),
      to: now,
      bucket: "day",
    });
  });

  it("reads raw search params: the first of repeated values, ISO timestamps, and drops bad dates", () => {
    expect(parseTimeWindow({ window: ["30d", "24h"] }, now).preset).toBe("30d");
    expect(
      parseTimeWindow({ window: "custom", from: "2026-03-01T06:00:00Z", to: "2026-03-01T18:00:00Z" }, now),
    ).toMatchObject({
      from: new Date("2026-03-01T06:00:00Z"),
      to: new Date("2026-03-01T18:00:00Z"),
      bucket: "hour",
    });
    // no "to": up to now
    expect(parseTimeWindow({ window: "custom", from: "2026-03-01" }, now)).toMatchObject({
      preset: "custom",
      to: now,
      bucket: "day",
    });
    expect(parseTimeWindow({ window: "custom", from: "March 1st", to: "2026-03-02" }, now).preset).toBe("7d");
    expect(parseTimeWindow({ window: "custom", from: "2026-02-30x", to: "2026-03-02" }, now).preset).toBe("7d");
    // longer than 400 days
    expect(parseTimeWindow({ window: "custom", from: "2020-01-01", to: "2026-03-02" }, now).preset).toBe("7d");
  });

  it("writes params that parse back to the same window", () => {
    const windows: TimeWindow[] = [
      parseTimeWindow({ window: "24h" }, now),
      parseTimeWindow({ window: "30d" }, now),
      parseTimeWindow({ window: "custom", from: "2026-03-01", to: "2026-03-04" }, now),
      parseTimeWindow({ window: "custom", from: "2026-03-01T06:00:00.000Z", to: "2026-03-01T18:30:00.000Z" }, now),
    ];
    for (const w of windows) expect(parseTimeWindow(timeWindowQuery(w), now)).toEqual(w);
    expect(timeWindowQuery(windows[0]!)).toEqual({ window: "24h" });
    expect(timeWindowQuery(windows[2]!)).toEqual({ window: "custom", from: "2026-03-01", to: "2026-03-04" });
  });

  it("shows the picker the first and the last (inclusive) day", () => {
    expect(windowPickerDays(parseTimeWindow({ window: "custom", from: "2026-03-01", to: "2026-03-04" }, now))).toEqual({
      from: "2026-03-01",
      to: "2026-03-04",
    });
    expect(windowPickerDays(parseTimeWindow({ window: "24h" }, now))).toEqual({ from: "2026-03-09", to: "2026-03-10" });
  });

  it("lists every bucket so empty periods show", () => {
    expect(bucketKeys(parseTimeWindow({ window: "7d" }, now))).toHaveLength(8);
    expect(bucketKeys(parseTimeWindow({ window: "24h" }, now))).toHaveLength(25);
  });

  it("is the only module that reads the window params", () => {
    const readers = sourceFiles("app", "components", "lib")
      .filter(
        ({ file, text }) =>
          !["lib/usage/time-window.ts", "lib/usage/window-presets.ts"].includes(file) &&
          /["'](24h|7d|30d)["']|\(\s*\w+,\s*["'](window|from)["']\s*\)|\bsp\.window\b|\.get\(["']window["']\)/.test(
            text,
          ),
      )
      .map(({ file }) => file);
    expect(readers).toEqual([]);
  });

  it("keeps zod out of the picker's client bundle", () => {
    const picker = sourceFiles("components/usage").find((f) => f.file.endsWith("window-picker.tsx"))!;
    expect(picker.text).toContain("@/lib/usage/window-presets");
    expect(sourceFiles("lib/usage").find((f) => f.file.endsWith("window-presets.ts"))!.text).not.toMatch(
      /from ["'](zod|\.\/time-window)["']/,
    );
  });
});
