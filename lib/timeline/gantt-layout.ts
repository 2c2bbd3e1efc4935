// Lays runs out as a Gantt chart: rows in tree order (each run followed by its children),
// bars positioned in percent of the session's time span, axis ticks at round intervals.
import type { Status } from "@/lib/ingest/status";

export type GanttInput = {
  id: string;
  parentRunId: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  durationMs: number | null;
  status: Status;
};

export type GanttRow<T extends GanttInput> = {
  run: T;
  depth: number;
  /** bar start and end, epoch ms; null when the run has no start time */
  start: number | null;
  end: number | null;
  offsetPct: number;
  widthPct: number;
};

export type GanttTick = { at: number; pct: number; label: string };

export type GanttLayout<T extends GanttInput> = { rows: GanttRow<T>[]; start: number; end: number; ticks: GanttTick[] };

/** Statuses whose runs, with no end, have bars that run to now. */
export const ACTIVE_STATUSES: readonly Status[] = ["pending", "running", "awaiting_approval"];
const ACTIVE = new Set<Status>(ACTIVE_STATUSES);
/** Bars never get thinner than this, so an instant run stays visible and clickable. */
export const MIN_BAR_PCT = 0.4;

/** Where a run's bar ends: its end, else its start plus its duration, else now while it is active. */
export function barEnd(
  run: { end: number | null; durationMs: number | null; status: Status },
  start: number,
  now: number,
): number {
  if (run.end !== null) return Math.max(start, run.end);
  if (run.durationMs !== null && run.durationMs >= 0) return start + run.durationMs;
  return ACTIVE.has(run.status) ? Math.max(start, now) : start;
}

function runEnd(run: GanttInput, start: number, now: number): number {
  return barEnd({ end: run.endedAt?.getTime() ?? null, durationMs: run.durationMs, status: run.status }, start, now);
}

/** What the database answers about a session's runs, to find its span (epoch ms; null: no such run). */
export type RunExtremes = {
  firstStart: number | null;
  lastStart: number | null;
  lastEnd: number | null;
  /** the longest reported duration of a run with no end */
  longestOpenDuration: number | null;
  /** whether a started, active run has neither an end nor a duration (its bar runs to now) */
  openActive: boolean;
};

/**
 * First start to last bar end (epoch ms); null when no run has a start time. A run with a
 * duration but no end is bounded by the last start plus the longest such duration.
 */
export function sessionSpan(x: RunExtremes, now: number): { start: number; end: number } | null {
  if (x.firstStart === null) return null;
  let end = Math.max(x.firstStart, x.lastStart ?? x.firstStart, x.lastEnd ?? -Infinity);
  if (x.longestOpenDuration !== null && x.lastStart !== null)
    end = Math.max(end, x.lastStart + Math.max(0, x.longestOpenDuration));
  if (x.openActive) end = Math.max(end, now);
  return { start: x.firstStart, end };
}

/** Runs in tree order: roots by start time, each followed by its children (depth-first). */
export function treeOrder<T extends GanttInput>(runs: readonly T[]): { run: T; depth: number }[] {
  const ids = new Set(runs.map((r) => r.id));
  const children = new Map<string | null, T[]>();
  for (const run of runs) {
    const parent =
      run.parentRunId !== null && ids.has(run.parentRunId) && run.parentRunId !== run.id ? run.parentRunId : null;
    const list = children.get(parent) ?? [];
    list.push(run);
    children.set(parent, list);
  }
  const byStart = (a: T, b: T) =>
    (a.startedAt?.getTime() ?? Infinity) - (b.startedAt?.getTime() ?? Infinity) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  for (const list of children.values()) list.sort(byStart);
  const out: { run: T; depth: number }[] = [];
  const visited = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    for (const run of children.get(parent) ?? []) {
      if (visited.has(run.id)) continue;
      visited.add(run.id);
      out.push({ run, depth });
      visit(run.id, depth + 1);
    }
  };
  visit(null, 0);
  // runs caught in a parent cycle have no root: list them at the top level
  for (const run of [...runs].sort(byStart)) {
    if (!visited.has(run.id)) {
      visited.add(run.id);
      out.push({ run, depth: 0 });
      visit(run.id, 1);
    }
  }
  return out;
}

const TICK_STEPS_MS = [1, 2, 5, 10, 15, 30]
  .map((s) => s * 1000)
  .concat([1, 2, 5, 10, 15, 30].map((m) => m * 60_000))
  .concat([1, 2, 3, 6, 12].map((h) => h * 3_600_000))
  .concat([1, 2, 7].map((d) => d * 86_400_000));

export function formatOffset(ms: number): string {
  if (ms === 0) return "0";
  if (ms < 60_000) return `+${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `+${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) {
    const h = Math.floor(ms / 3_600_000);
    const m = Math.round((ms % 3_600_000) / 60_000);
    return m ? `+${h} h ${m} min` : `+${h} h`;
  }
  return `+${Math.round(ms / 86_400_000)} d`;
}

/** Ticks at round steps over [start, end], labelled as offsets from `origin` (the session's start). */
export function axisTicks(start: number, end: number, target = 6, origin = start): GanttTick[] {
  const span = Math.max(1, end - start);
  const step = TICK_STEPS_MS.find((s) => span / s <= target) ?? TICK_STEPS_MS[TICK_STEPS_MS.length - 1]!;
  const ticks: GanttTick[] = [];
  for (let at = origin + Math.ceil((start - origin) / step) * step; at <= end; at += step) {
    ticks.push({ at, pct: ((at - start) / span) * 100, label: formatOffset(at - origin) });
  }
  return ticks;
}

/**
 * Bars in percent of `range` when given (a zoomed-in window: bars reaching outside it are
 * cut at its edges), else of the span of the runs themselves.
 */
export function layoutGantt<T extends GanttInput>(
  runs: readonly T[],
  now: Date,
  range?: { start: number; end: number; origin: number },
): GanttLayout<T> {
  const nowMs = now.getTime();
  const ordered = treeOrder(runs);
  const spans = ordered.map(({ run }) => {
    const start = run.startedAt?.getTime() ?? null;
    return { start, end: start === null ? null : runEnd(run, start, nowMs) };
  });
  let start: number;
  let end: number;
  if (range) {
    start = range.start;
    end = Math.max(start + 1, range.end);
  } else {
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of spans) {
      if (s.start !== null && s.start < lo) lo = s.start;
      if (s.end !== null && s.end > hi) hi = s.end;
    }
    start = lo === Infinity ? nowMs : lo;
    end = Math.max(start + 1, hi === -Infinity ? start + 1 : hi);
  }
  const span = end - start;
  const rows = ordered.map(({ run, depth }, i) => {
    const s = spans[i]!;
    if (s.start === null || s.end === null) return { run, depth, start: null, end: null, offsetPct: 0, widthPct: 0 };
    const offsetPct = Math.min(100 - MIN_BAR_PCT, Math.max(0, ((s.start - start) / span) * 100));
    const endPct = Math.min(100, ((s.end - start) / span) * 100);
    const widthPct = Math.min(100 - offsetPct, Math.max(MIN_BAR_PCT, endPct - offsetPct));
    return { run, depth, start: s.start, end: s.end, offsetPct, widthPct };
  });
  return { rows, start, end, ticks: axisTicks(start, end, 6, range?.origin ?? start) };
}
