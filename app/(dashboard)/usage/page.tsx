import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatTokens, formatUsd } from "@/components/ui/format-usage";
import { PageHeader } from "@/components/ui/page-header";
import { StackedTimeChart, TokenSplitChart } from "@/components/charts/lazy-charts";
import { WindowPicker } from "@/components/usage/window-picker";
import { UsageIcon } from "@/components/icons";
import { measuredVsEstimated, stackedOverTime, tokenSplit } from "@/lib/usage/chart-data";
import { projectScope, rollupPoints, topSessionsByCost, usageTable } from "@/lib/usage/page-data";
import { bucketKeys, windowPickerDays } from "@/lib/usage/time-window";
import { parseUsageParams, usageQueryString } from "@/lib/usage/usage-page-params";

export const metadata: Metadata = { title: "Usage" };
export const dynamic = "force-dynamic";

const COST_SOURCE_HELP: Record<string, string> = {
  reported: "Reported by the caller",
  computed: "Computed from the model price table at the call's time",
  estimated: "Computed from token counts the source itself estimated",
  unknown: "No price matches this model: cost unknown (not counted as 0)",
  mixed: "Several sources: reported, computed, estimated or unknown",
};

const STACKS = [
  { value: "agentType", label: "Agent type" },
  { value: "model", label: "Model" },
  { value: "source", label: "Source" },
] as const;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UsagePage({ searchParams }: Props) {
  const sp = await searchParams;
  const now = new Date();
  const params = parseUsageParams(sp, now);
  const { window, stackBy } = params;
  const scope = await projectScope(params.project);
  const [points, table, top] = await Promise.all([
    // the charts stack by one dimension; grouping by the others too would multiply the rows
    rollupPoints(scope.projectIds, window, params.source, [stackBy]),
    usageTable(scope.projectIds, window, stackBy, params.source),
    topSessionsByCost(scope.projectIds, window),
  ]);
  const buckets = bucketKeys(window);
  const tokens = stackedOverTime(points, buckets, window, stackBy, (p) => p.totalTokens);
  const cost = stackedOverTime(points, buckets, window, stackBy, (p) => p.costUsd);
  const split = tokenSplit(points);
  const mve = measuredVsEstimated(points);
  const calls = points.reduce((a, p) => a + p.llmCalls, 0);
  return (
    <>
      <PageHeader
        title="Usage"
        description={`Tokens and cost from ${window.from.toISOString().slice(0, 16).replace("T", " ")} to ${window.to.toISOString().slice(0, 16).replace("T", " ")} UTC${params.project ? ` in ${params.project}` : " across all projects"}.`}
        actions={
          <a className="border-line bg-surface text-fg hover:bg-surface-2 rounded-md border px-2.5 py-1 text-xs font-medium" href={`/usage/export${usageQueryString(params)}`} download>
            Export CSV
          </a>
        }
      />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <WindowPicker current={window.preset} {...windowPickerDays(window)} />
        <nav aria-label="Stack by" className="flex items-center gap-1 text-xs">
          <span className="text-fg-muted mr-1">Stack by</span>
          {STACKS.map((s) => (
            <Link
              key={s.value}
              href={`/usage${usageQueryString(params, { stack: s.value })}`}
              aria-current={stackBy === s.value ? "true" : undefined}
              className={`rounded-md border px-2 py-1 ${stackBy === s.value ? "border-accent bg-accent-soft text-fg" : "border-line text-fg-muted hover:text-fg"}`}
            >
              {s.label}
            </Link>
          ))}
        </nav>
      </div>
      {calls === 0 ? (
        <Card>
          <EmptyState title="No LLM calls in this window." icon={<UsageIcon className="size-5" />}>
            <p>Pick a longer window, or send llm_call events to POST /api/v1/ingest (see the API docs).</p>
          </EmptyState>
        </Card>
      ) : (
        <div className="space-y-4">
          <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            <div className="border-line bg-surface rounded-lg border px-4 py-3">
              <dt className="text-fg-muted text-xs font-medium">Measured tokens</dt>
              <dd className="text-fg mt-1 text-2xl font-semibold tabular-nums" data-testid="usage-measured-tokens">{formatTokens(mve.measuredTokens)}</dd>
            </div>
            <div className="border-line bg-surface rounded-lg border px-4 py-3">
              <dt className="text-fg-muted text-xs font-medium">Estimated tokens</dt>
              <dd className="text-fg mt-1 text-2xl font-semibold tabular-nums" title="Token counts the source itself estimated (e.g. BAZINGA tokens_estimated)">
                {formatTokens(mve.estimatedTokens)}
              </dd>
            </div>
            <div className="border-line bg-surface rounded-lg border px-4 py-3">
              <dt className="text-fg-muted text-xs font-medium">Cost</dt>
              <dd className="text-fg mt-1 text-2xl font-semibold tabular-nums" title={`Reported ${formatUsd(mve.reportedUsd)} · computed ${formatUsd(mve.computedUsd)} · estimated ${formatUsd(mve.estimatedUsd)}`}>
                {formatUsd(mve.reportedUsd + mve.computedUsd + mve.estimatedUsd)}
              </dd>
              <dd className="text-fg-muted mt-0.5 text-xs">
                reported {formatUsd(mve.reportedUsd)} · computed {formatUsd(mve.computedUsd)} · estimated {formatUsd(mve.estimatedUsd)}
              </dd>
            </div>
            <div className="border-line bg-surface rounded-lg border px-4 py-3">
              <dt className="text-fg-muted text-xs font-medium">LLM calls</dt>
              <dd className="text-fg mt-1 text-2xl font-semibold tabular-nums">{calls.toLocaleString("en-US")}</dd>
              <dd className="text-fg-muted mt-0.5 text-xs" title={COST_SOURCE_HELP.unknown}>
                {mve.unknownCostCalls} of unknown cost
              </dd>
            </div>
          </dl>
          <div className="grid gap-4 xl:grid-cols-2">
            <Card title="Tokens over time" description={`Stacked by ${STACKS.find((s) => s.value === stackBy)!.label.toLowerCase()}, per ${window.bucket}`}>
              <div className="p-3">
                <StackedTimeChart series={tokens} unit="tokens" label="Tokens over time" />
              </div>
            </Card>
            <Card title="Cost over time" description="Known costs only; calls of unknown cost are counted apart">
              <div className="p-3">
                <StackedTimeChart series={cost} unit="usd" label="Cost over time in US dollars" />
              </div>
            </Card>
          </div>
          <div className="grid gap-4 xl:grid-cols-2">
            <Card title="Token split" description="Input includes cache reads and writes; output includes reasoning. Each token counted once.">
              <div className="p-3">
                <TokenSplitChart split={split} />
              </div>
            </Card>
            <Card title="Top sessions by cost">
              <table className="w-full text-sm">
                <caption className="sr-only">The sessions that cost most in this window</caption>
                <thead className="text-fg-subtle text-left text-xs">
                  <tr>
                    <th className="px-4 py-2 font-medium">Session</th>
                    <th className="px-4 py-2 font-medium">Source</th>
                    <th className="px-4 py-2 text-right font-medium">Tokens</th>
                    <th className="px-4 py-2 text-right font-medium">Cost</th>
                  </tr>
                </thead>
                <tbody>
                  {top.map((s) => (
                    <tr key={`${s.project.name}/${s.externalId}`} className="border-line border-t">
                      <td className="max-w-0 truncate px-4 py-1.5">
                        <Link className="text-fg hover:underline" href={`/sessions/${encodeURIComponent(s.externalId)}`}>
                          {s.title ?? s.mission ?? s.externalId}
                        </Link>
                      </td>
                      <td className="text-fg-muted px-4 py-1.5">{s.source}</td>
                      <td className="px-4 py-1.5 text-right tabular-nums">{formatTokens(s.totalTokens)}</td>
                      <td className="px-4 py-1.5 text-right tabular-nums">{formatUsd(s.costUsd)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          </div>
          <Card title={`By ${STACKS.find((s) => s.value === stackBy)!.label.toLowerCase()}`} description="Hover a cost to see where it came from.">
            <table className="w-full text-sm" data-testid="usage-table">
              <thead className="text-fg-subtle text-left text-xs">
                <tr>
                  <th className="px-4 py-2 font-medium">{STACKS.find((s) => s.value === stackBy)!.label}</th>
                  <th className="px-4 py-2 text-right font-medium">Calls</th>
                  <th className="px-4 py-2 text-right font-medium">Input</th>
                  <th className="px-4 py-2 text-right font-medium">Cache read</th>
                  <th className="px-4 py-2 text-right font-medium">Output</th>
                  <th className="px-4 py-2 text-right font-medium">Reasoning</th>
                  <th className="px-4 py-2 text-right font-medium">Estimated</th>
                  <th className="px-4 py-2 text-right font-medium">Cost</th>
                  <th className="px-4 py-2 font-medium">Cost source</th>
                </tr>
              </thead>
              <tbody>
                {table.map((r) => (
                  <tr key={r.key} className="border-line border-t">
                    <td className="text-fg px-4 py-1.5 font-mono text-xs">{r.key}</td>
                    <td className="px-4 py-1.5 text-right tabular-nums">{r.llmCalls}</td>
                    <td className="px-4 py-1.5 text-right tabular-nums">{formatTokens(r.inputTokens)}</td>
                    <td className="px-4 py-1.5 text-right tabular-nums">{formatTokens(r.cacheReadTokens)}</td>
                    <td className="px-4 py-1.5 text-right tabular-nums">{formatTokens(r.outputTokens)}</td>
                    <td className="px-4 py-1.5 text-right tabular-nums">{formatTokens(r.reasoningTokens)}</td>
                    <td className="px-4 py-1.5 text-right tabular-nums">{formatTokens(r.estimatedTokens)}</td>
                    <td className="px-4 py-1.5 text-right tabular-nums" title={COST_SOURCE_HELP[r.costSource]}>
                      {r.costSource === "unknown" ? "unknown" : formatUsd(r.costUsd)}
                      {r.unknownCostCalls > 0 && r.costSource !== "unknown" ? ` + ${r.unknownCostCalls} unknown` : ""}
                    </td>
                    <td className="text-fg-muted px-4 py-1.5 text-xs" title={COST_SOURCE_HELP[r.costSource]}>
                      {r.costSource}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </div>
      )}
    </>
  );
}
