import type { Metadata } from "next";
import Link from "next/link";
import { AgentsIcon } from "@/components/icons";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDuration, formatPercent, formatTokens, formatUsd } from "@/components/ui/format-usage";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { RunTrendChart } from "@/components/charts/lazy-charts";
import { WindowPicker } from "@/components/usage/window-picker";
import { sessionsHref } from "@/lib/sessions/session-list-url";
import { runTrend } from "@/lib/usage/chart-data";
import { agentRegistry, agentsView, projectScope, qaPassRate } from "@/lib/usage/page-data";
import { bucketKeys, parseTimeWindow, timeWindowQuery, windowPickerDays } from "@/lib/usage/time-window";
import type { PerformanceGroupBy } from "@/lib/usage/usage-schemas";

export const metadata: Metadata = { title: "Agents" };
export const dynamic = "force-dynamic";

const GROUPS: { value: PerformanceGroupBy; label: string }[] = [
  { value: "agentType", label: "Agent type" },
  { value: "agentId", label: "Agent" },
  { value: "model", label: "Model" },
];

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function one(sp: Record<string, string | string[] | undefined>, k: string): string | undefined {
  return typeof sp[k] === "string" ? (sp[k] as string) : undefined;
}

const LIVENESS = {
  alive: { label: "Alive", className: "text-ok", mark: "●" },
  stale: { label: "Stale", className: "text-warn", mark: "◐" },
  unknown: { label: "No heartbeat", className: "text-fg-subtle", mark: "○" },
} as const;

