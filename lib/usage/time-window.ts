// The time window of the Agents and Usage pages, kept in the URL: 24h, 7d, 30d or custom.
export const WINDOW_PRESETS = { "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 } as const;
export type WindowPreset = keyof typeof WINDOW_PRESETS;
export type TimeWindow = { preset: WindowPreset | "custom"; from: Date; to: Date; bucket: "hour" | "day" };

const MAX_CUSTOM_MS = 400 * 86_400_000;

function parseDay(value: string | undefined): Date | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Reads ?window=24h|7d|30d|custom&from=&to= leniently: anything invalid falls back to 7d. */
export function parseTimeWindow(params: { window?: string; from?: string; to?: string }, now: Date): TimeWindow {
  const preset = params.window;
  if (preset === "custom") {
    const from = parseDay(params.from);
    const toDay = parseDay(params.to);
    // a custom "to" day is inclusive
    const to = toDay ? new Date(toDay.getTime() + (params.to?.length === 10 ? 86_400_000 : 0)) : now;
    if (from && from < to && to.getTime() - from.getTime() <= MAX_CUSTOM_MS) {
      return { preset: "custom", from, to, bucket: to.getTime() - from.getTime() <= 2 * 86_400_000 ? "hour" : "day" };
    }
  }
  const key: WindowPreset = preset === "24h" || preset === "30d" || preset === "7d" ? preset : "7d";
  return { preset: key, from: new Date(now.getTime() - WINDOW_PRESETS[key]), to: now, bucket: key === "24h" ? "hour" : "day" };
}

/** The bucket keys (hour or day, ISO-like) from `from` to `to`, so charts show empty periods too. */
export function bucketKeys(window: TimeWindow): string[] {
  const keys: string[] = [];
  const step = window.bucket === "hour" ? 3_600_000 : 86_400_000;
  const start = new Date(window.from.getTime());
  if (window.bucket === "hour") start.setUTCMinutes(0, 0, 0);
  else start.setUTCHours(0, 0, 0, 0);
  for (let t = start.getTime(); t < window.to.getTime() && keys.length < 800; t += step) keys.push(bucketKey(new Date(t), window.bucket));
  return keys;
}

export function bucketKey(d: Date, bucket: "hour" | "day"): string {
  return bucket === "day" ? d.toISOString().slice(0, 10) : d.toISOString().slice(0, 13) + ":00";
}
