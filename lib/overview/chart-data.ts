// Chart-data adapters of the overview: database rows in, ready-to-draw series out.
import { STATUSES, type Status } from "@/lib/ingest/status";
import type { HourlyUsage } from "./hourly-usage";

const HOUR_MS = 3_600_000;

/** "YYYY-MM-DDTHH" of the UTC hour a time falls in. */
export function hourKey(date: Date): string {
  return date.toISOString().slice(0, 13);
}

/** Start times of the `count` whole UTC hours ending with the one `now` falls in. */
export function lastHours(now: Date, count: number): Date[] {
  const current = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  return Array.from({ length: count }, (_, i) => new Date(current - (count - 1 - i) * HOUR_MS));
}

export type StatusHourPoint = { hour: string; label: string; total: number } & Record<Status, number>;

export function sessionsPerHourByStatus(
  sessions: readonly { startedAt: Date; status: Status }[],
  now: Date,
  hours = 24,
): StatusHourPoint[] {
  const points = lastHours(now, hours).map((start) => {
    const point = {
      hour: hourKey(start),
      label: `${start.toISOString().slice(11, 13)}:00`,
      total: 0,
    } as StatusHourPoint;
    for (const s of STATUSES) point[s] = 0;
    return point;
  });
  const index = new Map(points.map((p, i) => [p.hour, i]));
  for (const session of sessions) {
    const i = index.get(hourKey(session.startedAt));
    if (i === undefined) continue;
    const point = points[i]!;
    point[session.status] += 1;
    point.total += 1;
  }
  return points;
}

/** Statuses that occur in the series, in vocabulary order (the chart draws only these). */
export function statusesPresent(points: readonly StatusHourPoint[]): Status[] {
  return STATUSES.filter((s) => points.some((p) => p[s] > 0));
}

export type AgentActivityInput = { agentType: string | null; runs: number; failed: number };
export type AgentActivityPoint = { agentType: string; runs: number; failed: number; ok: number };

/** Agent types by runs, largest first; beyond `top` they are summed as "other". */
export function agentActivity(groups: readonly AgentActivityInput[], top = 8): AgentActivityPoint[] {
  const merged = new Map<string, { runs: number; failed: number }>();
  for (const g of groups) {
    const key = g.agentType ?? "(unknown)";
    const m = merged.get(key) ?? { runs: 0, failed: 0 };
    m.runs += g.runs;
    m.failed += g.failed;
    merged.set(key, m);
  }
  const sorted = [...merged.entries()]
    .map(([agentType, m]) => ({ agentType, runs: m.runs, failed: m.failed, ok: m.runs - m.failed }))
    .sort((a, b) => b.runs - a.runs || a.agentType.localeCompare(b.agentType));
  if (sorted.length <= top) return sorted;
  const rest = sorted.slice(top - 1);
  const other = rest.reduce(
    (acc, p) => ({ ...acc, runs: acc.runs + p.runs, failed: acc.failed + p.failed, ok: acc.ok + p.ok }),
    {
      agentType: `other (${rest.length})`,
      runs: 0,
      failed: 0,
      ok: 0,
    },
  );
  return [...sorted.slice(0, top - 1), other];
}

export type FailureRate = { failed: number; finished: number; rate: number | null };

const FINISHED: ReadonlySet<Status> = new Set<Status>(["completed", "failed", "cancelled", "expired"]);

/** Share of finished sessions that failed; null when none finished. */
export function failureRate(groups: readonly { status: Status; count: number }[]): FailureRate {
  let failed = 0;
  let finished = 0;
  for (const g of groups) {
    if (!FINISHED.has(g.status)) continue;
    finished += g.count;
    if (g.status === "failed") failed += g.count;
  }
  return { failed, finished, rate: finished === 0 ? null : failed / finished };
}

export type HourlyTotals = { hours: string[]; tokens: number[]; costUsd: number[] };

/** Per-hour tokens and cost from `since` to the hour of `now`, zero-filled. */
export function hourlyTotals(rows: readonly HourlyUsage[], since: Date, now: Date): HourlyTotals {
  const count = Math.max(1, Math.floor(now.getTime() / HOUR_MS) - Math.floor(since.getTime() / HOUR_MS) + 1);
  const hours = lastHours(now, count).map(hourKey);
  const byHour = new Map(rows.map((r) => [r.hour, r]));
  return {
    hours,
    tokens: hours.map((h) => byHour.get(h)?.tokens ?? 0),
    costUsd: hours.map((h) => byHour.get(h)?.costUsd ?? 0),
  };
}
