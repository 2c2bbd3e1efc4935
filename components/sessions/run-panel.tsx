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
    fetchRunDetail({ sessionId, runId: run.id }).then(unwrap).then(
      (d) => !cancelled && setDetail(d),
      () => !cancelled && setError("The run could not be loaded."),
    );
    return () => {
      cancelled = true;
    };
  }, [sessionId, run.id]);

  return (
    <section aria-label={`Run ${run.externalId}`} className="border-line bg-surface rounded-lg border" data-testid="run-panel">
      <header className="border-line flex items-center gap-2 border-b px-4 py-2.5">
        <RunStatusIcon status={run.status} />
        <h3 className="text-fg text-sm font-semibold">
          {run.agentType ?? "Run"} <span className="text-fg-subtle font-mono font-normal">{run.externalId}</span>
        </h3>
        {run.model && <span className="text-fg-muted text-xs">{run.model}</span>}
        {detail && <StatusBadge status={detail.status} sourceStatus={detail.sourceStatus} />}
        <button type="button" onClick={onClose} className="text-fg-muted hover:text-fg ml-auto text-xs font-medium hover:underline">
          Close
        </button>
      </header>
      {error && <p className="text-danger px-4 py-3 text-sm">{error}</p>}
      {detail === undefined && !error && <p className="text-fg-muted px-4 py-3 text-sm">Loading…</p>}
      {detail === null && <p className="text-fg-muted px-4 py-3 text-sm">This run no longer exists.</p>}
      {detail && (
        <div className="space-y-4 px-4 py-3">
          {(detail.input || detail.output || detail.error) && (
            <div className="grid gap-3 md:grid-cols-3">
              {(["input", "output", "error"] as const).map((field) =>
                detail[field] ? (
                  <div key={field} className="min-w-0">
                    <h4 className="text-fg-muted mb-1 text-xs font-medium capitalize">{field}</h4>
                    <pre className={`bg-surface-2 max-h-48 overflow-auto rounded p-2 text-xs break-words whitespace-pre-wrap ${field === "error" ? "text-danger" : "text-fg"}`}>
                      {detail[field]}
                    </pre>
                  </div>
                ) : null,
              )}
            </div>
          )}
          <div>
            <h4 className="text-fg mb-1 text-xs font-semibold">
              LLM calls <span className="text-fg-subtle font-normal">({formatCount(detail.callCount)})</span>
            </h4>
            {detail.calls.length === 0 ? (
              <p className="text-fg-muted text-xs">No LLM calls recorded for this run.</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-xs">
                  <caption className="sr-only">LLM calls of run {run.externalId}</caption>
                  <thead className="text-fg-muted text-left">
                    <tr>
                      <th scope="col" className="py-1 pr-3 font-medium">Status</th>
                      <th scope="col" className="py-1 pr-3 font-medium">Model</th>
                      <th scope="col" className="py-1 pr-3 text-right font-medium">Input</th>
                      <th scope="col" className="py-1 pr-3 text-right font-medium">Output</th>
                      <th scope="col" className="py-1 pr-3 text-right font-medium">Cost</th>
                      <th scope="col" className="py-1 pr-3 text-right font-medium">Latency</th>
                      <th scope="col" className="py-1 font-medium">Bodies</th>
                    </tr>
                  </thead>
                  <tbody>
                    {detail.calls.map((call) => (
                      <CallRow key={call.id} sessionId={sessionId} call={call} />
                    ))}
                  </tbody>
                </table>
                {detail.callCount > detail.calls.length && <p className="text-fg-subtle mt-1 text-xs">First {detail.calls.length} calls shown.</p>}
              </div>
            )}
          </div>
          <div>
            <h4 className="text-fg mb-1 text-xs font-semibold">
              Logs <span className="text-fg-subtle font-normal">({formatCount(detail.logCount)})</span>
            </h4>
            {detail.logs.length === 0 ? (
              <p className="text-fg-muted text-xs">No logs recorded for this run.</p>
            ) : (
              <ol className="max-h-72 space-y-0.5 overflow-auto font-mono text-xs">
                {detail.logs.map((log) => (
                  <li key={log.id} className="flex gap-2">
                    <span className="text-fg-subtle shrink-0">{log.timestamp.toISOString().slice(11, 23)}</span>
                    <span className="w-16 shrink-0">
                      <LevelBadge level={log.level} />
                    </span>
                    <span className="text-fg-muted shrink-0">{log.kind}</span>
                    <span className="text-fg min-w-0 break-words whitespace-pre-wrap">
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
      fetchCallContent({ sessionId, callId: call.id }).then(unwrap).then(setContent, () => setContent(null));
    }
  };
  return (
    <>
      <tr className="border-line border-t">
        <td className="py-1 pr-3">
          <RunStatusIcon status={call.status} />
        </td>
        <td className="py-1 pr-3">
          {call.model ?? "—"}
          {call.estimated && <span className="text-fg-subtle"> (estimated)</span>}
        </td>
        <td className="py-1 pr-3 text-right tabular-nums">{formatCount(call.inputTokens)}</td>
        <td className="py-1 pr-3 text-right tabular-nums">{formatCount(call.outputTokens)}</td>
        <td className="py-1 pr-3 text-right tabular-nums">{call.costUsd === null ? "unknown" : formatUsd(call.costUsd)}</td>
        <td className="py-1 pr-3 text-right tabular-nums">{call.latencyMs === null ? "—" : formatDuration(call.latencyMs)}</td>
        <td className="py-1">
          <button type="button" aria-expanded={open} onClick={toggle} className="text-accent font-medium hover:underline">
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
                    <h5 className="text-fg-muted mb-0.5 font-medium capitalize">{field}</h5>
                    <pre className="bg-surface-2 text-fg max-h-64 overflow-auto rounded p-2 break-words whitespace-pre-wrap">{content[field] ?? "—"}</pre>
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
