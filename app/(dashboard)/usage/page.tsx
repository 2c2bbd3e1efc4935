import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatTokens, formatUsd } from "@/components/ui/format-usage";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { StackedTimeChart, TokenSplitChart } from "@/components/charts/lazy-charts";
import { WindowPicker } from "@/components/usage/window-picker";
import { UsageIcon } from "@/components/icons";
import { measuredVsEstimated, stackedOverTime, tokenSplit } from "@/lib/usage/chart-data";
import { projectScope, topSessionsByCost, usageView } from "@/lib/usage/page-data";
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
  const [{ points, table }, top] = await Promise.all([
    // the charts stack by one dimension (grouping by the others too would multiply the rows);
    // the table sums the same groups
    usageView(scope.projectIds, window, stackBy, params.source),
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
          <a
            className="rounded-md border border-line bg-surface px-2.5 py-1 text-xs font-medium text-fg hover:bg-surface-2"
            href={`/usage/export${usageQueryString(params)}`}
            download
          >
            Export CSV
          </a>
        }
      />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <WindowPicker current={window.preset} {...windowPickerDays(window)} />
        <nav aria-label="Stack by" className="flex items-center gap-1 text-xs">
          <span className="mr-1 text-fg-muted">Stack by</span>
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
            <div className="rounded-lg border border-line bg-surface px-4 py-3">
              <dt className="text-xs font-medium text-fg-muted">Measured tokens</dt>
              <dd className="mt-1 text-2xl font-semibold text-fg tabular-nums" data-testid="usage-measured-tokens">
                {formatTokens(mve.measuredTokens)}
              </dd>
            </div>
            <div className="rounded-lg border border-line bg-surface px-4 py-3">
              <dt className="text-xs font-medium text-fg-muted">Estimated tokens</dt>
              <dd
                className="mt-1 text-2xl font-semibold text-fg tabular-nums"
                title="Token counts the source itself estimated (e.g. BAZINGA tokens_estimated)"
              >
                {formatTokens(mve.estimatedTokens)}
              </dd>
            </div>
            <div className="rounded-lg border border-line bg-surface px-4 py-3">
              <dt className="text-xs font-medium text-fg-muted">Cost</dt>
              <dd
                className="mt-1 text-2xl font-semibold text-fg tabular-nums"
                title={`Reported ${formatUsd(mve.reportedUsd)} · computed ${formatUsd(mve.computedUsd)} · estimated ${formatUsd(mve.estimatedUsd)}`}
              >
                {formatUsd(mve.reportedUsd + mve.computedUsd + mve.estimatedUsd)}
              </dd>
              <dd className="mt-0.5 text-xs text-fg-muted">
                reported {formatUsd(mve.reportedUsd)} · computed {formatUsd(mve.computedUsd)} · estimated{" "}
                {formatUsd(mve.estimatedUsd)}
              </dd>
            </div>
            <div className="rounded-lg border border-line bg-surface px-4 py-3">
              <dt className="text-xs font-medium text-fg-muted">LLM calls</dt>
              <dd className="mt-1 text-2xl font-semibold text-fg tabular-nums">{calls.toLocaleString("en-US")}</dd>
              <dd className="mt-0.5 text-xs text-fg-muted" title={COST_SOURCE_HELP.unknown}>
                {mve.unknownCostCalls} of unknown cost
              </dd>
            </div>
          </dl>
          <div className="grid gap-4 xl:grid-cols-2">
            <Card
              title="Tokens over time"
              description={`Stacked by ${STACKS.find((s) => s.value === stackBy)!.label.toLowerCase()}, per ${window.bucket}`}
            >
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
            <Card
              title="Token split"
              description="Input includes cache reads and writes; output includes reasoning. Each token counted once."
            >
              <div className="p-3">
                <TokenSplitChart split={split} />
              </div>
            </Card>
            <Card title="Top sessions by cost">
              <Table
                caption="The sessions that cost most in this window"
                cellAlign="middle"
                columns={[
                  { key: "session", header: "Session", sortable: true, className: "max-w-0 truncate" },
                  { key: "source", header: "Source", sortable: true, className: "text-fg-muted" },
                  { key: "tokens", header: "Tokens", sortable: true, align: "right" },
                  { key: "cost", header: "Cost", sortable: true, align: "right" },
                ]}
                rows={top.map((s) => ({
                  key: `${s.project.name}/${s.externalId}`,
                  sort: { session: s.title ?? s.mission ?? s.externalId, tokens: s.totalTokens, cost: s.costUsd },
                  cells: {
                    session: (
                      <Link className="text-fg hover:underline" href={`/sessions/${encodeURIComponent(s.externalId)}`}>
                        {s.title ?? s.mission ?? s.externalId}
                      </Link>
                    ),
                    source: s.source,
                    tokens: formatTokens(s.totalTokens),
                    cost: formatUsd(s.costUsd),
                  },
                }))}
              />
            </Card>
          </div>
          <Card
            title={`By ${STACKS.find((s) => s.value === stackBy)!.label.toLowerCase()}`}
            description="Hover a cost to see where it came from."
          >
            <Table
              caption={`Usage by ${STACKS.find((s) => s.value === stackBy)!.label.toLowerCase()}`}
              testId="usage-table"
              cellAlign="middle"
              columns={[
                {
                  key: "key",
                  header: STACKS.find((s) => s.value === stackBy)!.label,
                  sortable: true,
                  className: "text-fg font-mono text-xs",
                },
                { key: "calls", header: "Calls", sortable: true, align: "right" },
                { key: "input", header: "Input", sortable: true, align: "right" },
                { key: "cacheRead", header: "Cache read", sortable: true, align: "right" },
                { key: "output", header: "Output", sortable: true, align: "right" },
                { key: "reasoning", header: "Reasoning", sortable: true, align: "right" },
                { key: "estimated", header: "Estimated", sortable: true, align: "right" },
                { key: "cost", header: "Cost", sortable: true, align: "right" },
                { key: "costSource", header: "Cost source", sortable: true, className: "text-fg-muted text-xs" },
              ]}
              rows={table.map((r) => ({
                key: r.key,
                sort: {
                  calls: r.llmCalls,
                  input: r.inputTokens,
                  cacheRead: r.cacheReadTokens,
                  output: r.outputTokens,
                  reasoning: r.reasoningTokens,
                  estimated: r.estimatedTokens,
                  cost: r.costSource === "unknown" ? null : r.costUsd,
                  costSource: r.costSource,
                },
                cells: {
                  key: r.key,
                  calls: r.llmCalls,
                  input: formatTokens(r.inputTokens),
                  cacheRead: formatTokens(r.cacheReadTokens),
                  output: formatTokens(r.outputTokens),
                  reasoning: formatTokens(r.reasoningTokens),
                  estimated: formatTokens(r.estimatedTokens),
                  cost: (
                    <span title={COST_SOURCE_HELP[r.costSource]}>
                      {r.costSource === "unknown" ? "unknown" : formatUsd(r.costUsd)}
                      {r.unknownCostCalls > 0 && r.costSource !== "unknown" ? ` + ${r.unknownCostCalls} unknown` : ""}
                    </span>
                  ),
                  costSource: <span title={COST_SOURCE_HELP[r.costSource]}>{r.costSource}</span>,
                },
              }))}
            />
          </Card>
        </div>
      )}
    </>
  );
}
