"use client";

// The Timeline tab: a Gantt of the session's runs, nested by parent run and coloured by
// agent type (named in a legend and on every row, so colour is never the only cue).
// Hovering or focusing a bar shows its figures; clicking it opens the run's calls and logs.
import { useMemo, useState } from "react";
import { formatCount } from "@/components/ui/format-count";
import { formatDuration, formatUsd } from "@/components/ui/format-usage";
import { statusLabel } from "@/components/ui/status-badge";
import type { TimelineRun } from "@/lib/sessions/session-runs";
import { assignAgentColors, colorOf } from "@/lib/timeline/agent-colors";
import { layoutGantt, type GanttRow } from "@/lib/timeline/gantt-layout";
import { RunPanel } from "./run-panel";
import { RunStatusIcon } from "./run-status-icon";

type Props = { sessionId: string; runs: TimelineRun[]; total: number; truncated: boolean; now: string };

function runSummary(row: GanttRow<TimelineRun>): string {
  const r = row.run;
  const duration = row.start !== null && row.end !== null ? formatDuration(row.end - row.start) : "no start time";
  const cost = r.costUsd ? formatUsd(r.costUsd) : r.reportedCostUsd !== null ? `${formatUsd(r.reportedCostUsd)} reported` : "no cost";
  const tokens = r.tokens || r.reportedTokens || 0;
  return `${r.agentType ?? "run"} ${r.externalId}: ${statusLabel(r.status)}, ${duration}, ${formatCount(tokens)} tokens, ${cost}`;
}

export function TimelineGantt({ sessionId, runs, total, truncated, now }: Props) {
  const layout = useMemo(() => layoutGantt(runs, new Date(now)), [runs, now]);
  const colors = useMemo(() => assignAgentColors(runs.map((r) => r.agentType)), [runs]);
  const [hover, setHover] = useState<string | null>(null);
  const [openRun, setOpenRun] = useState<string | null>(null);
  const selected = runs.find((r) => r.id === openRun) ?? null;

  if (runs.length === 0) return <p className="text-fg-muted py-8 text-center text-sm">No runs recorded for this session.</p>;

  return (
    <div className="space-y-4">
      <ul aria-label="Agent types" className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
        {[...colors].map(([agentType, color]) => (
          <li key={agentType} className="text-fg-muted flex items-center gap-1.5">
            <span aria-hidden="true" className="size-2.5 rounded-sm" style={{ background: color }} />
            {agentType}
          </li>
        ))}
      </ul>
      {truncated && (
        <p className="text-fg-muted text-xs">
          Showing the first {runs.length} of {formatCount(total)} runs.
        </p>
      )}
      <div className="border-line bg-surface overflow-x-auto rounded-lg border" data-testid="gantt">
        <div className="min-w-[48rem]">
          <div className="border-line text-fg-subtle flex border-b text-[11px]">
            <div className="w-80 shrink-0 px-3 py-1.5 font-medium">Run</div>
            <div className="relative mr-4 flex-1" aria-hidden="true">
              {layout.ticks.map((t) => (
                <span key={t.at} className="absolute top-1.5 -translate-x-1/2 whitespace-nowrap" style={{ left: `${t.pct}%` }}>
                  {t.label}
                </span>
              ))}
            </div>
          </div>
          <ol aria-label="Runs in tree order" className="relative">
            {layout.rows.map((row) => {
              const r = row.run;
              const color = colorOf(colors, r.agentType);
              const summary = runSummary(row);
              const isHover = hover === r.id;
              return (
                <li key={r.id} className={`flex items-center text-xs ${openRun === r.id ? "bg-accent-soft" : "hover:bg-surface-hover"}`} data-testid="gantt-row">
                  <div className="flex w-80 shrink-0 items-center gap-1.5 py-1 pr-2" style={{ paddingLeft: `${12 + Math.min(row.depth, 8) * 14}px` }}>
                    {row.depth > 0 && (
                      <span aria-hidden="true" className="text-fg-subtle">
                        └
                      </span>
                    )}
                    <RunStatusIcon status={r.status} />
                    <span className="text-fg max-w-36 shrink-0 truncate font-medium" title={r.agentType ?? undefined}>
                      {r.agentType ?? "run"}
                    </span>
                    <span className="text-fg-subtle min-w-0 truncate font-mono" title={r.externalId}>
                      {r.externalId}
                    </span>
                  </div>
                  <div className="relative mr-4 h-6 flex-1">
                    {layout.ticks.map((t) => (
                      <span key={t.at} aria-hidden="true" className="bg-line absolute top-0 bottom-0 w-px" style={{ left: `${t.pct}%` }} />
                    ))}
                    {row.start !== null ? (
                      <button
                        type="button"
                        aria-label={`${summary}. Open calls and logs`}
                        aria-expanded={openRun === r.id}
                        onClick={() => setOpenRun(openRun === r.id ? null : r.id)}
                        onMouseEnter={() => setHover(r.id)}
                        onMouseLeave={() => setHover((h) => (h === r.id ? null : h))}
                        onFocus={() => setHover(r.id)}
                        onBlur={() => setHover((h) => (h === r.id ? null : h))}
                        className={`absolute top-1 bottom-1 rounded-sm ${r.status === "failed" ? "ring-danger ring-2" : ""} ${
                          r.status === "running" ? "bg-[length:8px_8px] bg-[linear-gradient(45deg,rgba(255,255,255,.25)_25%,transparent_25%,transparent_50%,rgba(255,255,255,.25)_50%,rgba(255,255,255,.25)_75%,transparent_75%)]" : ""
                        }`}
                        style={{ left: `${row.offsetPct}%`, width: `${row.widthPct}%`, backgroundColor: color, minWidth: 4 }}
                      />
                    ) : (
                      <span className="text-fg-subtle absolute top-1 left-0 text-[11px]">no start time</span>
                    )}
                    {isHover && (
                      <div
                        role="tooltip"
                        className="border-line bg-surface text-fg pointer-events-none absolute top-full z-20 mt-1 w-64 rounded-md border p-2 text-xs shadow-lg"
                        style={{ left: `min(${row.offsetPct}%, calc(100% - 16rem))` }}
                      >
                        <div className="font-semibold">
                          {r.agentType ?? "run"} <span className="text-fg-subtle font-mono font-normal">{r.externalId}</span>
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
                        </dl>
                      </div>
                    )}
                  </div>
                </li>
              );
            })}
          </ol>
        </div>
      </div>
      {selected && <RunPanel key={selected.id} sessionId={sessionId} run={selected} onClose={() => setOpenRun(null)} />}
    </div>
  );
}
