import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCount } from "@/components/ui/format-count";
import { formatDuration, formatUsd } from "@/components/ui/format-usage";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { compareSessions, type ComparedSession } from "@/lib/sessions/compare-sessions";
import { COMPARE_MAX, COMPARE_MIN, type AgentTypeCell } from "@/lib/sessions/compare-table";
import type { SearchParams } from "@/lib/sessions/session-list-url";
import { sessionHref } from "@/lib/sessions/session-href";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Compare sessions" };

const th = "px-3 py-2 text-left text-xs font-medium text-fg-muted";
const td = "px-3 py-1.5 text-right tabular-nums";

/** The lowest of the known values, when they differ (so it can be marked). */
function lowestOf(values: (number | null)[]): number | undefined {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2 || new Set(known).size < 2) return undefined;
  return Math.min(...known);
}

const summaryRows: { label: string; value: (s: ComparedSession) => number | null; format: (n: number) => string }[] = [
  { label: "Duration", value: (s) => s.durationMs, format: formatDuration },
  { label: "Tokens", value: (s) => s.totalTokens, format: formatCount },
  { label: "Cost", value: (s) => s.costUsd, format: formatUsd },
  { label: "Iterations", value: (s) => s.iteration, format: formatCount },
  { label: "Runs", value: (s) => s.runs, format: formatCount },
  { label: "Failed runs", value: (s) => s.failedRuns, format: formatCount },
  { label: "Errors", value: (s) => s.errorCount, format: formatCount },
];

function Cell({ cell }: { cell: AgentTypeCell | null }) {
  if (!cell) return <td className={`${td} text-fg-subtle`}>—</td>;
  return (
    <td className={td}>
      <div className="text-fg">
        {cell.runs} run{cell.runs === 1 ? "" : "s"}
        {cell.failed > 0 && <span className="text-danger"> · {cell.failed} failed</span>}
      </div>
      <div className="text-[11px] text-fg-subtle">
        {formatDuration(cell.durationMs)} · {formatCount(cell.tokens)} tok · {formatUsd(cell.costUsd)}
      </div>
    </td>
  );
}

export default async function ComparePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const refs = [(await searchParams).s ?? []].flat().filter(Boolean);
  const comparison = refs.length > 0 ? await compareSessions(refs) : { sessions: [], agentTypes: [], missing: [] };
  const { sessions } = comparison;
  return (
    <>
      <PageHeader
        title="Compare sessions"
        description={`Side by side: ${COMPARE_MIN} to ${COMPARE_MAX} sessions chosen in the session list.`}
      />
      {comparison.missing.length > 0 && (
        <p role="status" className="mb-4 rounded-lg border border-warn-line bg-warn-soft px-4 py-2 text-sm text-warn">
          Not found: {comparison.missing.join(", ")}
        </p>
      )}
      {refs.length > COMPARE_MAX && (
        <p className="mb-4 text-sm text-fg-muted">Only the first {COMPARE_MAX} sessions are compared.</p>
      )}
      {sessions.length < COMPARE_MIN ? (
        <Card>
          <EmptyState
            title={`Pick at least ${COMPARE_MIN} sessions.`}
            action={
              <Link className="font-medium text-accent hover:underline" href="/sessions">
                Open the session list
              </Link>
            }
          >
            <p>Tick the sessions to compare in the list, then choose Compare.</p>
          </EmptyState>
        </Card>
      ) : (
        <div className="space-y-4">
          <Card title="Summary">
            <div className="overflow-x-auto">
              <table className="w-full text-sm" data-testid="compare-summary">
                <caption className="sr-only">Compared sessions</caption>
                <thead className="border-b border-line bg-surface-2">
                  <tr>
                    <th scope="col" className={th}>
                      <span className="sr-only">Figure</span>
                    </th>
                    {sessions.map((s) => (
                      <th key={s.id} scope="col" className={`${th} text-right align-bottom`}>
                        <Link href={sessionHref(s.externalId)} className="block font-mono text-fg hover:underline">
                          {s.externalId}
                        </Link>
                        <span className="block truncate font-normal" title={s.label}>
                          {s.label}
                        </span>
                        <span className="mt-1 inline-block">
                          <StatusBadge status={s.status} />
                        </span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {summaryRows.map((row) => {
                    const values = sessions.map(row.value);
                    const lowest = lowestOf(values);
                    return (
                      <tr key={row.label} className="border-b border-line last:border-b-0">
                        <th scope="row" className="px-3 py-1.5 text-left text-xs font-medium text-fg-muted">
                          {row.label}
                        </th>
                        {values.map((v, i) => (
                          <td
                            key={sessions[i]!.id}
                            className={`${td} ${v === lowest ? "font-semibold text-ok" : "text-fg"}`}
                          >
                            {v === null ? "—" : row.format(v)}
                            {v === lowest && <span className="sr-only"> (lowest)</span>}
                          </td>
                        ))}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </Card>
          <Card title="Per agent type" description="Runs, failures, run time, tokens and cost of each agent type">
            <div className="overflow-x-auto">
              <table className="w-full text-sm" data-testid="compare-agents">
                <caption className="sr-only">Figures per agent type</caption>
                <thead className="border-b border-line bg-surface-2">
                  <tr>
                    <th scope="col" className={th}>
                      Agent type
                    </th>
                    {sessions.map((s) => (
                      <th key={s.id} scope="col" className={`${th} text-right font-mono`}>
                        {s.externalId}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {comparison.agentTypes.map((row) => (
                    <tr key={row.agentType} className="border-b border-line last:border-b-0">
                      <th scope="row" className="px-3 py-1.5 text-left text-xs font-medium text-fg">
                        {row.agentType}
                      </th>
                      {row.cells.map((cell, i) => (
                        <Cell key={sessions[i]?.id ?? i} cell={cell} />
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        </div>
      )}
    </>
  );
}
