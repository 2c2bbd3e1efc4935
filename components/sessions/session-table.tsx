import Link from "next/link";
import type { SessionListRow } from "@/lib/sessions/session-list-query";
import { sessionHref } from "@/lib/sessions/session-href";
import { formatCount } from "@/components/ui/format-count";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";

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

const th = "px-3 py-2 text-left text-xs font-medium text-fg-muted";
const td = "px-3 py-2 align-middle";

// Session text comes from agents: it is rendered as plain text only.
export function SessionTable({ sessions, now, caption, time }: SessionTableProps) {
  return (
    // relative: keeps the sr-only bits inside the scroller, so they cannot widen the page
    <div className="relative overflow-x-auto">
      {/* Fixed layout: the Session column takes the spare width and truncates; below the
          minimum width the wrapper scrolls sideways instead of squeezing columns. */}
      <table className="w-full min-w-[60rem] table-fixed border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-line bg-surface-2 border-b">
          <tr>
            <th scope="col" className={`${th} pl-4`}>
              Session
            </th>
            <th scope="col" className={`${th} w-44`}>
              Source
            </th>
            <th scope="col" className={`${th} w-44`}>
              Status
            </th>
            <th scope="col" className={`${th} w-36`}>
              Phase
            </th>
            <th scope="col" className={`${th} w-28`}>
              {timeHeading[time]}
            </th>
            <th scope="col" className={`${th} w-32 pr-4 text-right`}>
              Tokens
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr
              key={session.id}
              data-testid="session-row"
              className="border-line hover:bg-surface-hover border-b last:border-b-0"
            >
              <td className={`${td} pl-4`}>
                <Link href={sessionHref(session.externalId)} className="text-fg block truncate font-medium hover:underline" title={session.label}>
                  {session.label}
                </Link>
                <div className="text-fg-subtle truncate text-xs">
                  <span className="font-mono">{session.externalId}</span>
                  <span aria-hidden="true"> · </span>
                  <span className="sr-only">, project </span>
                  {session.projectName}
                </div>
              </td>
              <td className={`${td} text-fg-muted truncate`} title={session.source}>
                {session.source}
              </td>
              <td className={td}>
                <StatusBadge status={session.status} />
              </td>
              <td className={`${td} text-fg-muted truncate`} title={session.phase ?? undefined}>
                {session.phase ?? (
                  <span className="text-fg-subtle">
                    <span aria-hidden="true">—</span>
                    <span className="sr-only">none</span>
                  </span>
                )}
              </td>
              <td className={`${td} text-fg-muted`}>
                <RelativeTime date={session[time]} now={now} />
              </td>
              <td className={`${td} text-fg-muted pr-4 text-right tabular-nums`}>{formatCount(session.totalTokens)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
