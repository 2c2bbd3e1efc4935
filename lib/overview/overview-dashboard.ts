import "server-only";
// Everything the overview draws beyond the headline counts: the last 24 hours of sessions
// by status, agent activity, failure rate, today's tokens and cost per hour, and the latest
// events. Each query is bounded by time or row count.
import { db } from "@/lib/db/client";
import type { Status } from "@/lib/ingest/status";
import { truncate } from "@/lib/sessions/session-label";
import {
  agentActivity,
  failureRate,
  hourlyTotals,
  sessionsPerHourByStatus,
  statusesPresent,
  type AgentActivityPoint,
  type FailureRate,
  type StatusHourPoint,
} from "./chart-data";
import { hourlyLlmUsage } from "./hourly-usage";
import { dayOf, hourOf } from "@/lib/usage/rollup-math";

export type LatestEvent = {
  id: number;
  timestamp: Date;
  level: string;
  kind: string;
  agentType: string | null;
  message: string;
  session: { externalId: string; projectSlug: string } | null;
};

export type OverviewDashboard = {
  asOf: Date;
  dayAgo: Date;
  todayStart: Date;
  sessionsPerHour: StatusHourPoint[];
  statuses: Status[];
  agents: AgentActivityPoint[];
  failure: FailureRate;
  today: { tokens: number; costUsd: number; tokensByHour: number[]; costByHour: number[]; sessionsByHour: number[] };
  latestEvents: LatestEvent[];
};

const DAY_MS = 24 * 3_600_000;
/** Sessions started in the last 24 h that the hourly chart reads, at most. */
const SESSION_SCAN_LIMIT = 20_000;
export const LATEST_EVENTS = 12;

export async function getOverviewDashboard(now: Date = new Date()): Promise<OverviewDashboard> {
  const client = db();
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const todayStart = dayOf(now);
  const [recentSessions, runGroups, usage, events] = await Promise.all([
    client.session.findMany({
      where: { startedAt: { gte: dayAgo } },
      select: { startedAt: true, status: true },
      orderBy: { startedAt: "desc" },
      take: SESSION_SCAN_LIMIT,
    }),
    // runs per agent type from the hourly rollups (from the hour dayAgo falls in), not a scan of every run
    client.usageRollup.groupBy({
      by: ["agentType"],
      where: { hour: { gte: hourOf(dayAgo) }, runs: { gt: 0 } },
      _sum: { runs: true, runsFailed: true },
    }),
    hourlyLlmUsage(client, todayStart),
    client.event.findMany({
      orderBy: { id: "desc" },
      take: LATEST_EVENTS,
      select: {
        id: true,
        timestamp: true,
        level: true,
        kind: true,
        agentType: true,
        message: true,
        session: { select: { externalId: true, project: { select: { slug: true } } } },
      },
    }),
  ]);

  const sessionsPerHour = sessionsPerHourByStatus(recentSessions, now);
  const statusCounts = new Map<Status, number>();
  for (const s of recentSessions) statusCounts.set(s.status, (statusCounts.get(s.status) ?? 0) + 1);
  const totals = hourlyTotals(usage, todayStart, now);
  const todayKeys = new Set(totals.hours);
  return {
    asOf: now,
    dayAgo,
    todayStart,
    sessionsPerHour,
    statuses: statusesPresent(sessionsPerHour),
    agents: agentActivity(
      runGroups.map((g) => ({
        agentType: g.agentType === "" ? null : g.agentType,
        runs: g._sum.runs ?? 0,
        failed: g._sum.runsFailed ?? 0,
      })),
    ),
    failure: failureRate([...statusCounts].map(([status, count]) => ({ status, count }))),
    today: {
      tokens: totals.tokens.reduce((a, b) => a + b, 0),
      costUsd: totals.costUsd.reduce((a, b) => a + b, 0),
      tokensByHour: totals.tokens,
      costByHour: totals.costUsd,
      sessionsByHour: sessionsPerHour.filter((p) => todayKeys.has(p.hour)).map((p) => p.total),
    },
    latestEvents: events.map((e) => ({
      id: e.id,
      timestamp: e.timestamp,
      level: e.level,
      kind: e.kind,
      agentType: e.agentType,
      message: truncate(e.message.replace(/\s+/g, " ").trim(), 200),
      session: e.session ? { externalId: e.session.externalId, projectSlug: e.session.project.slug } : null,
    })),
  };
}
