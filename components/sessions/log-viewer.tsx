"use client";

// The Logs tab. Lines are virtualized (only the visible ones are in the DOM), shown oldest
// first with the newest at the bottom. Scrolling to the top loads the page before; the
// live tail appends lines as they are stored and follows them while the view is at the
// bottom. Pause stops the tail; resuming catches up. Messages are agent text: plain text.
import { useVirtualizer } from "@tanstack/react-virtual";
import { virtualRowStyle } from "@/components/ui/virtual-row";
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useTransition, type ReactNode } from "react";
import { unwrap } from "@/lib/actions/action-result";
import { fetchLogLine, fetchLogPage, fetchNewLogLines } from "@/lib/sessions/detail-actions";
import { JsonTree } from "@/components/ui/json-tree";
import { LevelBadge } from "@/components/ui/level-badge";
import { useLiveChanges } from "@/components/ui/live-provider";
import { concernsKinds, concernsSession } from "@/lib/live/live-change";
import type { LogFacets, LogFilters, LogLine, LogPage } from "@/lib/sessions/session-logs";

type Props = {
  sessionId: string;
  session: { projectId: string; externalId: string };
  initial: LogPage;
  facets: LogFacets;
};

const ROW_HEIGHT = 26;
const MAX_TAIL_ROUNDS = 10;

const control = "border-line bg-surface text-fg h-8 rounded-md border px-2 text-sm";

function byTime(a: LogLine, b: LogLine): number {
  return a.timestamp.getTime() - b.timestamp.getTime() || a.id - b.id;
}

function FilterSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string | undefined;
  options: string[];
  onChange: (v: string | undefined) => void;
}) {
  return (
    <label className="flex flex-col gap-1">
      <span className="text-xs font-medium text-fg-muted">{label}</span>
      <select className={control} value={value ?? ""} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

export function LogViewer({ sessionId, session, initial, facets }: Props) {
  const [filters, setFilters] = useState<LogFilters>({});
  const [search, setSearch] = useState("");
  const [lines, setLines] = useState<LogLine[]>(initial.lines);
  const [olderCursor, setOlderCursor] = useState<string | null>(initial.olderCursor);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [paused, setPaused] = useState(false);
  const [following, setFollowing] = useState(true);
  const [unseen, setUnseen] = useState(0);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const [, startTransition] = useTransition();
  const scrollRef = useRef<HTMLDivElement>(null);
  const state = useRef({
    maxId: initial.tailAfter,
    tailing: false,
    tailAgain: false,
    generation: 0,
    filters: {} as LogFilters,
  });
  const prependSize = useRef<number | null>(null);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render only
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
    getItemKey: (index) => lines[index]?.id ?? index,
  });

  const scrollToEnd = useCallback(() => {
    if (lines.length > 0) virtualizer.scrollToIndex(lines.length - 1, { align: "end" });
  }, [lines.length, virtualizer]);

  // first screen: the newest lines at the bottom
  useLayoutEffect(() => {
    scrollToEnd();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on mount
  }, []);

  // keep the reader's place when older lines are added above
  useLayoutEffect(() => {
    const before = prependSize.current;
    const el = scrollRef.current;
    if (before === null || !el) return;
    prependSize.current = null;
    el.scrollTop += virtualizer.getTotalSize() - before;
  }, [lines, virtualizer]);

  // follow the tail while at the bottom
  useEffect(() => {
    if (following && !paused) scrollToEnd();
  }, [lines.length, following, paused, scrollToEnd]);

  const reload = (next: LogFilters) => {
    const generation = ++state.current.generation;
    state.current.filters = next;
    setFilters(next);
    startTransition(async () => {
      const page = unwrap(await fetchLogPage({ sessionId, filters: next, olderThan: null }));
      if (generation !== state.current.generation) return;
      state.current.maxId = page.tailAfter;
      setLines(page.lines);
      setOlderCursor(page.olderCursor);
      setExpanded(new Set());
      setUnseen(0);
      setFollowing(true);
      requestAnimationFrame(() => virtualizer.scrollToIndex(Math.max(0, page.lines.length - 1), { align: "end" }));
    });
  };

  // text search: reload after a pause in typing
  useEffect(() => {
    const q = search.trim() || undefined;
    if (q === state.current.filters.q) return;
    const timer = setTimeout(() => reload({ ...state.current.filters, q }), 350);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload reads the latest state through refs
  }, [search]);

  const loadOlder = async () => {
    if (!olderCursor || loadingOlder) return;
    const generation = state.current.generation;
    setLoadingOlder(true);
    try {
      const page = unwrap(await fetchLogPage({ sessionId, filters: state.current.filters, olderThan: olderCursor }));
      if (generation !== state.current.generation) return;
      prependSize.current = virtualizer.getTotalSize();
      setLines((current) => {
        const known = new Set(current.map((l) => l.id));
        return [...page.lines.filter((l) => !known.has(l.id)), ...current];
      });
      setOlderCursor(page.olderCursor);
    } finally {
      setLoadingOlder(false);
    }
  };

  const tail = async () => {
    const s = state.current;
    if (s.tailing) {
      s.tailAgain = true;
      return;
    }
    s.tailing = true;
    try {
      for (let round = 0; round < MAX_TAIL_ROUNDS; round++) {
        s.tailAgain = false;
        const generation = s.generation;
        const fresh = unwrap(await fetchNewLogLines({ sessionId, filters: s.filters, afterId: s.maxId }));
        if (generation !== s.generation) break;
        s.maxId = Math.max(s.maxId, fresh.tailAfter);
        if (fresh.lines.length > 0) {
          setLines((current) => {
            const known = new Set(current.map((l) => l.id));
            const added = fresh.lines.filter((l) => !known.has(l.id));
            const last = current[current.length - 1];
            const inOrder = !last || added.every((l) => byTime(last, l) <= 0);
            return inOrder ? [...current, ...added] : [...current, ...added].sort(byTime);
          });
          if (!following) setUnseen((n) => n + fresh.lines.length);
        }
        if (!fresh.more && !s.tailAgain) break;
      }
    } finally {
      s.tailing = false;
    }
  };

  useLiveChanges((change) => {
    if (paused || !concernsSession(change, session) || !concernsKinds(change, ["log"])) return;
    void tail();
  });

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT;
    if (atBottom !== following) setFollowing(atBottom);
    if (atBottom) setUnseen(0);
    if (el.scrollTop < ROW_HEIGHT * 10) void loadOlder();
  };

  const toggle = (id: number) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const setFilter = (key: keyof LogFilters, value: string | undefined) =>
    reload({ ...state.current.filters, [key]: value });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Filter logs">
        <label className="flex min-w-56 flex-1 flex-col gap-1">
          <span className="text-xs font-medium text-fg-muted">Search messages</span>
          <input
            type="search"
            className={control}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Text in the message"
          />
        </label>
        <FilterSelect
          label="Agent"
          value={filters.agent}
          options={facets.agents}
          onChange={(v) => setFilter("agent", v)}
        />
        <FilterSelect
          label="Level"
          value={filters.level}
          options={facets.levels}
          onChange={(v) => setFilter("level", v)}
        />
        <FilterSelect label="Kind" value={filters.kind} options={facets.kinds} onChange={(v) => setFilter("kind", v)} />
        <div className="ml-auto flex items-center gap-2">
          <button
            type="button"
            aria-pressed={paused}
            onClick={() => {
              const resume = paused;
              setPaused(!paused);
              if (resume) {
                setFollowing(true);
                void tail();
              }
            }}
            className={`${control} font-medium hover:bg-surface-hover`}
            data-testid="log-tail-toggle"
          >
            {paused ? "▶ Resume live tail" : "❚❚ Pause live tail"}
          </button>
        </div>
      </div>
      <div className="relative">
        <div
          ref={scrollRef}
          onScroll={onScroll}
          tabIndex={0}
          role="log"
          aria-label="Session logs, oldest first"
          aria-live="off"
          className="h-[60vh] min-h-80 overflow-auto rounded-lg border border-line bg-surface font-mono text-xs"
          data-testid="log-viewer"
        >
          {lines.length === 0 ? (
            <p className="p-6 text-center font-sans text-sm text-fg-muted">
              No log lines{Object.values(filters).some(Boolean) ? " match these filters" : ""}.
            </p>
          ) : (
            <>
              <div className="border-b border-line px-3 py-1 font-sans text-[11px] text-fg-subtle">
                {olderCursor
                  ? loadingOlder
                    ? "Loading older lines…"
                    : "Scroll up for older lines"
                  : "Start of the log"}
              </div>
              <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
                {virtualizer.getVirtualItems().map((item) => {
                  const line = lines[item.index];
                  if (!line) return null;
                  return (
                    <div
                      key={item.key}
                      data-index={item.index}
                      ref={virtualizer.measureElement}
                      style={virtualRowStyle(item)}
                    >
                      <LogRow
                        sessionId={sessionId}
                        line={line}
                        open={expanded.has(line.id)}
                        onToggle={() => toggle(line.id)}
                      />
                    </div>
                  );
                })}
              </div>
            </>
          )}
        </div>
        {(unseen > 0 || (!following && !paused)) && lines.length > 0 && (
          <button
            type="button"
            onClick={() => {
              setFollowing(true);
              setUnseen(0);
              scrollToEnd();
            }}
            className="absolute right-4 bottom-3 rounded-full bg-accent px-3 py-1 text-xs font-semibold text-accent-fg shadow"
          >
            {unseen > 0 ? `${unseen} new line${unseen === 1 ? "" : "s"} ↓` : "Jump to newest ↓"}
          </button>
        )}
      </div>
      <p className="text-xs text-fg-subtle" aria-live="polite">
        {lines.length.toLocaleString("en-US")} lines loaded{paused ? " · live tail paused" : " · live tail on"}
      </p>
    </div>
  );
}

