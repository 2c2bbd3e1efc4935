// Which rollup table answers which part of a window. Whole UTC days come from the daily
// rollups (30× fewer rows); the partial days at either edge, and any window read per hour,
// from the hourly ones. The hourly reading of a window takes the hours h with from ≤ h < to,
// so the slices cover exactly those hours and the sums are the same either way.

export type RollupSlice = { level: "hour" | "day"; from: Date; to: Date };

const HOUR = 3_600_000;
const DAY = 86_400_000;

const ceilTo = (t: number, step: number) => Math.ceil(t / step) * step;
const floorTo = (t: number, step: number) => Math.floor(t / step) * step;

/** The slices of `window`; `resolution` "hour" when the caller groups by hour. */
export function rollupSlices(window: { from: Date; to: Date }, resolution: "hour" | "day"): RollupSlice[] {
  // the first and last hour rows the hourly reading includes, as a half-open range of hour starts
  const from = ceilTo(window.from.getTime(), HOUR);
  const to = ceilTo(window.to.getTime(), HOUR);
  if (from >= to) return [];
  const firstDay = ceilTo(from, DAY);
  const endDay = floorTo(to, DAY);
  if (resolution === "hour" || firstDay >= endDay) return [{ level: "hour", from: new Date(from), to: new Date(to) }];
  return [
    ...(from < firstDay ? [{ level: "hour" as const, from: new Date(from), to: new Date(firstDay) }] : []),
    { level: "day" as const, from: new Date(firstDay), to: new Date(endDay) },
    ...(endDay < to ? [{ level: "hour" as const, from: new Date(endDay), to: new Date(to) }] : []),
  ];
}
