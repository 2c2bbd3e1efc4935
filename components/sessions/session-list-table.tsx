import { formatCount } from "@/components/ui/format-count";
import { formatDuration, formatUsd } from "@/components/ui/format-usage";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table } from "@/components/ui/table";
import { COMPARE_FORM_ID } from "@/lib/sessions/compare-table";
import type { SessionListRow } from "@/lib/sessions/session-list-query";
import { SessionLabelCell, TruncatedText } from "./session-cells";

type Props = { sessions: SessionListRow[]; now: Date; time: "updatedAt" | "startedAt" };

/**
 * One keyset page of the sessions list. The server sorts it (the filter bar's sort, kept in
 * the URL), so no column sorts here: sorting one page would hide the next page's order.
 */
export function SessionListTable({ sessions, now, time }: Props) {
  return (
    <Table
      caption="Sessions matching the filters"
      testId="sessions-table"
      cellAlign="middle"
      className="min-w-[64rem] table-fixed"
      columns={[
        { key: "select", header: <span className="sr-only">Select to compare</span>, className: "w-10 pl-4" },
        { key: "session", header: "Session", className: "min-w-0" },
        { key: "source", header: "Source", className: "text-fg-muted w-32" },
        { key: "status", header: "Status", className: "w-40" },
        { key: "phase", header: "Phase", className: "text-fg-muted w-28" },
        { key: "time", header: time === "startedAt" ? "Started" : "Updated", className: "text-fg-muted w-24" },
        { key: "duration", header: "Duration", align: "right", className: "text-fg-muted w-28 whitespace-nowrap" },
        { key: "tokens", header: "Tokens", align: "right", className: "text-fg-muted w-24" },
        { key: "cost", header: "Cost", align: "right", className: "text-fg-muted w-24" },
        { key: "errors", header: "Errors", align: "right", className: "w-20 pr-4" },
      ]}
      rows={sessions.map((s) => ({
        key: s.id,
        testId: "session-row",
        data: { "session-id": s.externalId, status: s.status },
        className:
          s.status === "awaiting_approval"
            ? "bg-warn-soft shadow-[inset_3px_0_0_var(--warn-line)] hover:brightness-95"
            : "hover:bg-surface-hover",
        cellClass: { errors: s.errorCount > 0 ? "text-danger font-medium" : "text-fg-subtle" },
        cells: {
          select: (
            <input
              type="checkbox"
              name="s"
              value={`${s.projectSlug}/${s.externalId}`}
              form={COMPARE_FORM_ID}
              aria-label={`Select ${s.externalId} to compare`}
              className="size-4 accent-accent"
            />
          ),
          session: <SessionLabelCell session={s} />,
          source: <TruncatedText text={s.source} />,
          status: <StatusBadge status={s.status} sourceStatus={s.sourceStatus} />,
          phase: <TruncatedText text={s.phase} />,
          time: <RelativeTime date={s[time]} now={now} />,
          duration: formatDuration(s.durationMs),
          tokens: formatCount(s.totalTokens),
          cost: formatUsd(s.costUsd),
          errors: s.errorCount,
        },
      }))}
    />
  );
}
