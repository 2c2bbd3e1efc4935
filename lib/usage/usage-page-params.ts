// The Usage page's URL state: window, stacking dimension, project and source.
import { parseTimeWindow, timeWindowQuery, type TimeWindow } from "./time-window";
import type { StackBy } from "./chart-data";

export type UsagePageParams = { window: TimeWindow; stackBy: StackBy; project?: string; source?: string };

export function parseUsageParams(sp: Record<string, string | string[] | undefined>, now: Date): UsagePageParams {
  const one = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : undefined);
  const stack = one("stack");
  return {
    window: parseTimeWindow(sp, now),
    stackBy: stack === "model" || stack === "source" ? stack : "agentType",
    project: one("project") || undefined,
    source: one("source") || undefined,
  };
}

/** Link to the Usage page (or its export) with these params; unset ones are left out. */
export function usageQueryString(params: UsagePageParams, change: { stack?: StackBy } = {}): string {
  const q = new URLSearchParams();
  const entries = {
    ...timeWindowQuery(params.window),
    stack: change.stack ?? params.stackBy,
    project: params.project,
    source: params.source,
  };
  for (const [k, v] of Object.entries(entries)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}
