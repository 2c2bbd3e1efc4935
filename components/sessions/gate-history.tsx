// A session's gates, newest first: what the agent asked, and who decided what and when.
// Titles, summaries, comments and payloads are agent- or user-written: plain text only.
import type { ReactNode } from "react";
import { BanIcon, CheckCircleIcon, ClockIcon, HourglassIcon, XCircleIcon } from "@/components/icons";
import { EmptyState } from "@/components/ui/empty-state";
import { JsonTree } from "@/components/ui/json-tree";
import { formatUtcDateTime, RelativeTime } from "@/components/ui/relative-time";
import type { SessionGate } from "@/lib/gates/session-gates";
import type { GateStatus } from "@/lib/gates/schemas";

const icon = "size-3.5";
const STATUS: Record<GateStatus, { label: string; icon: ReactNode; className: string }> = {
  pending: {
    label: "Waiting",
    icon: <ClockIcon className={icon} />,
    className: "border-warn-line bg-warn-soft text-warn font-semibold",
  },
  approved: {
    label: "Approved",
    icon: <CheckCircleIcon className={icon} />,
    className: "border-ok/40 bg-ok-soft text-ok",
  },
  rejected: {
    label: "Rejected",
    icon: <XCircleIcon className={icon} />,
    className: "border-danger/40 bg-danger-soft text-danger",
  },
  expired: {
    label: "Expired",
    icon: <HourglassIcon className={icon} />,
    className: "border-line bg-neutral-soft text-neutral",
  },
  cancelled: {
    label: "Cancelled",
    icon: <BanIcon className={icon} />,
    className: "border-line bg-neutral-soft text-neutral",
  },
};

export function GateStatusBadge({ status }: { status: GateStatus }) {
  const s = STATUS[status];
  return (
    <span
      data-status={status}
      className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${s.className}`}
    >
      {s.icon}
      {s.label}
    </span>
  );
}

function Time({ date, now }: { date: Date; now: Date }) {
  return (
    <>
      <RelativeTime date={date} now={now} /> <span className="text-fg-subtle">({formatUtcDateTime(date)})</span>
    </>
  );
}

function outcomeLine(g: SessionGate, now: Date): ReactNode {
  switch (g.status) {
    case "pending":
      return (
        <>
          Waiting for a decision; expires <Time date={g.expiresAt} now={now} />.
        </>
      );
    case "approved":
    case "rejected":
      return (
        <>
          {g.status === "approved" ? "Approved" : "Rejected"} by{" "}
          {g.decidedBy ? `${g.decidedBy.name} (${g.decidedBy.email})` : "a deleted user"}
          {g.closedAt && (
            <>
              {" "}
              <Time date={g.closedAt} now={now} />
            </>
          )}
          .
        </>
      );
    case "expired":
      return <>Expired unanswered at {formatUtcDateTime(g.expiresAt)}; the agent was told it was not approved.</>;
    case "cancelled":
      return (
        <>
          Cancelled by the agent{g.cancelledBy ? ` (key ${g.cancelledBy})` : ""}
          {g.closedAt ? ` at ${formatUtcDateTime(g.closedAt)}` : ""}.
        </>
      );
  }
}

export function GateHistory({ gates, total, now }: { gates: SessionGate[]; total: number; now: Date }) {
  if (gates.length === 0) {
    return (
      <EmptyState title="This session asked for no human decisions." titleAs="h3">
        <p>
          When its agent opens a gate (POST /api/v1/sessions/&#123;sessionId&#125;/gates), it is listed here with its
          decision.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="space-y-3">
      {total > gates.length && (
        <p className="text-xs text-fg-muted">
          Showing the newest {gates.length} of {total} gates.
        </p>
      )}
      <ol className="space-y-3" aria-label="Gates, newest first">
        {gates.map((g) => (
          <li key={g.id} data-testid="session-gate" className="space-y-2 rounded-lg border border-line bg-surface p-3">
            <div className="flex flex-wrap items-center gap-2">
              <h3 className="text-sm font-semibold text-fg">{g.title}</h3>
              <GateStatusBadge status={g.status} />
              <span className="font-mono text-xs text-fg-muted">{g.gateId}</span>
            </div>
            <p className="text-xs text-fg-muted">
              Asked <Time date={g.createdAt} now={now} />
              {g.phase ? ` · phase ${g.phase}` : ""}
              {g.status !== "pending" ? ` · deadline ${formatUtcDateTime(g.expiresAt)}` : ""}
            </p>
            {g.summary && <p className="text-sm whitespace-pre-wrap text-fg">{g.summary}</p>}
            <p className="text-sm text-fg">{outcomeLine(g, now)}</p>
            {g.comment && (
              <blockquote className="border-l-2 border-line pl-3 text-sm whitespace-pre-wrap text-fg">
                {g.comment}
              </blockquote>
            )}
            {g.payload !== null && <JsonTree value={g.payload} label="payload" openDepth={0} />}
            {g.editedPayload !== null && (
              <JsonTree value={g.editedPayload} label="approved payload (edited)" openDepth={1} />
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