export default async function AgentsPage({ searchParams }: Props) {
  const sp = await searchParams;
  const now = new Date();
  const window = parseTimeWindow(sp, now);
  const by = GROUPS.find((g) => g.value === one(sp, "by"))?.value ?? "agentType";
  const scope = await projectScope(one(sp, "project"));
  const [{ leaderboard: rows, points }, qa, registry] = await Promise.all([
    // the run trend (runs per bucket) and the leaderboard from one read of the rollups
    agentsView(scope.projectIds, window, by),
    qaPassRate(scope.projectIds, window),
    agentRegistry(scope.projectIds, now),
  ]);
  const trend = runTrend(points, bucketKeys(window), window);
  const query = (next: Record<string, string>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...timeWindowQuery(window), project: one(sp, "project"), by, ...next }))
      if (v) q.set(k, v);
    return `/agents?${q.toString()}`;
  };
  return (
    <>
      <PageHeader
        title="Agents"
        description="How each agent type, agent and model performs, and which agents are alive."
      />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <WindowPicker current={window.preset} {...windowPickerDays(window)} />
        {qa.recorded > 0 && (
          <p className="text-sm text-fg-muted" title="Sessions whose source records QA (e.g. Studio's qa_passed)">
            QA pass rate <span className="font-semibold text-fg">{formatPercent(qa.passed / qa.recorded)}</span> of{" "}
            {qa.recorded} sessions
          </p>
        )}
      </div>
      <div className="space-y-4">
        <Card
          title="Leaderboard"
          description="Success rate is completed ÷ finished runs. Durations come from a fixed histogram (p50/p95)."
          actions={
            <nav aria-label="Group by" className="flex gap-1 text-xs">
              {GROUPS.map((g) => (
                <Link
                  key={g.value}
                  href={query({ by: g.value })}
                  aria-current={by === g.value ? "true" : undefined}
                  className={`rounded-md border px-2 py-1 ${by === g.value ? "border-accent bg-accent-soft text-fg" : "border-line text-fg-muted hover:text-fg"}`}
                >
                  {g.label}
                </Link>
              ))}
            </nav>
          }
        >
          <Table
            caption="Leaderboard"
            testId="agent-leaderboard"
            cellAlign="middle"
            empty={
              <EmptyState title="No runs in this window." icon={<AgentsIcon className="size-5" />}>
                <p>Pick a longer window, or send run events to POST /api/v1/ingest.</p>
              </EmptyState>
            }
            columns={[
              {
                key: "key",
                header: GROUPS.find((g) => g.value === by)!.label,
                sortable: true,
                className: "font-mono text-xs",
              },
              { key: "runs", header: "Runs", sortable: true, align: "right" },
              { key: "success", header: "Success", sortable: true, align: "right" },
              { key: "p50", header: "p50", sortable: true, align: "right" },
              { key: "p95", header: "p95", sortable: true, align: "right" },
              { key: "tokens", header: "Tokens", sortable: true, align: "right" },
              { key: "costPerRun", header: "Cost / run", sortable: true, align: "right" },
              { key: "revisions", header: "Revisions", sortable: true, align: "right" },
            ]}
            rows={rows.map((r) => ({
              key: r.key,
              sort: {
                key: r.key,
                runs: r.runs,
                success: r.successRate,
                p50: r.p50DurationMs,
                p95: r.p95DurationMs,
                tokens: r.totalTokens,
                costPerRun: r.costPerRun,
                revisions: r.avgRevisions,
              },
              cellClass: { revisions: r.avgRevisions !== null && r.avgRevisions >= 2 ? "text-warn font-semibold" : "" },
              cells: {
                key:
                  by === "agentType" && r.key !== "(none)" ? (
                    <Link className="text-fg hover:underline" href={sessionsHref({ agent: r.key })}>
                      {r.key}
                    </Link>
                  ) : (
                    r.key
                  ),
                runs: (
                  <>
                    {r.runs}
                    {r.failed > 0 && <span className="text-danger"> ({r.failed} failed)</span>}
                  </>
                ),
                success: formatPercent(r.successRate),
                p50: r.p50DurationMs === null ? "—" : formatDuration(r.p50DurationMs),
                p95: r.p95DurationMs === null ? "—" : formatDuration(r.p95DurationMs),
                tokens: formatTokens(r.totalTokens),
                costPerRun: (
                  <span title={`cost source: ${r.costSource}`}>
                    {r.costPerRun === null ? "—" : formatUsd(r.costPerRun)}
                  </span>
                ),
                revisions: r.avgRevisions === null ? "—" : r.avgRevisions.toFixed(1),
              },
            }))}
          />
        </Card>
        <Card title="Runs over time" description={`Per ${window.bucket}, with the success rate`}>
          <div className="p-3">
            <RunTrendChart rows={trend} />
          </div>
        </Card>
        <Card
          title="Registry"
          description="Alive: a heartbeat within the last 5 minutes. Workload against the agent's maximum."
        >
          <Table
            caption="Registry"
            testId="agent-registry"
            cellAlign="middle"
            empty={
              <EmptyState title="No agents registered yet." icon={<AgentsIcon className="size-5" />}>
                <p>Agents appear when an orchestrator reports them (agent events, or the importers).</p>
              </EmptyState>
            }
            columns={[
              { key: "agent", header: "Agent", sortable: true },
              { key: "type", header: "Type", sortable: true, className: "text-fg-muted font-mono text-xs" },
              { key: "liveness", header: "Liveness", sortable: true, className: "text-xs" },
              { key: "workload", header: "Workload", sortable: true },
              { key: "model", header: "Model", sortable: true, className: "text-fg-muted font-mono text-xs" },
              { key: "project", header: "Project", sortable: true, className: "text-fg-muted text-xs" },
            ]}
            rows={registry.map((a) => {
              const l = LIVENESS[a.liveness];
              const load = a.maxWorkload ? Math.min(1, (a.currentWorkload ?? 0) / a.maxWorkload) : null;
              return {
                key: `${a.project.name}/${a.externalId}`,
                sort: {
                  agent: a.name ?? a.externalId,
                  type: a.type,
                  liveness: Object.keys(LIVENESS).indexOf(a.liveness),
                  workload: load,
                  model: a.model,
                  project: a.project.name,
                },
                cellClass: { liveness: l.className },
                cells: {
                  agent: (
                    <span className="text-fg">
                      {a.name ?? a.externalId}
                      {a.kind === "definition" && <span className="ml-1 text-xs text-fg-subtle">(definition)</span>}
                    </span>
                  ),
                  type: a.type ?? "—",
                  liveness: (
                    <span title={a.heartbeatAt ? `last heartbeat ${a.heartbeatAt.toISOString()}` : undefined}>
                      <span aria-hidden="true">{l.mark}</span> {l.label}
                    </span>
                  ),
                  workload:
                    load === null ? (
                      <span className="text-xs text-fg-subtle">—</span>
                    ) : (
                      <span className="flex items-center gap-2 text-xs tabular-nums">
                        <span
                          className="inline-block h-1.5 w-16 overflow-hidden rounded bg-surface-2"
                          role="img"
                          aria-label={`${a.currentWorkload ?? 0} of ${a.maxWorkload}`}
                        >
                          <span
                            className={`block h-full ${load >= 1 ? "bg-danger" : load >= 0.8 ? "bg-warn" : "bg-ok"}`}
                            style={{ width: `${Math.round(load * 100)}%` }}
                          />
                        </span>
                        {a.currentWorkload ?? 0}/{a.maxWorkload}
                      </span>
                    ),
                  model: a.model ?? "—",
                  project: a.project.name,
                },
              };
            })}
          />
        </Card>
      </div>
    </>
  );
}
