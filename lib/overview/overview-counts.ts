import "server-only";
import { db } from "@/lib/db/client";
import { dayOf } from "@/lib/usage/rollup-math";
import { summarizeStatuses } from "./summarize-statuses";

export type OverviewCounts = {
  sessions: number;
  active: number;
  awaiting: number;
  failed: number;
  /** sessions started since 00:00 UTC */
  today: number;
  llmCalls: number;
  /** sum of LlmCall.totalTokens */
  tokens: number;
  projects: number;
  /** the clock the counts were taken at */
  asOf: Date;
};

/** Headline numbers across all projects. */
export async function getOverviewCounts(now: Date = new Date()): Promise<OverviewCounts> {
  const client = db();
  // call and token totals come from the daily rollups (equal to the raw rows by test), not a
  // scan of every LLM call
  const [statusGroups, today, usage, projects] = await Promise.all([
    client.session.groupBy({ by: ["status"], _count: { _all: true } }),
    client.session.count({ where: { startedAt: { gte: dayOf(now) } } }),
    client.usageRollupDaily.aggregate({ _sum: { llmCalls: true, totalTokens: true } }),
    client.project.count(),
  ]);
  const summary = summarizeStatuses(statusGroups.map((group) => ({ status: group.status, count: group._count._all })));
  return {
    sessions: summary.total,
    active: summary.active,
    awaiting: summary.awaiting,
    failed: summary.failed,
    today,
    llmCalls: usage._sum.llmCalls ?? 0,
    tokens: usage._sum.totalTokens ?? 0,
    projects,
    asOf: now,
  };
}
