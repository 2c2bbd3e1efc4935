// What the last pass that read a source found, per table: a compact summary that sits
// collapsed inside the Sources table's location cell.
import type { StoredSummary } from "@/lib/importers/run-import";

/** What the last pass that read the source found, per table (collapsed). */
export function LastPassSummary({ summary }: { summary: StoredSummary }) {
  const raw = summary.tables.reduce((n, t) => n + t.keptRaw, 0);
  const rejected = summary.tables.reduce((n, t) => n + t.rejected, 0);
  return (
    <details className="mt-1 text-xs" data-testid="source-summary">
      <summary className="cursor-pointer text-fg-muted">
        {summary.version ?? "version not detected"} · {summary.tables.length} tables · {raw} kept raw · {rejected}{" "}
        rejected
      </summary>
      <table className="mt-1 w-full tabular-nums">
        <thead>
          <tr className="text-left text-fg-subtle">
            {["table", "read", "imported", "updated", "kept raw", "deleted", "rejected"].map((h) => (
              <th key={h} className="pr-2 font-normal">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.tables.map((t) => (
            <tr key={t.table}>
              <td className="pr-2 font-mono">{t.table}</td>
              <td className="pr-2">{t.read}</td>
              <td className="pr-2">{t.imported}</td>
              <td className="pr-2">{t.updated}</td>
              <td className="pr-2">{t.keptRaw}</td>
              <td className="pr-2">{t.deleted}</td>
              <td className="pr-2" title={t.firstRejection}>
                {t.rejected}
                {t.firstRejection ? ` (${t.firstRejection})` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-1 text-fg-subtle">local times read in {summary.timeZone}</p>
    </details>
  );
}
