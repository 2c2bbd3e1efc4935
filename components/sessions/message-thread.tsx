"use client";

// The Messages tab's list: agent-to-agent messages in time order, each naming sender and
// receiver, with a link to the message it replies to. Content is agent text: plain text.
// Rows are virtualized (only the visible ones are in the DOM) over a window of pages that
// grows as the reader nears either edge; jumping to the start, the end or a time seeks on the
// server, so the end of a long session is one page away. New messages append while the
// window reaches the end, and are followed while the view is at the bottom.
import { useVirtualizer } from "@tanstack/react-virtual";
import { virtualRowStyle } from "@/components/ui/virtual-row";
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { unwrap } from "@/lib/actions/action-result";
import { fetchMessageWindow } from "@/lib/sessions/detail-actions";
import { formatUtcDateTime } from "@/components/ui/relative-time";
import { useLiveChanges } from "@/components/ui/live-provider";
import { concernsKinds, concernsSession } from "@/lib/live/live-change";
import type { MessageSeek } from "@/lib/sessions/detail-action-schemas";
import { appendPage, focusIndex, prependPage } from "@/lib/sessions/message-window";
import type { MessagePage, SessionMessage } from "@/lib/sessions/session-records";

type Props = { sessionId: string; session: { projectId: string; externalId: string }; first: MessagePage };

const ROW_ESTIMATE = 76;
/** Load the next page when the view is this close to an edge of the window. */
const EDGE_PX = ROW_ESTIMATE * 8;

const control =
  "border-line bg-surface text-fg hover:bg-surface-hover h-8 rounded-md border px-2 text-sm font-medium disabled:opacity-60";