function LogRow({
  sessionId,
  line,
  open,
  onToggle,
}: {
  sessionId: string;
  line: LogLine;
  open: boolean;
  onToggle: () => void;
}) {
  const [full, setFull] = useState<{ message: string; details: unknown } | null>(null);
  const expandable = line.clipped || line.detailsOmitted || line.details !== null || line.message.includes("\n");
  useEffect(() => {
    if (!open || full || !(line.clipped || line.detailsOmitted)) return;
    let cancelled = false;
    fetchLogLine({ sessionId, id: line.id })
      .then(unwrap)
      .then(
        (result) => !cancelled && setFull(result),
        () => {},
      );
    return () => {
      cancelled = true;
    };
  }, [open, full, line, sessionId]);
  const message = full?.message ?? line.message;
  const details = full ? full.details : line.details;
  const summary: ReactNode = (
    <>
      <span className="shrink-0 text-fg-subtle tabular-nums" title={line.timestamp.toISOString()}>
        {line.timestamp.toISOString().slice(11, 23)}
      </span>
      <span className="w-[4.5rem] shrink-0">
        <LevelBadge level={line.level} />
      </span>
      <span className="w-24 shrink-0 truncate text-fg-muted" title={line.agentType ?? undefined}>
        {line.agentType ?? "—"}
      </span>
      <span className="w-28 shrink-0 truncate text-fg-subtle" title={line.kind}>
        {line.kind}
      </span>
      <span
        className={`min-w-0 flex-1 text-fg ${open ? "break-words whitespace-pre-wrap" : "truncate"}`}
        data-testid="log-message"
      >
        {open ? message : line.message.split("\n", 1)[0]}
        {!open && line.clipped && "…"}
      </span>
    </>
  );
  return (
    <div
      className={`border-b border-line/60 ${line.level === "error" || line.level === "critical" ? "bg-danger-soft/50" : ""}`}
      data-testid="log-line"
    >
      {expandable ? (
        <button
          type="button"
          aria-expanded={open}
          onClick={onToggle}
          className="flex w-full items-start gap-3 px-3 py-1 text-left hover:bg-surface-hover"
        >
          {summary}
          <span aria-hidden="true" className="shrink-0 text-fg-subtle">
            {open ? "▾" : "▸"}
          </span>
        </button>
      ) : (
        <div className="flex items-start gap-3 px-3 py-1">{summary}</div>
      )}
      {open && (
        <div className="space-y-1 px-3 pb-2 pl-[7.5rem] font-sans">
          {(line.component || line.iteration !== null || line.runExternalId) && (
            <p className="text-[11px] text-fg-subtle">
              {[
                line.component && `component ${line.component}`,
                line.iteration !== null && `iteration ${line.iteration}`,
                line.runExternalId && `run ${line.runExternalId}`,
              ]
                .filter(Boolean)
                .join(" · ")}
            </p>
          )}
          {details !== null && details !== undefined && <JsonTree value={details} openDepth={2} />}
          {line.detailsOmitted && !full && <p className="text-[11px] text-fg-subtle">Loading details…</p>}
        </div>
      )}
    </div>
  );
}
