// The zoomed-out Gantt: runs counted per agent lane in equal time buckets, so a session of
// 100,000 runs draws as a few lanes of bars instead of 100,000 rows. A run counts once, in
// the bucket where it starts, so a window's buckets add up to the runs that start in it:
// the same set the zoomed-in view lists. The database groups the runs (agent type, status,
// bucket); this lays the groups out as lanes.
import type { Status } from "@/lib/ingest/status";

/** Runs of one agent type and status starting in one bucket (null: runs without a start time). */
export type LaneGroup = { agentType: string | null; status: Status; bucket: number | null; runs: number };

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

/** The width of each of `buckets` buckets over [from, to). */
export function bucketWidth(window: { from: number; to: number }, buckets = OVERVIEW_BUCKETS): number {
  return Math.max(1, window.to - window.from) / buckets;
}

/**
 * Lanes in agent-type order (runs without an agent type last), each with its buckets. A bucket
 * index the database rounded just past either edge is kept at that edge.
 */
export function aggregateLanes(
  groups: Iterable<LaneGroup>,
  window: { from: number; to: number },
  buckets = OVERVIEW_BUCKETS,
): TimelineOverview {
  const from = window.from;
  const to = Math.max(window.to, from + 1);
  const lanes = new Map<string | null, TimelineLane>();
  let runs = 0;
  let untimed = 0;
  for (const g of groups) {
    if (g.bucket === null) {
      untimed += g.runs;
      continue;
    }
    const b = Math.min(buckets - 1, Math.max(0, g.bucket));
    let lane = lanes.get(g.agentType);
    if (!lane) {
      lane = {
        agentType: g.agentType,
        runs: 0,
        failed: 0,
        buckets: new Array<number>(buckets).fill(0),
        failedBuckets: new Array<number>(buckets).fill(0),
      };
      lanes.set(g.agentType, lane);
    }
    runs += g.runs;
    lane.runs += g.runs;
    lane.buckets[b]! += g.runs;
    if (FAILED.has(g.status)) {
      lane.failed += g.runs;
      lane.failedBuckets[b]! += g.runs;
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
  return { from, to, bucketMs: bucketWidth({ from, to }, buckets), runs, untimed, lanes: ordered };
}

/** The largest bucket of any lane: bar heights are relative to it. */
export function peakBucket(overview: TimelineOverview): number {
  let peak = 0;
  for (const lane of overview.lanes) for (const n of lane.buckets) if (n > peak) peak = n;
  return peak;
}
