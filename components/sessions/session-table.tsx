import { formatCount } from "@/components/ui/format-count";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table } from "@/components/ui/table";
import type { SessionListRow } from "@/lib/sessions/session-list-query";
import { SessionLabelCell, TruncatedText } from "./session-cells";

type TimeColumn = "updatedAt" | "startedAt";

type SessionTableProps = {
  sessions: SessionListRow[];
  /** Clock for relative times. */
  now: Date;
  /** Read by screen readers before the table. */
  caption: string;
  time: TimeColumn;
};

const timeHeading: Record<TimeColumn, string> = { updatedAt: "Updated", startedAt: "Started" };

/** A short list of sessions shown whole (the overview's recent ones), so every column sorts. */
export function SessionTable({ sessions, now, caption, time }: SessionTableProps) {
  return (
    // Fixed layout: the Session column takes the spare width and truncates; below the
    // minimum width the wrapper scrolls sideways instead of squeezing columns.
    <Table
      caption={caption}
      cellAlign="middle"
      className="min-w-[60rem] table-fixed"
      columns={[
        { key: "session", header: "Session", sortable: true, className: "pl-4" },
        { key: "source", header: "Source", sortable: true, className: "text-fg-muted w-44" },
        { key: "status", header: "Status", sortable: true, className: "w-44" },
        { key: "phase", header: "Phase", sortable: true, className: "text-fg-muted w-36" },
        { key: "time", header: timeHeading[time], sortable: true, className: "text-fg-muted w-28" },
        { key: "tokens", header: "Tokens", sortable: true, align: "right", className: "text-fg-muted w-32 pr-4" },
      ]}
      rows={sessions.map((session) => ({
        key: session.id,
        testId: "session-row",
        className: "hover:bg-surface-hover",
        sort: {
          session: session.label,
          source: session.source,
          status: session.status,
          phase: session.phase,
          time: session[time].getTime(),
          tokens: session.totalTokens,
        },
        cells: {
          session: <SessionLabelCell session={session} />,
          source: <TruncatedText text={session.source} />,
          status: <StatusBadge status={session.status} />,
          phase: <TruncatedText text={session.phase} />,
          time: <RelativeTime date={session[time]} now={now} />,
          tokens: formatCount(session.totalTokens),
        },
      }))}
    />
  );
}
