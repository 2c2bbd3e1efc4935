// The Usage page's URL state: window, stacking dimension, project and source.
import { parseTimeWindow, type TimeWindow } from "./time-window";
import type { StackBy } from "./chart-data";

export type UsagePageParams = { window: TimeWindow; stackBy: StackBy; project?: string; source?: string };

export function parseUsageParams(sp: Record<string, string | string[] | undefined>, now: Date): UsagePageParams {
  const one = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : undefined);
  const stack = one("stack");
  return {
    window: parseTimeWindow({ window: one("window"), from: one("from"), to: one("to") }, now),
    stackBy: stack === "model" || stack === "source" ? stack : "agentType",
    project: one("project") || undefined,
    source: one("source") || undefined,
  };
}

export function usageQueryString(p: { window?: string; from?: string; to?: string; stack?: string; project?: string; source?: string }): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}
