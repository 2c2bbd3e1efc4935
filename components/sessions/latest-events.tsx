import Link from "next/link";
import { LevelBadge } from "@/components/ui/level-badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { LatestEvent } from "@/lib/overview/overview-dashboard";
import { sessionHref } from "@/lib/sessions/session-href";

/** The newest events across all sessions. Messages are agent text: rendered as text. */
export function LatestEvents({ events, now }: { events: LatestEvent[]; now: Date }) {
  if (events.length === 0) return <p className="px-4 py-6 text-sm text-fg-muted">No events yet.</p>;
  return (
    <ol className="divide-y divide-line" aria-label="Latest events" data-testid="latest-events">
      {events.map((e) => (
        <li key={e.id} className="flex items-start gap-3 px-4 py-2 text-sm">
          <span className="w-20 shrink-0 text-xs text-fg-subtle">
            <RelativeTime date={e.timestamp} now={now} />
          </span>
          <span className="w-16 shrink-0">
            <LevelBadge level={e.level} />
          </span>
          <span className="min-w-0 flex-1">
            <span className="line-clamp-2 break-words text-fg">{e.message}</span>
            <span className="block truncate text-xs text-fg-subtle">
              {e.kind}
              {e.agentType ? ` · ${e.agentType}` : ""}
              {e.session && (
                <>
                  {" · "}
                  <Link
                    href={sessionHref(e.session.externalId, { tab: "logs" })}
                    className="font-mono text-accent hover:underline"
                  >
                    {e.session.externalId}
                  </Link>
                </>
              )}
            </span>
          </span>
        </li>
      ))}
    </ol>
  );
}
