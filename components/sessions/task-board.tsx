"use client";

// The Tasks tab: task groups or issues in columns by status. Revisions of two or more
// stand out (icon + text); dependencies link to their task when it is on the board.
// Every task of the session is on the board; each column is its own virtualized list (only
// the cards in view are in the DOM), so a column of thousands scrolls as lightly as one of
// ten. A link to a task scrolls its column to it and focuses it.
import { useVirtualizer } from "@tanstack/react-virtual";
import { virtualRowStyle } from "@/components/ui/virtual-row";
import { useEffect, useMemo, useRef, useState } from "react";
import { AlertTriangleIcon } from "@/components/icons";
import { SourceStatusWord, StatusBadge, statusLabel } from "@/components/ui/status-badge";
import { isUnmappedStatus, STATUSES, type Status } from "@/lib/ingest/status";
import type { SessionTask } from "@/lib/sessions/session-records";

const CARD_ESTIMATE = 120;

type Place = { status: Status; index: number; domId: string };
type Scroller = (index: number, domId: string) => void;

function ReviewBadge({ status }: { status: string }) {
  const upper = status.toUpperCase();
  const className = upper.includes("APPROV")
    ? "border-ok/40 text-ok"
    : upper.includes("CHANGE") || upper.includes("REJECT")
      ? "border-warn-line text-warn"
      : "border-line text-fg-muted";
  return <span className={`rounded border px-1.5 text-[11px] font-medium ${className}`}>review: {status}</span>;
}

export function TaskBoard({ tasks, total }: { tasks: SessionTask[]; total: number }) {
  const columns = useMemo(
    () =>
      STATUSES.map((status) => ({ status, tasks: tasks.filter((t) => t.status === status) })).filter(
        (c) => c.tasks.length > 0,
      ),
    [tasks],
  );
  const places = useMemo(() => {
    const map = new Map<string, Place>();
    let n = 0;
    for (const column of columns)
      column.tasks.forEach((t, index) => map.set(t.externalId, { status: column.status, index, domId: `task-${n++}` }));
    return map;
  }, [columns]);
  const scrollers = useRef(new Map<Status, Scroller>());
  const open = (externalId: string) => {
    const place = places.get(externalId);
    if (place) scrollers.current.get(place.status)?.(place.index, place.domId);
  };
  if (tasks.length === 0)
    return <p className="py-8 text-center text-sm text-fg-muted">No tasks recorded for this session.</p>;
  return (
    <div className="space-y-2">
      {total > tasks.length && (
        <p className="text-xs text-fg-muted">
          Showing the first {tasks.length} of {total} tasks.
        </p>
      )}
      <div
        className="grid auto-cols-[minmax(16rem,22rem)] grid-flow-col gap-3 overflow-x-auto pb-2"
        data-testid="task-board"
      >
        {columns.map((column) => (
          <TaskColumn
            key={column.status}
            status={column.status}
            tasks={column.tasks}
            places={places}
            onOpen={open}
            register={(scroll) => {
              if (scroll) scrollers.current.set(column.status, scroll);
              else scrollers.current.delete(column.status);
            }}
          />
        ))}
      </div>
    </div>
  );
}

