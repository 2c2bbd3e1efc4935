"use client";

// The Decisions tab: the orchestrator's decisions in order, with type and data.
import { unwrap } from "@/lib/actions/action-result";
import { fetchDecisions } from "@/lib/sessions/detail-actions";
import { JsonTree } from "@/components/ui/json-tree";
import type { SessionDecision } from "@/lib/sessions/session-records";
import { LoadMore } from "./load-more";
import { usePagedList } from "./use-paged-list";

type Props = { sessionId: string; first: { items: SessionDecision[]; nextCursor: string | null } };

export function DecisionList({ sessionId, first }: Props) {
  const list = usePagedList(first, (cursor) => fetchDecisions({ sessionId, cursor }).then(unwrap));
  if (list.items.length === 0)
    return (
      <p className="py-8 text-center text-sm text-fg-muted">No orchestrator decisions recorded for this session.</p>
    );
  return (
    <div>
      <ol
        className="relative ml-2 space-y-3 border-l border-line pl-5"
        aria-label="Decisions, oldest first"
        data-testid="decision-list"
      >
        {list.items.map((d) => (
          <li key={d.id} className="relative">
            <span aria-hidden="true" className="absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full bg-accent" />
            <div className="flex flex-wrap items-center gap-2 text-xs">
              <span className="rounded bg-accent-soft px-1.5 py-0.5 font-mono font-semibold text-fg">
                {d.decisionType}
              </span>
              {d.iteration !== null && <span className="text-fg-muted">iteration {d.iteration}</span>}
              <time className="text-fg-subtle" dateTime={d.timestamp.toISOString()}>
                {d.timestamp.toISOString().replace("T", " ").slice(0, 19)} UTC
              </time>
            </div>
            <div className="mt-1">
              {d.dataOmitted ? (
                <p className="text-xs text-fg-subtle">Data too large to show here.</p>
              ) : (
                <JsonTree value={d.data} openDepth={1} />
              )}
            </div>
          </li>
        ))}
      </ol>
      <LoadMore {...list} onClick={list.loadMore} what="decisions" />
    </div>
  );
}
