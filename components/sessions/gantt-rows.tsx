"use client";

// The zoomed-in Gantt: the window's runs in tree order (each run followed by its children),
// one bar each, virtualized so that only the rows in view are in the DOM. Ancestors that start
// before the window are listed too, dimmed, so the parent/child structure stays whole.
// Hovering or focusing a bar shows its figures; clicking it opens the run's calls and logs.
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef, useState } from "react";
import { formatCount } from "@/components/ui/format-count";
import { formatDuration, formatUsd } from "@/components/ui/format-usage";
import { statusLabel } from "@/components/ui/status-badge";
import { virtualRowStyle } from "@/components/ui/virtual-row";
import type { TimelineRun } from "@/lib/sessions/session-runs";
import { colorOf } from "@/lib/timeline/agent-colors";
import type { GanttLayout, GanttRow } from "@/lib/timeline/gantt-layout";
import { RunStatusIcon } from "./run-status-icon";

type Props = {
  layout: GanttLayout<TimelineRun>;
  colors: Map<string, string>;
  context: Set<string>;
  openRun: string | null;
  onOpen: (id: string | null) => void;
};

const ROW_HEIGHT = 28;
const TOOLTIP_HEIGHT = 150;

function runSummary(row: GanttRow<TimelineRun>): string {
  const r = row.run;
  const duration = row.start !== null && row.end !== null ? formatDuration(row.end - row.start) : "no start time";
  const cost = r.costUsd
    ? formatUsd(r.costUsd)
    : r.reportedCostUsd !== null
      ? `${formatUsd(r.reportedCostUsd)} reported`
      : "no cost";
  const tokens = r.tokens || r.reportedTokens || 0;
  return `${r.agentType ?? "run"} ${r.externalId}: ${statusLabel(r.status)}, ${duration}, ${formatCount(tokens)} tokens, ${cost}`;
}

export function GanttRows({ layout, colors, context, openRun, onOpen }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<string | null>(null);
  const rows = layout.rows;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render only
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
    getItemKey: (index) => rows[index]?.run.id ?? index,
  });
  const viewport = virtualizer.scrollRect?.height ?? 0;
  const scrollTop = virtualizer.scrollOffset ?? 0;

  return (
    <div
      ref={scrollRef}
      className="max-h-[60vh] min-h-24 overflow-auto"
      data-testid="gantt-scroller"
      tabIndex={0}
      aria-label="Runs in tree order, scrollable"
    >
      <ol aria-label="Runs in tree order" className="relative" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const r = row.run;
          const color = colorOf(colors, r.agentType);
          const summary = runSummary(row);
          const isHover = hover === r.id;
          // near the bottom of the view, the figures open upwards so the scroller does not cut them
          const above = item.start - scrollTop > Math.max(ROW_HEIGHT, viewport - TOOLTIP_HEIGHT);
          return (
            <li
              key={item.key}
              style={{ ...virtualRowStyle(item), height: ROW_HEIGHT, zIndex: isHover ? 10 : undefined }}
              className={`flex items-center text-xs ${openRun === r.id ? "bg-accent-soft" : "hover:bg-surface-hover"} ${context.has(r.id) ? "opacity-60" : ""}`}
              data-testid="gantt-row"
              data-run-id={r.externalId}
            >
              <div
                className="flex w-80 shrink-0 items-center gap-1.5 py-1 pr-2"
                style={{ paddingLeft: `${12 + Math.min(row.depth, 8) * 14}px` }}
              >
                {row.depth > 0 && (
                  <span aria-hidden="true" className="text-fg-subtle">
                    └
                  </span>
                )}
                <RunStatusIcon status={r.status} />
                <span className="max-w-36 shrink-0 truncate font-medium text-fg" title={r.agentType ?? undefined}>
                  {r.agentType ?? "run"}
                </span>
                <span className="min-w-0 truncate font-mono text-fg-subtle" title={r.externalId}>
                  {r.externalId}
                </span>
              </div>
              <div className="relative mr-4 h-6 flex-1">
                {layout.ticks.map((t) => (
                  <span
                    key={t.at}
                    aria-hidden="true"
                    className="absolute top-0 bottom-0 w-px bg-line"
                    style={{ left: `${t.pct}%` }}
                  />
                ))}
                {row.start !== null ? (
                  <button
                    type="button"
                    aria-label={`${summary}. Open calls and logs`}
                    aria-expanded={openRun === r.id}
                    onClick={() => onOpen(openRun === r.id ? null : r.id)}
                    onMouseEnter={() => setHover(r.id)}
                    onMouseLeave={() => setHover((h) => (h === r.id ? null : h))}
                    onFocus={() => setHover(r.id)}
                    onBlur={() => setHover((h) => (h === r.id ? null : h))}
                    className={`absolute top-1 bottom-1 rounded-sm ${r.status === "failed" ? "ring-2 ring-danger" : ""} ${
                      r.status === "running"
                        ? "bg-[linear-gradient(45deg,rgba(255,255,255,.25)_25%,transparent_25%,transparent_50%,rgba(255,255,255,.25)_50%,rgba(255,255,255,.25)_75%,transparent_75%)] bg-[length:8px_8px]"
                        : ""
                    }`}
                    style={{
                      left: `${row.offsetPct}%`,
                      width: `${row.widthPct}%`,
                      backgroundColor: color,
                      minWidth: 4,
                    }}
                  />
                ) : (
                  <span className="absolute top-1 left-0 text-[11px] text-fg-subtle">no start time</span>
                )}
                {isHover && (
                  <div
                    role="tooltip"
                    className={`pointer-events-none absolute z-20 w-64 rounded-md border border-line bg-surface p-2 text-xs text-fg shadow-lg ${above ? "bottom-full mb-1" : "top-full mt-1"}`}
                    style={{ left: `min(${row.offsetPct}%, calc(100% - 16rem))` }}
                  >
                    <div className="font-semibold">
                      {r.agentType ?? "run"}{" "}
                      <span className="font-mono font-normal text-fg-subtle">{r.externalId}</span>
                    </div>
                    <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
                      <dt className="text-fg-subtle">Status</dt>
                      <dd>{statusLabel(r.status)}</dd>
                      <dt className="text-fg-subtle">Duration</dt>
                      <dd>{row.start !== null && row.end !== null ? formatDuration(row.end - row.start) : "—"}</dd>
                      <dt className="text-fg-subtle">Tokens</dt>
                      <dd>
                        {formatCount(r.tokens)}
                        {r.calls ? ` in ${r.calls} calls` : ""}
                        {!r.tokens && r.reportedTokens ? ` (${formatCount(r.reportedTokens)} reported)` : ""}
                      </dd>
                      <dt className="text-fg-subtle">Cost</dt>
                      <dd>
                        {formatUsd(r.costUsd)}
                        {!r.costUsd && r.reportedCostUsd !== null ? ` (${formatUsd(r.reportedCostUsd)} reported)` : ""}
                      </dd>
                      {r.model && (
                        <>
                          <dt className="text-fg-subtle">Model</dt>
                          <dd className="truncate">{r.model}</dd>
                        </>
                      )}
                      {context.has(r.id) && (
                        <>
                          <dt className="text-fg-subtle">Note</dt>
                          <dd>starts before this window</dd>
                        </>
                      )}
                    </dl>
                  </div>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
