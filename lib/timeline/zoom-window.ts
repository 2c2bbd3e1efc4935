// Where the Timeline's zoom and pan controls lead: windows of the session's span, in epoch ms.
// Pure, so the choice of a window is tested without a browser.
import type { TimelineOverview } from "./lane-aggregate";

export type TimeWindow = { from: number; to: number };

/** The runs a zoomed-in window lists at most; a wider window shows the lanes' aggregate only. */
export const TIMELINE_DETAIL_LIMIT = 1_000;
/** A window this narrow lists its first runs even past the limit: it cannot usefully be narrowed. */
export const TIMELINE_MIN_WINDOW_MS = 1_000;

/** The zoom buttons' step: each press shows a quarter (or four times) of the width. */
export const ZOOM_FACTOR = 4;

/** `window` moved inside `span` (keeping its width when it fits). */
export function clampWindow(window: TimeWindow, span: TimeWindow): TimeWindow {
  const width = Math.min(window.to - window.from, span.to - span.from);
  const from = Math.min(Math.max(window.from, span.from), span.to - width);
  return { from, to: from + width };
}

/** The window `factor` times narrower (factor < 1: wider) around `at`, kept inside `span`. */
export function zoomAround(window: TimeWindow, at: number, factor: number, span: TimeWindow): TimeWindow {
  const width = Math.max(1, Math.round((window.to - window.from) / factor));
  const share = window.to > window.from ? (at - window.from) / (window.to - window.from) : 0.5;
  const from = Math.round(at - width * Math.min(1, Math.max(0, share)));
  return clampWindow({ from, to: from + width }, span);
}

/** The window moved by `steps` of its own width (negative: earlier), kept inside `span`. */
export function pan(window: TimeWindow, steps: number, span: TimeWindow): TimeWindow {
  const width = window.to - window.from;
  return clampWindow({ from: window.from + steps * width, to: window.to + steps * width }, span);
}

/**
 * The widest run of whole buckets around the one holding `at` whose runs add up to at most
 * `limit`: a click on the lanes lands on a window that lists its runs, when one bucket is
 * small enough, and otherwise on that one bucket, counted again more finely.
 */
export function detailWindow(overview: TimelineOverview, at: number, limit: number): TimeWindow {
  const n = overview.lanes[0]?.buckets.length ?? 0;
  const { from, bucketMs } = overview;
  const edge = (i: number) => (i >= n ? overview.to : Math.round(from + i * bucketMs));
  if (n === 0) return { from: overview.from, to: overview.to };
  const counts = Array.from({ length: n }, (_, i) => overview.lanes.reduce((sum, lane) => sum + lane.buckets[i]!, 0));
  const hit = Math.min(n - 1, Math.max(0, Math.floor((at - from) / bucketMs)));
  let lo = hit;
  let hi = hit;
  let sum = counts[hit]!;
  for (;;) {
    const left = lo > 0 ? counts[lo - 1]! : Infinity;
    const right = hi < n - 1 ? counts[hi + 1]! : Infinity;
    const next = Math.min(left, right);
    if (next === Infinity || sum + next > limit) break;
    sum += next;
    if (left <= right) lo--;
    else hi++;
  }
  return { from: edge(lo), to: edge(hi + 1) };
}
