"use client";

// The Artifacts tab: skill outputs, results and documents. A body loads when opened:
// structured data as a JSON tree, text content as sanitized markdown.
import dynamic from "next/dynamic";
import { useState } from "react";
import { unwrap } from "@/lib/actions/action-result";
import { fetchArtifactBody, fetchArtifacts } from "@/lib/sessions/detail-actions";
import { JsonTree } from "@/components/ui/json-tree";
import type { ArtifactBody, SessionArtifact } from "@/lib/sessions/session-records";
import { LoadMore } from "./load-more";
import { usePagedList } from "./use-paged-list";

// The markdown renderer (react-markdown, micromark, GFM: ~46 KB gzipped) loads with the first
// opened text body, not with the session page.
const SafeMarkdown = dynamic(() => import("@/components/ui/safe-markdown").then((m) => m.SafeMarkdown), {
  loading: () => <p className="text-sm text-fg-muted">Rendering…</p>,
});

type Props = { sessionId: string; first: { items: SessionArtifact[]; nextCursor: string | null } };

function statusClass(status: string): string {
  const s = status.toLowerCase();
  if (["passed", "success", "ok", "completed"].includes(s)) return "border-ok/40 text-ok";
  if (["failed", "error"].includes(s)) return "border-danger/40 text-danger";
  if (["warning", "warn"].includes(s)) return "border-warn-line text-warn";
  return "border-line text-fg-muted";
}

export function ArtifactList({ sessionId, first }: Props) {
  const list = usePagedList(first, (cursor) => fetchArtifacts({ sessionId, cursor }).then(unwrap));
  if (list.items.length === 0)
    return <p className="py-8 text-center text-sm text-fg-muted">No artifacts recorded for this session.</p>;
  return (
    <div>
      <ul className="space-y-2" data-testid="artifact-list">
        {list.items.map((a) => (
          <ArtifactItem key={a.id} sessionId={sessionId} artifact={a} />
        ))}
      </ul>
      <LoadMore {...list} onClick={list.loadMore} what="artifacts" />
    </div>
  );
}

function ArtifactItem({ sessionId, artifact }: { sessionId: string; artifact: SessionArtifact }) {
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState<ArtifactBody | null | undefined>(undefined);
  const toggle = () => {
    setOpen(!open);
    if (body === undefined)
      fetchArtifactBody({ sessionId, artifactId: artifact.id })
        .then(unwrap)
        .then(setBody, () => setBody(null));
  };
  const scores =
    artifact.scores && typeof artifact.scores === "object"
      ? Object.entries(artifact.scores as Record<string, unknown>)
      : [];
  return (
    <li className="rounded-lg border border-line bg-surface" data-testid="artifact">
      <button
        type="button"
        aria-expanded={open}
        onClick={toggle}
        className="flex w-full flex-wrap items-center gap-2 px-3 py-2 text-left text-sm hover:bg-surface-hover"
      >
        <span aria-hidden="true" className="text-fg-subtle">
          {open ? "▾" : "▸"}
        </span>
        <span className="font-medium break-all text-fg">{artifact.name}</span>
        <span className="rounded border border-line px-1.5 text-[11px] text-fg-muted">{artifact.type}</span>
        {artifact.status && (
          <span className={`rounded border px-1.5 text-[11px] font-medium ${statusClass(artifact.status)}`}>
            {artifact.status}
          </span>
        )}
        {artifact.score !== null && <span className="text-xs text-fg-muted">score {artifact.score}</span>}
        {artifact.version !== null && <span className="text-xs text-fg-subtle">v{artifact.version}</span>}
        <span className="ml-auto text-xs text-fg-subtle">
          {artifact.runExternalId ? `run ${artifact.runExternalId} · ` : ""}
          {artifact.timestamp.toISOString().replace("T", " ").slice(0, 19)}
        </span>
      </button>
      {open && (
        <div className="space-y-3 border-t border-line px-3 py-3">
          {artifact.path && <p className="font-mono text-xs break-all text-fg-muted">{artifact.path}</p>}
          {scores.length > 0 && (
            <p className="text-xs text-fg-muted">{scores.map(([k, v]) => `${k} ${String(v)}`).join(" · ")}</p>
          )}
          {body === undefined && <p className="text-sm text-fg-muted">Loading…</p>}
          {body === null && <p className="text-sm text-fg-muted">This artifact has no stored content.</p>}
          {body?.content && (
            <div className="max-h-[32rem] overflow-auto rounded bg-surface-2 p-3">
              <SafeMarkdown>{body.content}</SafeMarkdown>
              {body.clipped && <p className="mt-2 text-xs text-fg-subtle">Shortened for display.</p>}
            </div>
          )}
          {body && body.data !== null && (
            <div className="max-h-[32rem] overflow-auto rounded bg-surface-2 p-2">
              <JsonTree value={body.data} openDepth={2} />
            </div>
          )}
          {body && body.content === null && body.data === null && (
            <p className="text-sm text-fg-muted">This artifact has no stored content.</p>
          )}
        </div>
      )}
    </li>
  );
}
