// The zoomed-out Gantt: runs counted per agent lane in equal time buckets, so a session of
// 100,000 runs draws as a few lanes of bars instead of 100,000 rows. A run counts once, in
// the bucket where it starts, so a window's buckets add up to the runs that start in it:
// the same set the zoomed-in view lists.
import type { Status } from "@/lib/ingest/status";

/** What the aggregate needs of a run: a compact projection, not the run. */
export type RunPoint = { agentType: string | null; status: Status; start: number | null };

export type TimelineLane = {
  agentType: string | null;
  runs: number;
  failed: number;
  /** runs starting in each bucket, and how many of them failed */
  buckets: number[];
  failedBuckets: number[];
};

export type TimelineOverview = {
  from: number;
  to: number;
  bucketMs: number;
  /** runs starting in [from, to) */
  runs: number;
  /** runs without a start time (counted in no bucket) */
  untimed: number;
  lanes: TimelineLane[];
};

export const OVERVIEW_BUCKETS = 120;

/** drawn apart in each bucket: what a reader scans a long session for */
const FAILED = new Set<Status>(["failed"]);

/** The bucket of `at` in [from, to) cut into `buckets`, or null outside it. */
export function bucketOf(at: number, from: number, to: number, buckets: number): number | null {
  if (at < from || at >= to) return null;
  return Math.min(buckets - 1, Math.floor(((at - from) * buckets) / (to - from)));
}

/** Lanes in agent-type order (runs without an agent type last), each with its buckets. */
export function aggregateLanes(
  points: Iterable<RunPoint>,
  window: { from: number; to: number },
  buckets = OVERVIEW_BUCKETS,
): TimelineOverview {
  const from = window.from;
  const to = Math.max(window.to, from + 1);
  const lanes = new Map<string | null, TimelineLane>();
  let runs = 0;
  let untimed = 0;
  for (const p of points) {
    if (p.start === null) {
      untimed++;
      continue;
    }
    const b = bucketOf(p.start, from, to, buckets);
    if (b === null) continue;
    let lane = lanes.get(p.agentType);
    if (!lane) {
      lane = {
        agentType: p.agentType,
        runs: 0,
        failed: 0,
        buckets: new Array<number>(buckets).fill(0),
        failedBuckets: new Array<number>(buckets).fill(0),
      };
      lanes.set(p.agentType, lane);
    }
    runs++;
    lane.runs++;
    lane.buckets[b]!++;
    if (FAILED.has(p.status)) {
      lane.failed++;
      lane.failedBuckets[b]!++;
    }
  }
  const ordered = [...lanes.values()].sort((a, b) =>
    a.agentType === b.agentType
      ? 0
      : a.agentType === null
        ? 1
        : b.agentType === null
          ? -1
          : a.agentType < b.agentType
            ? -1
            : 1,
  );
  return { from, to, bucketMs: (to - from) / buckets, runs, untimed, lanes: ordered };
}

/** The largest bucket of any lane: bar heights are relative to it. */
export function peakBucket(overview: TimelineOverview): number {
  let peak = 0;
  for (const lane of overview.lanes) for (const n of lane.buckets) if (n > peak) peak = n;
  return peak;
}
