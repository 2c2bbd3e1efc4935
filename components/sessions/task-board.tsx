// The Tasks tab: task groups or issues in columns by status. Revisions of two or more
// stand out (icon + text); dependencies link to their task when it is on the board.
import { AlertTriangleIcon } from "@/components/icons";
import { SourceStatusWord, StatusBadge, statusLabel } from "@/components/ui/status-badge";
import { isUnmappedStatus, STATUSES } from "@/lib/ingest/status";
import type { SessionTask } from "@/lib/sessions/session-records";

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
  if (tasks.length === 0)
    return <p className="py-8 text-center text-sm text-fg-muted">No tasks recorded for this session.</p>;
  const anchor = new Map(tasks.map((t, i) => [t.externalId, `task-${i}`]));
  const columns = STATUSES.map((status) => ({ status, tasks: tasks.filter((t) => t.status === status) })).filter(
    (c) => c.tasks.length > 0,
  );
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
          <section
            key={column.status}
            aria-label={`${column.status} tasks`}
            className="rounded-lg border border-line bg-surface-2 p-2"
          >
            <h3 className="mb-2 flex items-center justify-between px-1">
              <StatusBadge status={column.status} />
              <span className="text-xs text-fg-muted tabular-nums">{column.tasks.length}</span>
            </h3>
            <ul className="space-y-2">
              {column.tasks.map((task) => (
                <li
                  key={task.id}
                  id={anchor.get(task.externalId)}
                  tabIndex={-1}
                  className="rounded-md border border-line bg-surface p-2.5 text-sm target:ring-2 target:ring-accent"
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
                  {task.description && (
                    <p className="mt-1 line-clamp-3 text-xs break-words text-fg-muted">{task.description}</p>
                  )}
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
                        const target = anchor.get(d.dependsOn);
                        return (
                          <span key={`${d.dependsOn}-${d.type}`}>
                            {i > 0 && ", "}
                            {target ? (
                              <a href={`#${target}`} className="font-mono text-accent hover:underline">
                                {d.dependsOn}
                              </a>
                            ) : (
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
                      Part of{" "}
                      {anchor.get(task.parentExternalId) ? (
                        <a
                          href={`#${anchor.get(task.parentExternalId)}`}
                          className="font-mono text-accent hover:underline"
                        >
                          {task.parentExternalId}
                        </a>
                      ) : (
                        <span className="font-mono">{task.parentExternalId}</span>
                      )}
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}
