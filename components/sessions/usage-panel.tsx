// The Usage tab: tokens and cost of this session by agent type and by model, each as a
// chart plus a table with the exact figures.
import { UsageChart } from "@/components/charts/lazy-charts";
import { formatCount } from "@/components/ui/format-count";
import { formatPercent, formatUsd } from "@/components/ui/format-usage";
import type { SessionUsage } from "@/lib/sessions/session-usage";
import { usageChartData, usageRows, usageTotals, type UsageGroup } from "@/lib/sessions/usage-breakdown";

function UsageSection({ title, keyLabel, groups }: { title: string; keyLabel: string; groups: UsageGroup[] }) {
  const rows = usageRows(groups);
  const totals = usageTotals(groups);
  const th = "py-1.5 pr-3 font-medium";
  return (
    <section className="rounded-lg border border-line bg-surface" aria-label={title}>
      <h3 className="border-b border-line px-4 py-2.5 text-sm font-semibold text-fg">{title}</h3>
      <div className="px-2 py-3">
        <UsageChart data={usageChartData(rows)} title={title} />
      </div>
      <div className="overflow-x-auto px-4 pb-3">
        <table className="w-full text-xs">
          <caption className="sr-only">{title}</caption>
          <thead className="text-left text-fg-muted">
            <tr>
              <th scope="col" className={th}>
                {keyLabel}
              </th>
              <th scope="col" className={`${th} text-right`}>
                Calls
              </th>
              <th scope="col" className={`${th} text-right`}>
                Input
              </th>
              <th scope="col" className={`${th} text-right`}>
                Output
              </th>
              <th scope="col" className={`${th} text-right`}>
                Cache reads
              </th>
              <th scope="col" className={`${th} text-right`}>
                Total
              </th>
              <th scope="col" className={`${th} text-right`}>
                Share
              </th>
              <th scope="col" className={`${th} text-right`}>
                Cost
              </th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {rows.map((r) => (
              <tr key={r.label} className="border-t border-line">
                <th scope="row" className="py-1 pr-3 text-left font-medium text-fg">
                  {r.label}
                </th>
                <td className="py-1 pr-3 text-right">{formatCount(r.calls)}</td>
                <td className="py-1 pr-3 text-right">{formatCount(r.inputTokens)}</td>
                <td className="py-1 pr-3 text-right">{formatCount(r.outputTokens)}</td>
                <td className="py-1 pr-3 text-right">{formatCount(r.cacheReadTokens)}</td>
                <td className="py-1 pr-3 text-right">{formatCount(r.totalTokens)}</td>
                <td className="py-1 pr-3 text-right">{formatPercent(r.tokenShare)}</td>
                <td className="py-1 pr-3 text-right">
                  {formatUsd(r.costUsd)}
                  {r.unknownCostCalls > 0 && <span className="text-fg-subtle"> + {r.unknownCostCalls} unpriced</span>}
                </td>
              </tr>
            ))}
            <tr className="border-t border-line-strong font-semibold text-fg">
              <th scope="row" className="py-1 pr-3 text-left">
                Total
              </th>
              <td className="py-1 pr-3 text-right">{formatCount(totals.calls)}</td>
              <td className="py-1 pr-3 text-right">{formatCount(totals.inputTokens)}</td>
              <td className="py-1 pr-3 text-right">{formatCount(totals.outputTokens)}</td>
              <td className="py-1 pr-3 text-right">{formatCount(totals.cacheReadTokens)}</td>
              <td className="py-1 pr-3 text-right">{formatCount(totals.totalTokens)}</td>
              <td className="py-1 pr-3 text-right">100%</td>
              <td className="py-1 pr-3 text-right">{formatUsd(totals.costUsd)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function UsagePanel({ usage }: { usage: SessionUsage }) {
  if (usage.byAgent.length === 0)
    return <p className="py-8 text-center text-sm text-fg-muted">No LLM calls recorded for this session.</p>;
  return (
    <div className="grid gap-4 xl:grid-cols-2" data-testid="usage-panel">
      <UsageSection title="By agent type" keyLabel="Agent type" groups={usage.byAgent} />
      <UsageSection title="By model" keyLabel="Model" groups={usage.byModel} />
    </div>
  );
}
