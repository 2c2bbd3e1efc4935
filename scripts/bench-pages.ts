// npm run bench:pages -- [--db sqlite|postgres] [--url <DATABASE_URL>] [--runs 20] [--json]
//
// Times every page's data loaders (warm, N runs alternating with the twin's, p50/p95) against a hand-written SQL query
// computing the same answer (scripts/lib/page-twins.ts), on a database filled by `npm run cli -- seed --scale small|large`.
// Prints the ratios and the process's peak RSS; the targets (issue 19 §5) are p95 < 100 ms and loader ≤ 1.5× its SQL twin.
import path from "node:path";
import { parseArgs } from "node:util";
import { percentile } from "./lib/stats";

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite" },
    url: { type: "string" },
    runs: { type: "string", default: "20" },
    json: { type: "boolean", default: false },
  },
});
const root = path.resolve(import.meta.dirname, "..");
const kind = args.db === "postgres" || args.db === "postgresql" ? "postgresql" : "sqlite";
process.env.DATABASE_URL =
  args.url ??
  (kind === "sqlite"
    ? `file:${path.join(root, "data", "scale.db")}`
    : "postgresql://postgres@127.0.0.1:5432/observatory_scale");
const RUNS = Number(args.runs);
const P95_MS = 100;
const RATIO = 1.5;
let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

type Case = { page: string; loader: () => Promise<unknown>; twin: () => Promise<unknown> };

type Timing = { p50: number; p95: number };

/**
 * Loader and twin alternate run by run (after two warm-up runs each), so that both see the
 * same moments of this machine's noise; each gets its own p50 and p95.
 */
async function timePair(
  loader: () => Promise<unknown>,
  twin: () => Promise<unknown>,
): Promise<{ loader: Timing; twin: Timing }> {
  for (let i = 0; i < 2; i++) {
    await loader();
    await twin();
  }
  const samples = { loader: [] as number[], twin: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    for (const [name, fn] of [
      ["loader", loader],
      ["twin", twin],
    ] as const) {
      const t0 = performance.now();
      await fn();
      samples[name].push(performance.now() - t0);
      sampleRss();
    }
  }
  const timing = (values: number[]): Timing => {
    const sorted = [...values].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
  };
  return { loader: timing(samples.loader), twin: timing(samples.twin) };
}

async function main(): Promise<void> {
  const { db } = await import("../lib/db/client");
  const { pageTwins } = await import("./lib/page-twins");
  const { getOverviewCounts } = await import("../lib/overview/overview-counts");
  const { getOverviewDashboard } = await import("../lib/overview/overview-dashboard");
  const { listSessionPage } = await import("../lib/sessions/session-list-query");
  const { DEFAULT_FILTERS } = await import("../lib/sessions/session-list-url");
  const { parseSessionFilters } = await import("../lib/sessions/session-filters");
  const { findSessionPage } = await import("../lib/sessions/session-page");
  const { loadTimeline } = await import("../lib/sessions/session-runs");
  const { loadLogPage } = await import("../lib/sessions/session-logs");
  const { agentsView, usageView, topSessionsByCost, qaPassRate, agentRegistry, projectScope } =
    await import("../lib/usage/page-data");
  const { parseTimeWindow } = await import("../lib/usage/time-window");
  const { listAuditEntries, parseAuditFilters } = await import("../lib/audit/audit-queries");

  const client = db();
  const largest = await client.session.findFirst({
    orderBy: { events: { _count: "desc" } },
    select: { id: true, externalId: true, projectId: true, _count: { select: { events: true } } },
  });
  if (!largest)
    throw new Error(`no sessions in ${process.env.DATABASE_URL}: run npm run cli -- seed --scale small first`);
  const counts = {
    sessions: await client.session.count(),
    events: await client.event.count(),
    llmCalls: await client.llmCall.count(),
  };
  const now = new Date();
  const window30 = parseTimeWindow({ window: "30d" }, now);
  const scope = await projectScope(undefined);
  const filters = parseSessionFilters({ status: "failed", source: "bazinga" });
  const logFilters = {};

  const twins = pageTwins({
    client,
    kind,
    now,
    window30,
    projectIds: scope.projectIds,
    session: largest,
    sessionFilter: { status: "failed", source: "bazinga" },
    auditAction: "gate",
  });
  const cases: Case[] = [
    {
      page: "overview",
      loader: () =>
        Promise.all([
          getOverviewCounts(now),
          getOverviewDashboard(now),
          listSessionPage(client, DEFAULT_FILTERS, 10, now),
        ]),
      twin: twins.overview,
    },
    {
      page: "sessions list (failed, bazinga)",
      loader: () => listSessionPage(client, filters, 50, now),
      twin: twins.sessions,
    },
    {
      page: `session detail (largest, ${largest._count.events} events)`,
      loader: () =>
        Promise.all([
          findSessionPage(largest.externalId),
          loadTimeline(largest.id),
          loadLogPage(largest.id, logFilters),
        ]),
      twin: twins.detail,
    },
    {
      page: "agents (30 d)",
      loader: () =>
        Promise.all([
          agentsView(scope.projectIds, window30, "agentType"),
          qaPassRate(scope.projectIds, window30),
          agentRegistry(scope.projectIds, now),
        ]),
      twin: twins.agents,
    },
    {
      page: "usage (30 d)",
      loader: () =>
        Promise.all([usageView(scope.projectIds, window30, "model"), topSessionsByCost(scope.projectIds, window30)]),
      twin: twins.usage,
    },
    {
      page: "audit (first page, action filter)",
      loader: () => listAuditEntries(client, parseAuditFilters({ action: "gate" }).filters),
      twin: twins.audit,
    },
  ];

  const results = [];
  for (const c of cases) {
    const { loader, twin } = await timePair(c.loader, c.twin);
    results.push({
      page: c.page,
      loaderMs: loader,
      sqlMs: twin,
      ratio: Number((loader.p50 / Math.max(twin.p50, 0.01)).toFixed(2)),
      meetsP95: loader.p95 < P95_MS,
      meetsRatio: loader.p50 <= RATIO * twin.p50,
    });
    if (!args.json)
      console.error(
        `[bench:pages] ${c.page}: loader p50 ${loader.p50.toFixed(1)} ms / p95 ${loader.p95.toFixed(1)} ms; SQL p50 ${twin.p50.toFixed(1)} ms`,
      );
  }
  const report = { database: kind, dataset: counts, runs: RUNS, peakRssMb: Math.round(peakRss / 1e6), results };
  if (args.json) console.log(JSON.stringify(report));
  else {
    console.log(
      `database ${kind}: ${counts.sessions} sessions, ${counts.events} events, ${counts.llmCalls} LLM calls; ${RUNS} warm runs each`,
    );
    console.log("page".padEnd(44) + `loader p50   p95    SQL p50   ratio  p95<${P95_MS}  ≤${RATIO}×`);
    for (const r of results) {
      console.log(
        `${r.page.padEnd(44)}${r.loaderMs.p50.toFixed(1).padStart(8)} ${r.loaderMs.p95.toFixed(1).padStart(7)} ${r.sqlMs.p50.toFixed(1).padStart(9)} ${String(r.ratio).padStart(7)}  ${r.meetsP95 ? "yes" : "NO "}      ${r.meetsRatio ? "yes" : "NO"}`,
      );
    }
    console.log(`peak RSS of this process: ${report.peakRssMb} MB`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench:pages] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
