import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rollupSlices } from "./rollup-slices";

const HOUR = 3_600_000;
const DAY = 86_400_000;
const at = (s: string) => new Date(s);

/** The hour starts a slice list covers, each once: what the hourly reading would read. */
function coveredHours(slices: ReturnType<typeof rollupSlices>): number[] {
  const hours: number[] = [];
  for (const s of slices) {
    const step = s.level === "day" ? DAY : HOUR;
    for (let t = s.from.getTime(); t < s.to.getTime(); t += step) {
      for (let h = t; h < t + step; h += HOUR) hours.push(h);
    }
  }
  return hours;
}

describe("rollupSlices", () => {
  it("reads a 30-day window ending mid-day as hourly edges around whole days", () => {
    const slices = rollupSlices({ from: at("2026-10-23T01:18:05Z"), to: at("2026-11-22T01:18:05Z") }, "day");
    expect(slices.map((s) => [s.level, s.from.toISOString(), s.to.toISOString()])).toEqual([
      ["hour", "2026-10-23T02:00:00.000Z", "2026-10-24T00:00:00.000Z"],
      ["day", "2026-10-24T00:00:00.000Z", "2026-11-22T00:00:00.000Z"],
      ["hour", "2026-11-22T00:00:00.000Z", "2026-11-22T02:00:00.000Z"],
    ]);
  });

  it("reads a window on whole UTC days from the daily rollups only", () => {
    const slices = rollupSlices({ from: at("2026-05-01T00:00:00Z"), to: at("2026-06-01T00:00:00Z") }, "day");
    expect(slices).toEqual([{ level: "day", from: at("2026-05-01T00:00:00Z"), to: at("2026-06-01T00:00:00Z") }]);
  });

  it("reads hourly when the caller groups by hour or the window holds no whole day", () => {
    expect(rollupSlices({ from: at("2026-05-01T00:00:00Z"), to: at("2026-06-01T00:00:00Z") }, "hour")).toEqual([
      { level: "hour", from: at("2026-05-01T00:00:00Z"), to: at("2026-06-01T00:00:00Z") },
    ]);
    expect(rollupSlices({ from: at("2026-05-01T05:00:00Z"), to: at("2026-05-02T05:00:00Z") }, "day")).toEqual([
      { level: "hour", from: at("2026-05-01T05:00:00Z"), to: at("2026-05-02T05:00:00Z") },
    ]);
    expect(rollupSlices({ from: at("2026-05-01T05:10:00Z"), to: at("2026-05-01T05:20:00Z") }, "day")).toEqual([]);
  });

  it("covers exactly the hours from ≤ hour < to, each once, with day slices on UTC midnights", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 * DAY }),
        fc.integer({ min: 0, max: 40 * DAY }),
        fc.constantFrom("hour" as const, "day" as const),
        (a, len, res) => {
          const from = new Date(Date.UTC(2026, 0, 1) + a);
          const to = new Date(from.getTime() + len);
          const expected: number[] = [];
          for (let h = Math.ceil(from.getTime() / HOUR) * HOUR; h < to.getTime(); h += HOUR) expected.push(h);
          const slices = rollupSlices({ from, to }, res);
          expect(coveredHours(slices)).toEqual(expected);
          for (const s of slices.filter((x) => x.level === "day")) {
            expect(s.from.getTime() % DAY).toBe(0);
            expect(s.to.getTime() % DAY).toBe(0);
          }
          if (res === "hour") expect(slices.every((s) => s.level === "hour")).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
