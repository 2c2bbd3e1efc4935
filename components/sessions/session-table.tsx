import type { SessionListItem } from "@/lib/sessions/list-sessions";
import { formatCount } from "@/components/ui/format-count";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";

type TimeColumn = "updatedAt" | "startedAt";

type SessionTableProps = {
  sessions: SessionListItem[];
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
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-line bg-surface-2">
          <tr>
            <th scope="col" className={`${th} pl-4`}>Session</th>
            <th scope="col" className={th}>Source</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={th}>Phase</th>
            <th scope="col" className={th}>{timeHeading[time]}</th>
            <th scope="col" className={`${th} pr-4 text-right`}>Tokens</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr
              key={session.id}
              data-testid="session-row"
              className="border-b border-line last:border-b-0 hover:bg-surface-hover"
            >
              <td className={`${td} max-w-[28rem] pl-4`}>
                <div className="truncate font-medium text-fg" title={session.label}>
                  {session.label}
                </div>
                <div className="truncate text-xs text-fg-subtle">
                  <span className="font-mono">{session.externalId}</span>
                  <span aria-hidden="true"> · </span>
                  <span className="sr-only">, project </span>
                  {session.projectName}
                </div>
              </td>
              <td className={`${td} whitespace-nowrap text-fg-muted`}>{session.source}</td>
              <td className={td}>
                <StatusBadge status={session.status} />
              </td>
              <td className={`${td} text-fg-muted`}>
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
              <td className={`${td} pr-4 text-right tabular-nums text-fg-muted`}>
                {formatCount(session.totalTokens)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
