import Link from "next/link";
import { formatCount } from "@/components/ui/format-count";
import { formatDuration, formatUsd } from "@/components/ui/format-usage";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import type { SessionListRow } from "@/lib/sessions/session-list-query";
import { COMPARE_FORM_ID } from "@/lib/sessions/compare-table";
import { sessionHref } from "@/lib/sessions/session-href";

type Props = { sessions: SessionListRow[]; now: Date; time: "updatedAt" | "startedAt" };

const th = "px-3 py-2 text-left text-xs font-medium text-fg-muted whitespace-nowrap";
const td = "px-3 py-2 align-middle";

// Agent-written text (labels) is rendered as plain text only.
export function SessionListTable({ sessions, now, time }: Props) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full min-w-[64rem] table-fixed border-collapse text-sm" data-testid="sessions-table">
        <caption className="sr-only">Sessions matching the filters</caption>
        <thead className="border-line bg-surface-2 border-b">
          <tr>
            <th scope="col" className={`${th} w-10 pl-4`}>
              <span className="sr-only">Select to compare</span>
            </th>
            <th scope="col" className={th}>
              Session
            </th>
            <th scope="col" className={`${th} w-32`}>
              Source
            </th>
            <th scope="col" className={`${th} w-40`}>
              Status
            </th>
            <th scope="col" className={`${th} w-28`}>
              Phase
            </th>
            <th scope="col" className={`${th} w-24`}>
              {time === "startedAt" ? "Started" : "Updated"}
            </th>
            <th scope="col" className={`${th} w-28 text-right`}>
              Duration
            </th>
            <th scope="col" className={`${th} w-24 text-right`}>
              Tokens
            </th>
            <th scope="col" className={`${th} w-24 text-right`}>
              Cost
            </th>
            <th scope="col" className={`${th} w-20 pr-4 text-right`}>
              Errors
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => {
            const awaiting = s.status === "awaiting_approval";
            return (
              <tr
                key={s.id}
                data-testid="session-row"
                data-session-id={s.externalId}
                data-status={s.status}
                className={`border-line border-b last:border-b-0 ${
                  awaiting ? "bg-warn-soft shadow-[inset_3px_0_0_var(--warn-line)] hover:brightness-95" : "hover:bg-surface-hover"
                }`}
              >
                <td className={`${td} pl-4`}>
                  <input
                    type="checkbox"
                    name="s"
                    value={`${s.projectSlug}/${s.externalId}`}
                    form={COMPARE_FORM_ID}
                    aria-label={`Select ${s.externalId} to compare`}
                    className="accent-accent size-4"
                  />
                </td>
                <td className={`${td} min-w-0`}>
                  <Link href={sessionHref(s.externalId)} className="text-fg block truncate font-medium hover:underline" title={s.label}>
                    {s.label}
                  </Link>
                  <div className="text-fg-subtle truncate text-xs">
                    <span className="font-mono">{s.externalId}</span>
                    <span aria-hidden="true"> · </span>
                    <span className="sr-only">, project </span>
                    {s.projectName}
                  </div>
                </td>
                <td className={`${td} text-fg-muted truncate`} title={s.source}>
                  {s.source}
                </td>
                <td className={td}>
                  <StatusBadge status={s.status} sourceStatus={s.sourceStatus} />
                </td>
                <td className={`${td} text-fg-muted truncate`} title={s.phase ?? undefined}>
                  {s.phase ?? <span className="text-fg-subtle">—</span>}
                </td>
                <td className={`${td} text-fg-muted`}>
                  <RelativeTime date={s[time]} now={now} />
                </td>
                <td className={`${td} text-fg-muted text-right whitespace-nowrap tabular-nums`}>{formatDuration(s.durationMs)}</td>
                <td className={`${td} text-fg-muted text-right tabular-nums`}>{formatCount(s.totalTokens)}</td>
                <td className={`${td} text-fg-muted text-right tabular-nums`}>{formatUsd(s.costUsd)}</td>
                <td className={`${td} pr-4 text-right tabular-nums ${s.errorCount > 0 ? "text-danger font-medium" : "text-fg-subtle"}`}>
                  {s.errorCount}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