function TaskColumn({
  status,
  tasks,
  places,
  onOpen,
  register,
}: {
  status: Status;
  tasks: SessionTask[];
  places: ReadonlyMap<string, Place>;
  onOpen: (externalId: string) => void;
  register: (scroll: Scroller | null) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [target, setTarget] = useState<string | null>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render only
  const virtualizer = useVirtualizer({
    count: tasks.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CARD_ESTIMATE,
    overscan: 4,
    getItemKey: (index) => tasks[index]?.id ?? index,
  });

  useEffect(() => {
    register((index, domId) => {
      virtualizer.scrollToIndex(index, { align: "center" });
      setTarget(domId);
    });
    return () => register(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- registered once per column
  }, [virtualizer]);

  // the linked card is in the DOM once the column has scrolled to it
  useEffect(() => {
    if (!target) return;
    const frame = requestAnimationFrame(() => document.getElementById(target)?.focus());
    return () => cancelAnimationFrame(frame);
  }, [target, tasks]);

  const anchor = (externalId: string) => places.get(externalId);
  return (
    <section
      aria-label={`${status} tasks`}
      className="flex min-h-0 flex-col rounded-lg border border-line bg-surface-2 p-2"
    >
      <h3 className="mb-2 flex items-center justify-between px-1">
        <StatusBadge status={status} />
        <span className="text-xs text-fg-muted tabular-nums">{tasks.length}</span>
      </h3>
      <div ref={scrollRef} className="max-h-[70vh] overflow-auto" data-testid="task-column">
        <ul style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => {
            const task = tasks[item.index];
            if (!task) return null;
            return (
              <li
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="pb-2"
                style={virtualRowStyle(item)}
              >
                <TaskCard
                  task={task}
                  domId={anchor(task.externalId)?.domId}
                  isTarget={target === anchor(task.externalId)?.domId}
                  anchor={anchor}
                  onOpen={onOpen}
                />
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}

function TaskCard({
  task,
  domId,
  isTarget,
  anchor,
  onOpen,
}: {
  task: SessionTask;
  domId: string | undefined;
  isTarget: boolean;
  anchor: (externalId: string) => Place | undefined;
  onOpen: (externalId: string) => void;
}) {
  const link = (externalId: string) => {
    const place = anchor(externalId);
    if (!place) return undefined;
    return (
      <a
        href={`#${place.domId}`}
        onClick={(e) => {
          e.preventDefault();
          onOpen(externalId);
        }}
        className="font-mono text-accent hover:underline"
      >
        {externalId}
      </a>
    );
  };
  return (
    <div
      id={domId}
      tabIndex={-1}
      className={`rounded-md border border-line bg-surface p-2.5 text-sm focus:ring-2 focus:ring-accent ${isTarget ? "ring-2 ring-accent" : ""}`}
      data-testid="task-card"
    >
      <div className="font-medium break-words text-fg" data-testid="task-name">
        {task.name}
      </div>
      <div className="mt-0.5 font-mono text-[11px] text-fg-subtle">
        {task.externalId}
        {task.kind ? ` · ${task.kind}` : ""}
        {task.priority !== null ? ` · P${task.priority}` : ""}
      </div>
      {task.description && <p className="mt-1 line-clamp-3 text-xs break-words text-fg-muted">{task.description}</p>}
      <div className="mt-2 flex flex-wrap items-center gap-1.5 text-xs">
        {task.sourceStatus && isUnmappedStatus(task.status, task.sourceStatus) && (
          <SourceStatusWord word={task.sourceStatus} countedAs={statusLabel(task.status)} />
        )}
        <span className="text-fg-muted">{task.assignee ? `@${task.assignee}` : "unassigned"}</span>
        <span
          className={`rounded border px-1.5 text-[11px] font-medium ${task.revisionCount >= 2 ? "inline-flex items-center gap-1 border-warn-line bg-warn-soft text-warn" : "border-line text-fg-muted"}`}
          data-revisions={task.revisionCount}
        >
          {task.revisionCount >= 2 && <AlertTriangleIcon className="size-3" />}
          {task.revisionCount} revision{task.revisionCount === 1 ? "" : "s"}
        </span>
        {task.reviewStatus && <ReviewBadge status={task.reviewStatus} />}
      </div>
      {task.dependencies.length > 0 && (
        <div className="mt-2 text-xs">
          <span className="text-fg-subtle">Depends on </span>
          {task.dependencies.map((d, i) => {
            return (
              <span key={`${d.dependsOn}-${d.type}`}>
                {i > 0 && ", "}
                {link(d.dependsOn) ?? (
                  <span className="font-mono" title="not in this session">
                    {d.dependsOn}
                  </span>
                )}
                {d.type !== "blocks" && <span className="text-fg-subtle"> ({d.type})</span>}
              </span>
            );
          })}
        </div>
      )}
      {task.parentExternalId && (
        <div className="mt-1 text-xs text-fg-subtle">
          Part of {link(task.parentExternalId) ?? <span className="font-mono">{task.parentExternalId}</span>}
        </div>
      )}
    </div>
  );
}
