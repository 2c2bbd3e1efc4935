"use client";

// An opened run: its LLM calls (bodies on request, one call at a time) and its logs.
// Everything here is agent text and is rendered as text.
import { useEffect, useState } from "react";
import { unwrap } from "@/lib/actions/action-result";
import { fetchCallContent, fetchRunDetail } from "@/lib/sessions/detail-actions";
import { formatCount } from "@/components/ui/format-count";
import { formatDuration, formatUsd } from "@/components/ui/format-usage";
import { LevelBadge } from "@/components/ui/level-badge";
import type { CallContent, RunDetail, TimelineRun } from "@/lib/sessions/session-runs";
import { StatusBadge } from "@/components/ui/status-badge";
import { RunStatusIcon } from "./run-status-icon";

type Props = { sessionId: string; run: TimelineRun; onClose: () => void };

export function RunPanel({ sessionId, run, onClose }: Props) {
  const [detail, setDetail] = useState<RunDetail | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    fetchRunDetail({ sessionId, runId: run.id })
      .then(unwrap)
      .then(
        (d) => !cancelled && setDetail(d),
        () => !cancelled && setError("The run could not be loaded."),
      );
    return () => {
      cancelled = true;
    };
  }, [sessionId, run.id]);

  return (
    <section
      aria-label={`Run ${run.externalId}`}
      className="rounded-lg border border-line bg-surface"
      data-testid="run-panel"
    >
      <header className="flex items-center gap-2 border-b border-line px-4 py-2.5">
        <RunStatusIcon status={run.status} />
        <h3 className="text-sm font-semibold text-fg">
          {run.agentType ?? "Run"} <span className="font-mono font-normal text-fg-subtle">{run.externalId}</span>
        </h3>
        {run.model && <span className="text-xs text-fg-muted">{run.model}</span>}
        {detail && <StatusBadge status={detail.status} sourceStatus={detail.sourceStatus} />}
        <button
          type="button"
          onClick={onClose}
          className="ml-auto text-xs font-medium text-fg-muted hover:text-fg hover:underline"
        >
          Close
        </button>
      </header>
      {error && <p className="px-4 py-3 text-sm text-danger">{error}</p>}
      {detail === undefined && !error && <p className="px-4 py-3 text-sm text-fg-muted">Loading…</p>}
      {detail === null && <p className="px-4 py-3 text-sm text-fg-muted">This run no longer exists.</p>}
      {detail && (
        <div className="space-y-4 px-4 py-3">
          {(detail.input || detail.output || detail.error) && (
            <div className="grid gap-3 md:grid-cols-3">
              {(["input", "output", "error"] as const).map((field) =>
                detail[field] ? (
                  <div key={field} className="min-w-0">
                    <h4 className="mb-1 text-xs font-medium text-fg-muted capitalize">{field}</h4>
                    <pre
                      className={`max-h-48 overflow-auto rounded bg-surface-2 p-2 text-xs break-words whitespace-pre-wrap ${field === "error" ? "text-danger" : "text-fg"}`}
                    >
                      {detail[field]}
                    </pre>
                  </div>
                ) : null,
              )}
            </div>
          )}
          <div>
            <h4 className="mb-1 text-xs font-semibold text-fg">
              LLM calls <span className="font-normal text-fg-subtle">({formatCount(detail.callCount)})</span>
            </h4>
            {detail.calls.length === 0 ? (
              <p className="text-xs text-fg-muted">No LLM calls recorded for this run.</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-xs">
                  <caption className="sr-only">LLM calls of run {run.externalId}</caption>
                  <thead className="text-left text-fg-muted">
                    <tr>
                      <th scope="col" className="py-1 pr-3 font-medium">
                        Status
                      </th>
                      <th scope="col" className="py-1 pr-3 font-medium">
                        Model
                      </th>
                      <th scope="col" className="py-1 pr-3 text-right font-medium">
                        Input
                      </th>
                      <th scope="col" className="py-1 pr-3 text-right font-medium">
                        Output
                      </th>
                      <th scope="col" className="py-1 pr-3 text-right font-medium">
                        Cost
                      </th>
                      <th scope="col" className="py-1 pr-3 text-right font-medium">
                        Latency
                      </th>
                      <th scope="col" className="py-1 font-medium">
                        Bodies
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {detail.calls.map((call) => (
                      <CallRow key={call.id} sessionId={sessionId} call={call} />
                    ))}
                  </tbody>
                </table>
                {detail.callCount > detail.calls.length && (
                  <p className="mt-1 text-xs text-fg-subtle">First {detail.calls.length} calls shown.</p>
                )}
              </div>
            )}
          </div>
          <div>
            <h4 className="mb-1 text-xs font-semibold text-fg">
              Logs <span className="font-normal text-fg-subtle">({formatCount(detail.logCount)})</span>
            </h4>
            {detail.logs.length === 0 ? (
              <p className="text-xs text-fg-muted">No logs recorded for this run.</p>
            ) : (
              <ol className="max-h-72 space-y-0.5 overflow-auto font-mono text-xs">
                {detail.logs.map((log) => (
                  <li key={log.id} className="flex gap-2">
                    <span className="shrink-0 text-fg-subtle">{log.timestamp.toISOString().slice(11, 23)}</span>
                    <span className="w-16 shrink-0">
                      <LevelBadge level={log.level} />
                    </span>
                    <span className="shrink-0 text-fg-muted">{log.kind}</span>
                    <span className="min-w-0 break-words whitespace-pre-wrap text-fg">
                      {log.message}
                      {log.clipped && "…"}
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function CallRow({ sessionId, call }: { sessionId: string; call: RunDetail["calls"][number] }) {
  const [content, setContent] = useState<CallContent | null | undefined>(undefined);
  const [open, setOpen] = useState(false);
  const toggle = () => {
    setOpen(!open);
    if (content === undefined) {
      fetchCallContent({ sessionId, callId: call.id })
        .then(unwrap)
        .then(setContent, () => setContent(null));
    }
  };
  return (
    <>
      <tr className="border-t border-line">
        <td className="py-1 pr-3">
          <RunStatusIcon status={call.status} />
        </td>
        <td className="py-1 pr-3">
          {call.model ?? "—"}
          {call.estimated && <span className="text-fg-subtle"> (estimated)</span>}
        </td>
        <td className="py-1 pr-3 text-right tabular-nums">{formatCount(call.inputTokens)}</td>
        <td className="py-1 pr-3 text-right tabular-nums">{formatCount(call.outputTokens)}</td>
        <td className="py-1 pr-3 text-right tabular-nums">
          {call.costUsd === null ? "unknown" : formatUsd(call.costUsd)}
        </td>
        <td className="py-1 pr-3 text-right tabular-nums">
          {call.latencyMs === null ? "—" : formatDuration(call.latencyMs)}
        </td>
        <td className="py-1">
          <button
            type="button"
            aria-expanded={open}
            onClick={toggle}
            className="font-medium text-accent hover:underline"
          >
            {open ? "Hide" : "Prompt & response"}
          </button>
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={7} className="pb-2">
            {content === undefined && <p className="text-fg-muted">Loading…</p>}
            {content === null && <p className="text-fg-muted">No prompt or response was stored for this call.</p>}
            {content && (
              <div className="grid gap-2 md:grid-cols-2">
                {(["prompt", "response"] as const).map((field) => (
                  <div key={field} className="min-w-0">
                    <h5 className="mb-0.5 font-medium text-fg-muted capitalize">{field}</h5>
                    <pre className="max-h-64 overflow-auto rounded bg-surface-2 p-2 break-words whitespace-pre-wrap text-fg">
                      {content[field] ?? "—"}
                    </pre>
                  </div>
                ))}
                {(content.truncated || content.clipped) && <p className="text-fg-subtle">Shortened for display.</p>}
              </div>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
