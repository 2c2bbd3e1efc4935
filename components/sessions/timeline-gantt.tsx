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
  const cost = r.costUsd
    ? formatUsd(r.costUsd)
    : r.reportedCostUsd !== null
      ? `${formatUsd(r.reportedCostUsd)} reported`
      : "no cost";
  const tokens = r.tokens || r.reportedTokens || 0;
  return `${r.agentType ?? "run"} ${r.externalId}: ${statusLabel(r.status)}, ${duration}, ${formatCount(tokens)} tokens, ${cost}`;
}

export function TimelineGantt({ sessionId, runs, total, truncated, now }: Props) {
  const layout = useMemo(() => layoutGantt(runs, new Date(now)), [runs, now]);
  const colors = useMemo(() => assignAgentColors(runs.map((r) => r.agentType)), [runs]);
  const [hover, setHover] = useState<string | null>(null);
  const [openRun, setOpenRun] = useState<string | null>(null);
  const selected = runs.find((r) => r.id === openRun) ?? null;

  if (runs.length === 0)
    return <p className="py-8 text-center text-sm text-fg-muted">No runs recorded for this session.</p>;

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
      {truncated && (
        <p className="text-xs text-fg-muted">
          Showing the first {runs.length} of {formatCount(total)} runs.
        </p>
      )}
      <div className="overflow-x-auto rounded-lg border border-line bg-surface" data-testid="gantt">
        <div className="min-w-[48rem]">
          <div className="flex border-b border-line text-[11px] text-fg-subtle">
            <div className="w-80 shrink-0 px-3 py-1.5 font-medium">Run</div>
            <div className="relative mr-4 flex-1" aria-hidden="true">
              {layout.ticks.map((t) => (
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
          <ol aria-label="Runs in tree order" className="relative">
            {layout.rows.map((row) => {
              const r = row.run;
              const color = colorOf(colors, r.agentType);
              const summary = runSummary(row);
              const isHover = hover === r.id;
              return (
                <li
                  key={r.id}
                  className={`flex items-center text-xs ${openRun === r.id ? "bg-accent-soft" : "hover:bg-surface-hover"}`}
                  data-testid="gantt-row"
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
                        onClick={() => setOpenRun(openRun === r.id ? null : r.id)}
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
                        className="pointer-events-none absolute top-full z-20 mt-1 w-64 rounded-md border border-line bg-surface p-2 text-xs text-fg shadow-lg"
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
                            {!r.costUsd && r.reportedCostUsd !== null
                              ? ` (${formatUsd(r.reportedCostUsd)} reported)`
                              : ""}
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
