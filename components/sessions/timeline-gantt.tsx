"use client";

// The Timeline tab: a Gantt of the session's runs that stays readable at any size. Zoomed
// out, runs are counted per agent lane over time (a compact aggregate from the server);
// zoomed into a window that holds few enough, its runs are listed in tree order with their
// ancestors, one bar each, virtualized. Every run is reachable: zoom in anywhere, then pan.
// Agent types are coloured (named in a legend and on every row, so colour is never the only cue).
import { useEffect, useMemo, useRef, useState } from "react";
import { formatCount } from "@/components/ui/format-count";
import { unwrap } from "@/lib/actions/action-result";
import type { Timeline } from "@/lib/sessions/session-runs";
import { assignAgentColors } from "@/lib/timeline/agent-colors";
import { axisTicks, formatOffset, layoutGantt } from "@/lib/timeline/gantt-layout";
import { fetchTimelineWindow } from "@/lib/timeline/timeline-actions";
import {
  detailWindow,
  pan,
  TIMELINE_DETAIL_LIMIT,
  zoomAround,
  ZOOM_FACTOR,
  type TimeWindow,
} from "@/lib/timeline/zoom-window";
import { GanttRows } from "./gantt-rows";
import { RunPanel } from "./run-panel";
import { TimelineLanes } from "./timeline-lanes";

type Props = { sessionId: string; initial: Timeline; now: string };

const control =
  "h-7 rounded-md border border-line bg-surface px-2 text-xs font-medium text-fg hover:bg-surface-hover disabled:cursor-default disabled:opacity-40";

const sameWindow = (a: TimeWindow, b: TimeWindow) => a.from === b.from && a.to === b.to;

export function TimelineGantt({ sessionId, initial, now }: Props) {
  const [view, setView] = useState<Timeline>(initial);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [openRun, setOpenRun] = useState<string | null>(null);
  const request = useRef(0);
  // the whole session comes with every first load (and live refresh) of the page
  const whole = initial.window;
  const span = useMemo(() => ({ from: whole.from, to: whole.to }), [whole.from, whole.to]);
  const origin = whole.from;
  const shown = view.window;
  const zoomed = !sameWindow(shown, span);

  const show = (next: TimeWindow) => {
    const id = ++request.current;
    setError(null);
    if (sameWindow(next, span)) {
      setLoading(false);
      setView(initial);
      return;
    }
    setLoading(true);
    fetchTimelineWindow({ sessionId, from: next.from, to: next.to })
      .then(unwrap)
      .then(
        (v) => id === request.current && setView(v),
        () => id === request.current && setError("This part of the timeline could not be loaded."),
      )
      .finally(() => id === request.current && setLoading(false));
  };

  // a live refresh brings a new whole-session view: adopt it, or reload the window in view
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    show(zoomed ? view.window : initial.window);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the server sends a new view
  }, [initial]);

  const colors = useMemo(
    () => assignAgentColors([...initial.overview.lanes.map((l) => l.agentType), ...view.runs.map((r) => r.agentType)]),
    [initial, view.runs],
  );
  const layout = useMemo(
    () => layoutGantt(view.runs, new Date(now), { start: shown.from, end: shown.to, origin }),
    [view.runs, now, shown.from, shown.to, origin],
  );
  const ticks = useMemo(() => axisTicks(shown.from, shown.to, 6, origin), [shown.from, shown.to, origin]);
  const context = useMemo(() => new Set(view.contextIds), [view.contextIds]);
  const selected = view.runs.find((r) => r.id === openRun) ?? null;
  const describe = (at: number) => formatOffset(Math.max(0, Math.round(at - origin)));

  if (initial.overview.runs + initial.overview.untimed === 0)
    return <p className="py-8 text-center text-sm text-fg-muted">No runs recorded for this session.</p>;

  const center = (shown.from + shown.to) / 2;
  const inWindow = view.overview.runs + (zoomed ? 0 : view.overview.untimed);
  return (
    <div className="space-y-4">
      <ul aria-label="Agent types" className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
        {[...colors].map(([agentType, color]) => (
          <li key={agentType} className="flex items-center gap-1.5 text-fg-muted">
            <span aria-hidden="true" className="size-2.5 rounded-sm" style={{ background: color }} />
            {agentType}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Timeline zoom">
        <button type="button" className={control} disabled={!zoomed} onClick={() => show(span)}>
          Whole session
        </button>
        <button
          type="button"
          className={control}
          disabled={!zoomed}
          onClick={() => show(zoomAround(shown, center, 1 / ZOOM_FACTOR, span))}
        >
          Zoom out
        </button>
        <button
          type="button"
          className={control}
          disabled={shown.to - shown.from <= 1}
          onClick={() => show(zoomAround(shown, center, ZOOM_FACTOR, span))}
          data-testid="gantt-zoom-in"
        >
          Zoom in
        </button>
        <button
          type="button"
          className={control}
          disabled={shown.from <= span.from}
          onClick={() => show(pan(shown, -1, span))}
          data-testid="gantt-earlier"
        >
          ← Earlier
        </button>
        <button
          type="button"
          className={control}
          disabled={shown.to >= span.to}
          onClick={() => show(pan(shown, 1, span))}
          data-testid="gantt-later"
        >
          Later →
        </button>
        <p className="text-xs text-fg-muted" aria-live="polite" data-testid="gantt-status">
          {loading
            ? "Loading…"
            : `${formatCount(inWindow)} ${inWindow === 1 ? "run" : "runs"} ${zoomed ? `starting from ${describe(shown.from)} to ${describe(shown.to)}` : "in the session"}`}
          {!loading &&
            !view.detail &&
            ` · click a lane to zoom in; runs are listed once a window holds at most ${formatCount(TIMELINE_DETAIL_LIMIT)}`}
          {!loading &&
            view.truncated > 0 &&
            ` · showing the first ${formatCount(view.runs.length - view.contextIds.length)}`}
        </p>
      </div>
      {error && <p className="text-sm text-danger">{error}</p>}
      <div
        className={`overflow-x-auto rounded-lg border border-line bg-surface ${loading ? "opacity-70" : ""}`}
        data-testid="gantt"
        aria-busy={loading}
      >
        <div className="min-w-[48rem]">
          <div className="flex border-b border-line text-[11px] text-fg-subtle">
            <div className="w-80 shrink-0 px-3 py-1.5 font-medium">{view.detail ? "Run" : "Agent type"}</div>
            <div className="relative mr-4 flex-1" aria-hidden="true">
              {ticks.map((t) => (
                <span
                  key={t.at}
                  className="absolute top-1.5 -translate-x-1/2 whitespace-nowrap"
                  style={{ left: `${t.pct}%` }}
                >
                  {t.label}
                </span>
              ))}
            </div>
          </div>
          <TimelineLanes
            overview={view.overview}
            colors={colors}
            describe={describe}
            onPick={(at) => show(detailWindow(view.overview, at, TIMELINE_DETAIL_LIMIT))}
          />
          {view.detail && view.runs.length > 0 && (
            <div className="border-t border-line">
              <GanttRows layout={layout} colors={colors} context={context} openRun={openRun} onOpen={setOpenRun} />
            </div>
          )}
        </div>
      </div>
      {selected && <RunPanel key={selected.id} sessionId={sessionId} run={selected} onClose={() => setOpenRun(null)} />}
    </div>
  );
}
