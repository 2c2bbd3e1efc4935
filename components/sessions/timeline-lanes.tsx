"use client";

// The zoomed-out Gantt: one lane per agent type, a bar per time bucket as tall as the runs
// that start in it, failed runs drawn darker at its foot. Clicking a lane zooms in there.
// The counts are also given as text (lane totals, and each bar's title), not by height alone.
import { formatCount } from "@/components/ui/format-count";
import { colorOf } from "@/lib/timeline/agent-colors";
import { peakBucket, type TimelineOverview } from "@/lib/timeline/lane-aggregate";

type Props = {
  overview: TimelineOverview;
  colors: Map<string, string>;
  /** the time a click on a lane points at, in epoch ms */
  onPick: (at: number) => void;
  describe: (at: number) => string;
};

const HEIGHT = 28;

export function TimelineLanes({ overview, colors, onPick, describe }: Props) {
  const peak = Math.max(1, peakBucket(overview));
  const n = overview.lanes[0]?.buckets.length ?? 0;
  const pick = (event: React.MouseEvent<HTMLElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const share = box.width > 0 ? (event.clientX - box.left) / box.width : 0;
    onPick(overview.from + share * (overview.to - overview.from));
  };
  if (overview.lanes.length === 0)
    return <p className="px-3 py-4 text-sm text-fg-muted">No run starts in this window.</p>;
  return (
    <ul aria-label="Runs per agent type over time" className="divide-y divide-line" data-testid="gantt-lanes">
      {overview.lanes.map((lane) => {
        const color = colorOf(colors, lane.agentType);
        return (
          <li key={lane.agentType ?? ""} className="flex items-center text-xs" data-testid="gantt-lane">
            <div className="flex w-80 shrink-0 items-center gap-1.5 px-3 py-1">
              <span aria-hidden="true" className="size-2.5 shrink-0 rounded-sm" style={{ background: color }} />
              <span className="truncate font-medium text-fg" title={lane.agentType ?? undefined}>
                {lane.agentType ?? "no agent type"}
              </span>
              <span className="ml-auto shrink-0 text-fg-subtle tabular-nums">
                {formatCount(lane.runs)} runs
                {lane.failed > 0 && <span className="text-danger"> · {formatCount(lane.failed)} failed</span>}
              </span>
            </div>
            <div
              className="relative mr-4 flex-1 cursor-zoom-in"
              style={{ height: HEIGHT }}
              onClick={pick}
              title={`${lane.agentType ?? "no agent type"}: click to zoom in`}
            >
              <svg
                aria-hidden="true"
                className="absolute inset-0 size-full"
                viewBox={`0 0 ${n} ${HEIGHT}`}
                preserveAspectRatio="none"
              >
                {lane.buckets.map((count, i) => {
                  if (count === 0) return null;
                  const h = Math.max(2, (count / peak) * (HEIGHT - 2));
                  const failed = lane.failedBuckets[i]!;
                  const fh = failed > 0 ? Math.max(1.5, (failed / count) * h) : 0;
                  return (
                    <g key={i}>
                      <rect x={i + 0.05} y={HEIGHT - h} width={0.9} height={h} fill={color}>
                        <title>{`${formatCount(count)} runs${failed ? `, ${formatCount(failed)} failed` : ""}, from ${describe(overview.from + i * overview.bucketMs)}`}</title>
                      </rect>
                      {fh > 0 && <rect x={i + 0.05} y={HEIGHT - fh} width={0.9} height={fh} className="fill-danger" />}
                    </g>
                  );
                })}
              </svg>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