export function MessageThread({ sessionId, session, first }: Props) {
  const [win, setWin] = useState<MessagePage>(first);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState(false);
  const [time, setTime] = useState("");
  const [highlight, setHighlight] = useState<string | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const current = useRef(win);
  // the load in flight (its generation), so edge loads wait and a jump makes older answers stale
  const flight = useRef({ generation: 0, busy: false, atBottom: false });
  // what to restore after the window changes: a row's offset, or a row to scroll to
  const anchor = useRef<{ id: string; start: number } | null>(null);
  const focus = useRef<{ index: number; align: "start" | "end" } | null>(null);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render only
  const virtualizer = useVirtualizer({
    count: win.items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 6,
    getItemKey: (index) => win.items[index]?.id ?? index,
  });

  const indexByExternal = useMemo(() => new Map(win.items.map((m, i) => [m.externalId, i])), [win.items]);

  const show = (next: MessagePage) => {
    current.current = next;
    setWin(next);
  };

  const load = async (seek: MessageSeek, apply: (page: MessagePage) => void, jump: boolean) => {
    const f = flight.current;
    if (f.busy && !jump) return;
    const generation = jump ? ++f.generation : f.generation;
    f.busy = true;
    setLoading(true);
    setError(false);
    try {
      const page = unwrap(await fetchMessageWindow({ sessionId, seek }));
      if (generation === f.generation) apply(page);
    } catch {
      if (generation === f.generation) setError(true);
    } finally {
      if (generation === f.generation) {
        f.busy = false;
        setLoading(false);
      }
    }
  };

  const jumpTo = (seek: MessageSeek) =>
    load(
      seek,
      (page) => {
        anchor.current = null;
        focus.current = { index: focusIndex(page.items, seek), align: seek.to === "end" ? "end" : "start" };
        setHighlight(seek.to === "time" ? (page.items[focusIndex(page.items, seek)]?.id ?? null) : null);
        show(page);
      },
      true,
    );

  const loadBefore = () => {
    const w = current.current;
    const firstRow = w.items[0];
    if (w.atStart || !firstRow) return;
    void load(
      { to: "before", cursor: firstRow.cursor },
      (page) => {
        const now = current.current;
        const top = now.items[0];
        // keep the rows in view where they are while rows are added above them
        if (top) anchor.current = { id: top.id, start: virtualizer.measurementsCache[0]?.start ?? 0 };
        show(prependPage(now, page).window);
      },
      false,
    );
  };

  const loadAfter = () => {
    const w = current.current;
    const lastRow = w.items[w.items.length - 1];
    if (w.atEnd) return;
    if (!lastRow) {
      void jumpTo({ to: "start" });
      return;
    }
    const follow = flight.current.atBottom;
    void load(
      { to: "after", cursor: lastRow.cursor },
      (page) => {
        const now = current.current;
        const { window: next, dropped } = appendPage(now, page);
        const kept = now.items[dropped];
        if (follow && next.items.length > 0) focus.current = { index: next.items.length - 1, align: "end" };
        // rows dropped from the top: keep the rows in view where they are
        else if (dropped > 0 && kept)
          anchor.current = { id: kept.id, start: virtualizer.measurementsCache[dropped]?.start ?? 0 };
        show(next);
      },
      false,
    );
  };

  const checkEdges = () => {
    const el = scrollRef.current;
    if (!el || current.current.items.length === 0) return;
    flight.current.atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_ESTIMATE / 2;
    if (el.scrollTop < EDGE_PX) loadBefore();
    else if (el.scrollHeight - el.scrollTop - el.clientHeight < EDGE_PX) loadAfter();
  };

  useLayoutEffect(() => {
    const el = scrollRef.current;
    const a = anchor.current;
    if (a && el) {
      anchor.current = null;
      const index = win.items.findIndex((m) => m.id === a.id);
      const start = virtualizer.measurementsCache[index]?.start;
      if (start !== undefined) el.scrollTop += start - a.start;
    }
    const f = focus.current;
    if (f) {
      focus.current = null;
      virtualizer.scrollToIndex(f.index, { align: f.align });
    }
  }, [win, virtualizer]);

  // a window that does not fill the view, or a jump that landed near an edge, loads on
  useEffect(() => {
    if (!loading) checkEdges();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- checkEdges reads the latest state through refs
  }, [win, loading]);

  useLiveChanges((change) => {
    if (!concernsSession(change, session) || !concernsKinds(change, ["message"])) return;
    const w = current.current;
    if (w.items.length === 0) void jumpTo({ to: "start" });
    // a window that ends at the last message now ends before the new ones: reaching the end loads them
    else if (w.atEnd) show({ ...w, atEnd: false });
  });

  const jumpToTime = (e: FormEvent) => {
    e.preventDefault();
    // the input shows UTC, as every time on this page does
    const at = Date.parse(`${time}Z`);
    if (!Number.isNaN(at)) void jumpTo({ to: "time", at: new Date(at).toISOString() });
  };

  const showMessage = (index: number, id: string) => {
    setHighlight(id);
    virtualizer.scrollToIndex(index, { align: "start" });
  };

  if (win.items.length === 0 && win.atStart && win.atEnd)
    return <p className="py-8 text-center text-sm text-fg-muted">No messages between agents in this session.</p>;
  const firstShown = win.items[0];
  const lastShown = win.items[win.items.length - 1];
  return (
    <div className="min-w-0 space-y-2">
      <form
        className="flex flex-wrap items-end gap-2"
        role="group"
        aria-label="Move through the messages"
        onSubmit={jumpToTime}
      >
        <button
          type="button"
          className={control}
          onClick={() => void jumpTo({ to: "start" })}
          data-testid="messages-jump-start"
        >
          ⇤ Start
        </button>
        <button
          type="button"
          className={control}
          onClick={() => void jumpTo({ to: "end" })}
          data-testid="messages-jump-end"
        >
          End ⇥
        </button>
        <label className="ml-auto flex items-center gap-2 text-xs">
          <span className="font-medium text-fg-muted">Jump to time (UTC)</span>
          <input
            type="datetime-local"
            step={1}
            className={control}
            value={time}
            onChange={(e) => setTime(e.target.value)}
            data-testid="messages-jump-time"
          />
        </label>
        <button type="submit" className={control} disabled={!time}>
          Go
        </button>
      </form>
      <div
        ref={scrollRef}
        onScroll={checkEdges}
        tabIndex={0}
        className="h-[65vh] min-h-80 overflow-auto rounded-lg border border-line bg-surface-2 p-2"
        data-testid="message-scroller"
      >
        <div className="px-1 pb-1 text-[11px] text-fg-subtle">
          {win.atStart ? "First message" : loading ? "Loading earlier messages…" : "Scroll up for earlier messages"}
        </div>
        <ol
          aria-label="Messages, oldest first"
          data-testid="message-list"
          style={{ height: virtualizer.getTotalSize(), position: "relative" }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const m = win.items[item.index];
            if (!m) return null;
            const parentIndex = m.replyTo ? indexByExternal.get(m.replyTo) : undefined;
            return (
              <li
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="pb-2"
                style={virtualRowStyle(item)}
                data-testid="message"
                data-message-id={m.externalId}
              >
                <MessageCard
                  message={m}
                  parent={parentIndex === undefined ? undefined : win.items[parentIndex]}
                  highlighted={highlight === m.id}
                  onParent={() =>
                    parentIndex !== undefined && showMessage(parentIndex, win.items[parentIndex]?.id ?? "")
                  }
                />
              </li>
            );
          })}
        </ol>
        {!win.atEnd && (
          <div className="px-1 text-[11px] text-fg-subtle">
            {loading ? "Loading later messages…" : "Scroll down for later messages"}
          </div>
        )}
        {win.atEnd && <div className="px-1 text-[11px] text-fg-subtle">Last message</div>}
      </div>
      <p className="text-xs text-fg-subtle" aria-live="polite">
        {firstShown && lastShown
          ? `${win.items.length.toLocaleString("en-US")} messages loaded, ${formatUtcDateTime(firstShown.timestamp)} to ${formatUtcDateTime(lastShown.timestamp)}`
          : ""}
        {error && <span className="text-danger"> · Loading failed; try again.</span>}
      </p>
    </div>
  );
}

function MessageCard({
  message: m,
  parent,
  highlighted,
  onParent,
}: {
  message: SessionMessage;
  parent: SessionMessage | undefined;
  highlighted: boolean;
  onParent: () => void;
}) {
  return (
    <div
      className={`rounded-lg border border-line bg-surface px-3 py-2 ${m.replyTo ? "ml-6" : ""} ${highlighted ? "ring-2 ring-accent" : ""}`}
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
          {parent ? (
            <button type="button" onClick={onParent} className="text-left text-accent hover:underline">
              {`${parent.fromAgent}: ${parent.content.slice(0, 60)}${parent.content.length > 60 ? "…" : ""}`}
            </button>
          ) : (
            <span className="font-mono">{m.replyTo}</span>
          )}
        </p>
      )}
      <p className="mt-1 text-sm break-words whitespace-pre-wrap text-fg" data-testid="message-content">
        {m.content}
        {m.clipped && <span className="text-fg-subtle"> … (shortened)</span>}
      </p>
    </div>
  );
}
