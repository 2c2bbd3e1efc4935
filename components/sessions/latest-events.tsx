import Link from "next/link";
import { LevelBadge } from "@/components/ui/level-badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { LatestEvent } from "@/lib/overview/overview-dashboard";
import { sessionHref } from "@/lib/sessions/session-href";

/** The newest events across all sessions. Messages are agent text: rendered as text. */
export function LatestEvents({ events, now }: { events: LatestEvent[]; now: Date }) {
  if (events.length === 0) return <p className="text-fg-muted px-4 py-6 text-sm">No events yet.</p>;
  return (
    <ol className="divide-line divide-y" aria-label="Latest events" data-testid="latest-events">
      {events.map((e) => (
        <li key={e.id} className="flex items-start gap-3 px-4 py-2 text-sm">
          <span className="text-fg-subtle w-20 shrink-0 text-xs">
            <RelativeTime date={e.timestamp} now={now} />
          </span>
          <span className="w-16 shrink-0">
            <LevelBadge level={e.level} />
          </span>
          <span className="min-w-0 flex-1">
            <span className="text-fg line-clamp-2 break-words">{e.message}</span>
            <span className="text-fg-subtle block truncate text-xs">
              {e.kind}
              {e.agentType ? ` · ${e.agentType}` : ""}
              {e.session && (
                <>
                  {" · "}
                  <Link href={sessionHref(e.session.externalId, { tab: "logs" })} className="text-accent font-mono hover:underline">
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
