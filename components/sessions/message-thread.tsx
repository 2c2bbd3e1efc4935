"use client";

// The Messages tab's list: agent-to-agent messages in time order, each naming sender and
// receiver, with a link to the message it replies to. Content is agent text: plain text.
import { unwrap } from "@/lib/actions/action-result";
import { fetchMessages } from "@/lib/sessions/detail-actions";
import { formatUtcDateTime } from "@/components/ui/relative-time";
import type { SessionMessage } from "@/lib/sessions/session-records";
import { LoadMore } from "./load-more";
import { usePagedList } from "./use-paged-list";

type Props = { sessionId: string; first: { items: SessionMessage[]; nextCursor: string | null } };

export function MessageThread({ sessionId, first }: Props) {
  const list = usePagedList(first, (cursor) => fetchMessages({ sessionId, cursor }).then(unwrap));
  const anchors = new Map(list.items.map((m, i) => [m.externalId, `msg-${i}`]));
  const byExternal = new Map(list.items.map((m) => [m.externalId, m]));
  if (list.items.length === 0)
    return <p className="py-8 text-center text-sm text-fg-muted">No messages between agents in this session.</p>;
  return (
    <div>
      <ol className="space-y-2" aria-label="Messages, oldest first" data-testid="message-list">
        {list.items.map((m, i) => {
          const parent = m.replyTo ? byExternal.get(m.replyTo) : undefined;
          const parentAnchor = m.replyTo ? anchors.get(m.replyTo) : undefined;
          return (
            <li
              key={m.id}
              id={`msg-${i}`}
              tabIndex={-1}
              className={`rounded-lg border border-line bg-surface px-3 py-2 target:ring-2 target:ring-accent ${m.replyTo ? "ml-6" : ""}`}
              data-testid="message"
            >
              <div className="flex flex-wrap items-center gap-x-2 text-xs text-fg-muted">
                <span className="font-semibold text-fg">{m.fromAgent}</span>
                <span aria-label="to">→</span>
                <span className="font-semibold text-fg">{m.toAgent}</span>
                {m.kind && <span className="rounded border border-line px-1.5 text-[11px]">{m.kind}</span>}
                <time dateTime={m.timestamp.toISOString()} className="ml-auto" title={formatUtcDateTime(m.timestamp)}>
                  {m.timestamp.toISOString().slice(11, 19)}
                </time>
              </div>
              {m.replyTo && (
                <p className="mt-0.5 text-xs text-fg-subtle">
                  ↩ In reply to{" "}
                  {parentAnchor ? (
                    <a href={`#${parentAnchor}`} className="text-accent hover:underline">
                      {parent
                        ? `${parent.fromAgent}: ${parent.content.slice(0, 60)}${parent.content.length > 60 ? "…" : ""}`
                        : m.replyTo}
                    </a>
                  ) : (
                    <span className="font-mono">{m.replyTo}</span>
                  )}
                </p>
              )}
              <p className="mt-1 text-sm break-words whitespace-pre-wrap text-fg" data-testid="message-content">
                {m.content}
                {m.clipped && <span className="text-fg-subtle"> … (shortened)</span>}
              </p>
            </li>
          );
        })}
      </ol>
      <LoadMore {...list} onClick={list.loadMore} what="messages" />
    </div>
  );
}
