// Source records: rows the importer kept as they are because no mapping knows them (an
// unknown table or columns), and rows deleted in the source. Grouped by table, each row's
// data as an inert JSON tree.
import { JsonTree } from "@/components/ui/json-tree";
import type { SourceRecordPage } from "@/lib/sessions/source-records";

function utc(d: Date): string {
  return `${d.toISOString().replace("T", " ").slice(0, 19)} UTC`;
}

export function SourceRecordList({ page, empty }: { page: SourceRecordPage; empty: string }) {
  if (page.total === 0) return <p className="py-8 text-center text-sm text-fg-muted">{empty}</p>;
  return (
    <div className="space-y-3" data-testid="source-records">
      <p className="text-xs text-fg-muted">
        Kept as the source wrote them, not mapped: {page.tables.map((t) => `${t.table} (${t.count})`).join(", ")}.
        {page.total > page.records.length && ` Showing the first ${page.records.length} of ${page.total}.`}
      </p>
      <ul className="space-y-2">
        {page.records.map((r) => (
          <li
            key={r.id}
            className="rounded-md border border-line bg-surface p-2.5 text-sm"
            data-testid="source-record"
            data-table={r.table}
          >
            <div className="flex flex-wrap items-center gap-2 text-xs">
              <span className="rounded bg-accent-soft px-1.5 py-0.5 font-mono font-semibold text-fg">{r.table}</span>
              <span className="font-mono text-fg-subtle">{r.rowKey}</span>
              <span className="rounded border border-line px-1.5 text-fg-muted">{r.reason}</span>
              {r.deletedAt && (
                <span className="rounded border border-danger/40 px-1.5 text-danger">
                  deleted in the source {utc(r.deletedAt)}
                </span>
              )}
              {r.recordedAt && (
                <time className="text-fg-subtle" dateTime={r.recordedAt.toISOString()}>
                  {utc(r.recordedAt)}
                </time>
              )}
            </div>
            <div className="mt-1">
              {r.dataOmitted ? (
                <p className="text-xs text-fg-subtle">Data too large to show here.</p>
              ) : (
                <JsonTree value={r.data} openDepth={0} label={r.source} />
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
