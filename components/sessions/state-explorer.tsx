"use client";

// The State tab: snapshots and checkpoints in time order (checkpoints link to their
// parent), and a JSON diff between any two. Bodies load only for the pair being compared.
import { useEffect, useMemo, useState } from "react";
import { unwrap } from "@/lib/actions/action-result";
import { fetchStateData, fetchStates } from "@/lib/sessions/detail-actions";
import { JsonTree } from "@/components/ui/json-tree";
import { diffJson, type JsonDiffEntry } from "@/lib/sessions/json-diff";
import type { SessionState, StateData } from "@/lib/sessions/session-records";
import { LoadMore } from "./load-more";
import { usePagedList } from "./use-paged-list";

type Props = { sessionId: string; first: { items: SessionState[]; nextCursor: string | null } };

function short(value: unknown): string {
  const text = value === undefined ? "" : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

const kindStyle: Record<JsonDiffEntry["kind"], { label: string; className: string; sign: string }> = {
  added: { label: "added", className: "text-ok", sign: "+" },
  removed: { label: "removed", className: "text-danger", sign: "−" },
  changed: { label: "changed", className: "text-warn", sign: "~" },
};

export function StateExplorer({ sessionId, first }: Props) {
  const list = usePagedList(first, (cursor) => fetchStates({ sessionId, cursor }).then(unwrap));
  const items = list.items;
  const [pick, setPick] = useState<{ a: number | null; b: number | null }>({ a: null, b: null });
  // by default: the newest snapshot against the one before it of the same kind
  const b = pick.b ?? items[items.length - 1]?.id ?? null;
  const bKind = items.find((s) => s.id === b)?.kind;
  const a =
    pick.a ??
    [...items].reverse().find((s) => s.id !== b && s.kind === bKind)?.id ??
    items[items.length - 2]?.id ??
    null;
  const [bodies, setBodies] = useState<Map<number, StateData>>(new Map());
  const [loadError, setLoadError] = useState(false);

  useEffect(() => {
    const missing = [a, b].filter((id): id is number => id !== null && !bodies.has(id));
    if (missing.length === 0) return;
    let cancelled = false;
    fetchStateData({ sessionId, ids: missing })
      .then(unwrap)
      .then(
        (rows) => {
          if (cancelled) return;
          setBodies((current) => new Map([...current, ...rows.map((r) => [r.id, r] as const)]));
        },
        () => !cancelled && setLoadError(true),
      );
    return () => {
      cancelled = true;
    };
  }, [a, b, bodies, sessionId]);

  const byCheckpoint = new Map(items.flatMap((s, i) => (s.checkpointId ? [[s.checkpointId, i] as const] : [])));
  const bodyA = a !== null ? bodies.get(a) : undefined;
  const bodyB = b !== null ? bodies.get(b) : undefined;
  const diff = useMemo(
    () => (bodyA && bodyB && !bodyA.tooLarge && !bodyB.tooLarge ? diffJson(bodyA.data, bodyB.data) : null),
    [bodyA, bodyB],
  );

  if (items.length === 0)
    return <p className="py-8 text-center text-sm text-fg-muted">No state snapshots recorded for this session.</p>;

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <div>
        <table className="w-full text-xs" data-testid="state-list">
          <caption className="mb-1 text-left text-xs text-fg-muted">
            Pick two snapshots: A (before) and B (after).
          </caption>
          <thead className="text-left text-fg-muted">
            <tr>
              <th scope="col" className="w-8 py-1 font-medium">
                A
              </th>
              <th scope="col" className="w-8 py-1 font-medium">
                B
              </th>
              <th scope="col" className="py-1 font-medium">
                Time
              </th>
              <th scope="col" className="py-1 font-medium">
                Kind
              </th>
              <th scope="col" className="py-1 font-medium">
                Checkpoint
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((s, i) => {
              const parentIndex = s.parentCheckpointId ? byCheckpoint.get(s.parentCheckpointId) : undefined;
              return (
                <tr
                  key={s.id}
                  id={`state-${i}`}
                  className={`border-t border-line target:bg-accent-soft ${s.id === a || s.id === b ? "bg-accent-soft" : ""}`}
                >
                  <td className="py-1">
                    <input
                      type="radio"
                      name="state-a"
                      aria-label={`Use snapshot ${i + 1} as A`}
                      checked={s.id === a}
                      onChange={() => setPick({ a: s.id, b })}
                      className="accent-accent"
                    />
                  </td>
                  <td className="py-1">
                    <input
                      type="radio"
                      name="state-b"
                      aria-label={`Use snapshot ${i + 1} as B`}
                      checked={s.id === b}
                      onChange={() => setPick({ a, b: s.id })}
                      className="accent-accent"
                    />
                  </td>
                  <td className="py-1 tabular-nums" title={s.timestamp.toISOString()}>
                    {s.timestamp.toISOString().slice(5, 19).replace("T", " ")}
                  </td>
                  <td className="py-1">{s.kind}</td>
                  <td className="py-1 font-mono">
                    {s.checkpointId ?? "—"}
                    {s.parentCheckpointId && (
                      <span className="block text-fg-subtle">
                        parent{" "}
                        {parentIndex !== undefined ? (
                          <a href={`#state-${parentIndex}`} className="text-accent hover:underline">
                            {s.parentCheckpointId}
                          </a>
                        ) : (
                          s.parentCheckpointId
                        )}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <LoadMore {...list} onClick={list.loadMore} what="snapshots" />
      </div>
      <div className="min-w-0 space-y-3" data-testid="state-diff">
        <h3 className="text-sm font-semibold text-fg">Changes from A to B</h3>
        {loadError && <p className="text-sm text-danger">The snapshots could not be loaded.</p>}
        {(bodyA?.tooLarge || bodyB?.tooLarge) && (
          <p className="text-sm text-fg-muted">One of these snapshots is too large to compare here.</p>
        )}
        {a === b && a !== null && <p className="text-sm text-fg-muted">A and B are the same snapshot.</p>}
        {!diff && !loadError && a !== b && <p className="text-sm text-fg-muted">Loading…</p>}
        {diff && diff.entries.length === 0 && a !== b && <p className="text-sm text-fg-muted">No differences.</p>}
        {diff && diff.entries.length > 0 && (
          <table className="w-full table-fixed font-mono text-xs">
            <caption className="sr-only">Differences between snapshot A and snapshot B</caption>
            <thead className="text-left font-sans text-fg-muted">
              <tr>
                <th scope="col" className="w-24 py-1 font-medium">
                  Change
                </th>
                <th scope="col" className="w-1/4 py-1 font-medium">
                  Path
                </th>
                <th scope="col" className="py-1 font-medium">
                  A
                </th>
                <th scope="col" className="py-1 font-medium">
                  B
                </th>
              </tr>
            </thead>
            <tbody>
              {diff.entries.map((e) => (
                <tr key={`${e.kind}:${e.path}`} className="border-t border-line align-top">
                  <td className={`py-1 font-sans font-medium ${kindStyle[e.kind].className}`}>
                    <span aria-hidden="true">{kindStyle[e.kind].sign} </span>
                    {kindStyle[e.kind].label}
                  </td>
                  <td className="py-1 break-all">{e.path}</td>
                  <td className="py-1 break-all text-danger">{short(e.before)}</td>
                  <td className="py-1 break-all text-ok">{short(e.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {diff?.truncated && <p className="text-xs text-fg-subtle">Only the first 1,000 differences are listed.</p>}
        {bodyB && !bodyB.tooLarge && (
          <details>
            <summary className="cursor-pointer text-xs text-fg-muted">Snapshot B in full</summary>
            <div className="mt-1 max-h-96 overflow-auto rounded bg-surface-2 p-2">
              <JsonTree value={bodyB.data} openDepth={1} />
            </div>
          </details>
        )}
      </div>
    </div>
  );
}
