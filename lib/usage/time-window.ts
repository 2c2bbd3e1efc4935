// The time window of the Agents and Usage pages (and the usage export), kept in the URL:
// ?window=24h|7d|30d|custom&from=&to=. The one place that reads, writes and buckets it.
import { z } from "zod";
import { WINDOW_PRESETS, type WindowPreset } from "./window-presets";

export type TimeWindow = { preset: WindowPreset | "custom"; from: Date; to: Date; bucket: "hour" | "day" };

const DAY_MS = 86_400_000;
const MAX_CUSTOM_MS = 400 * DAY_MS;
const DEFAULT_PRESET: WindowPreset = "7d";
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

type SearchParams = Record<string, string | string[] | undefined>;

/** A date param: YYYY-MM-DD (a whole UTC day) or an ISO timestamp; anything else is dropped. */
const dateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}/)
  .transform((value) => ({ value, date: new Date(DAY_PATTERN.test(value) ? `${value}T00:00:00Z` : value) }))
  .refine((d) => !Number.isNaN(d.date.getTime()))
  .optional()
  .catch(undefined);

// Lenient on purpose: a hand-edited URL falls back to the default window, never an error page.
const windowParamsSchema = z.object({
  window: z.enum([...(Object.keys(WINDOW_PRESETS) as WindowPreset[]), "custom"]).catch(DEFAULT_PRESET),
  from: dateParam,
  to: dateParam,
});

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function presetWindow(preset: WindowPreset, now: Date): TimeWindow {
  return {
    preset,
    from: new Date(now.getTime() - WINDOW_PRESETS[preset]),
    to: now,
    bucket: preset === "24h" ? "hour" : "day",
  };
}

/** Reads ?window=24h|7d|30d|custom&from=&to= leniently: anything invalid falls back to 7d. */
export function parseTimeWindow(params: SearchParams, now: Date): TimeWindow {
  const { window, from, to } = windowParamsSchema.parse({
    window: first(params.window) ?? DEFAULT_PRESET,
    from: first(params.from),
    to: first(params.to),
  });
  if (window !== "custom") return presetWindow(window, now);
  // a custom "to" day is inclusive
  const end = to ? new Date(to.date.getTime() + (DAY_PATTERN.test(to.value) ? DAY_MS : 0)) : now;
  if (from && from.date < end && end.getTime() - from.date.getTime() <= MAX_CUSTOM_MS) {
    return {
      preset: "custom",
      from: from.date,
      to: end,
      bucket: end.getTime() - from.date.getTime() <= 2 * DAY_MS ? "hour" : "day",
    };
  }
  return presetWindow(DEFAULT_PRESET, now);
}

const isMidnight = (d: Date) => d.getTime() % DAY_MS === 0;
const day = (d: Date) => d.toISOString().slice(0, 10);

/** The URL params of a window, for links that change something else: parsing them gives the window back. */
export function timeWindowQuery(window: TimeWindow): { window: string; from?: string; to?: string } {
  if (window.preset !== "custom") return { window: window.preset };
  return {
    window: "custom",
    from: isMidnight(window.from) ? day(window.from) : window.from.toISOString(),
    to: isMidnight(window.to) ? day(new Date(window.to.getTime() - DAY_MS)) : window.to.toISOString(),
  };
}

/** The first and last day of the window, as the picker's date inputs show them. */
export function windowPickerDays(window: TimeWindow): { from: string; to: string } {
  return { from: day(window.from), to: day(new Date(window.to.getTime() - 1)) };
}

/** The bucket keys (hour or day, ISO-like) from `from` to `to`, so charts show empty periods too. */
export function bucketKeys(window: TimeWindow): string[] {
  const keys: string[] = [];
  const step = window.bucket === "hour" ? 3_600_000 : DAY_MS;
  const start = new Date(window.from.getTime());
  if (window.bucket === "hour") start.setUTCMinutes(0, 0, 0);
  else start.setUTCHours(0, 0, 0, 0);
  for (let t = start.getTime(); t < window.to.getTime() && keys.length < 800; t += step)
    keys.push(bucketKey(new Date(t), window.bucket));
  return keys;
}

export function bucketKey(d: Date, bucket: "hour" | "day"): string {
  return bucket === "day" ? d.toISOString().slice(0, 10) : d.toISOString().slice(0, 13) + ":00";
}
