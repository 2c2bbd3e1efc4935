import {
  AgentsIcon,
  ApprovalsIcon,
  ArrowRightIcon,
  ClockIcon,
  OverviewIcon,
  PlayCircleIcon,
  SessionsIcon,
  UsageIcon,
  XCircleIcon,
} from "@/components/icons";
import { AgentActivityChart, SessionsPerHourChart } from "@/components/charts/lazy-charts";
import { LatestEvents } from "@/components/sessions/latest-events";
import { NoSessions } from "@/components/sessions/no-sessions";
import { SessionTable } from "@/components/sessions/session-table";
import { Card } from "@/components/ui/card";
import { formatPercent, formatTokens, formatUsd } from "@/components/ui/format-usage";
import { LiveIndicator, LiveProvider, LiveRefresh } from "@/components/ui/live-provider";
import { PageHeader } from "@/components/ui/page-header";
import { formatUtcDateTime } from "@/components/ui/relative-time";
import { Sparkline } from "@/components/ui/sparkline";
import { StatCard } from "@/components/ui/stat-card";
import { TextLink } from "@/components/ui/text-link";
import { getOverviewCounts } from "@/lib/overview/overview-counts";
import { getOverviewDashboard } from "@/lib/overview/overview-dashboard";
import { db } from "@/lib/db/client";
import { listSessionPage } from "@/lib/sessions/session-list-query";
import { DEFAULT_FILTERS, sessionsHref } from "@/lib/sessions/session-list-url";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const now = new Date();
  const [counts, dashboard, recent] = await Promise.all([
    getOverviewCounts(now),
    getOverviewDashboard(now),
    listSessionPage(db(), DEFAULT_FILTERS, 10, now),
  ]);
  const today = dashboard.todayStart.toISOString().slice(0, 10);
  const dayAgo = dashboard.dayAgo.toISOString();
  const { failure } = dashboard;

  return (
    <LiveProvider>
      <LiveRefresh minIntervalMs={2_000} />
      <PageHeader
        title="Overview"
        description={
          <>
            All projects, as of <time dateTime={counts.asOf.toISOString()}>{formatUtcDateTime(counts.asOf)}</time>
          </>
        }
        actions={<LiveIndicator />}
      />

      <dl className="mb-3 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <StatCard
          testKey="active"
          label="Active"
          value={counts.active}
          hint="Pending, running or awaiting approval"
          icon={<PlayCircleIcon className="size-3.5" />}
          href={sessionsHref({ status: ["pending", "running", "awaiting_approval"] })}
        />
        <StatCard
          testKey="awaiting"
          label="Awaiting approval"
          value={counts.awaiting}
          tone="attention"
          hint="Paused until a person decides"
          icon={<ApprovalsIcon className="size-3.5" />}
          href="/approvals"
        />
        <StatCard
          testKey="today"
          label="Sessions today"
          value={counts.today}
          hint="Started since 00:00 UTC"
          icon={<ClockIcon className="size-3.5" />}
          href={sessionsHref({ from: today, sort: "started" })}
          trend={<Sparkline values={dashboard.today.sessionsByHour} label="Sessions started per hour today" />}
        />
        <StatCard
          testKey="failure-rate"
          label="Failure rate, 24 h"
          value={failure.failed}
          display={formatPercent(failure.rate)}
          tone="alert"
          hint={`${failure.failed} of ${failure.finished} finished sessions started in the last 24 h`}
          icon={<XCircleIcon className="size-3.5" />}
          href={sessionsHref({ status: ["failed"], from: dayAgo })}
        />
        <StatCard
          testKey="tokens-today"
          label="Tokens today"
          value={dashboard.today.tokens}
          display={formatTokens(dashboard.today.tokens)}
          icon={<UsageIcon className="size-3.5" />}
          href={sessionsHref({ from: today, sort: "tokens" })}
          trend={<Sparkline values={dashboard.today.tokensByHour} label="Tokens per hour today" />}
        />
        <StatCard
          testKey="cost-today"
          label="Cost today"
          value={dashboard.today.costUsd}
          display={formatUsd(dashboard.today.costUsd)}
          icon={<UsageIcon className="size-3.5" />}
          href={sessionsHref({ from: today, sort: "cost" })}
          trend={<Sparkline values={dashboard.today.costByHour} label="Cost per hour today" />}
        />
      </dl>

      <dl className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-5">
        <StatCard
          testKey="sessions"
          label="Sessions"
          value={counts.sessions}
          icon={<SessionsIcon className="size-3.5" />}
          href="/sessions"
        />
        <StatCard
          testKey="failed"
          label="Failed"
          value={counts.failed}
          tone="alert"
          icon={<XCircleIcon className="size-3.5" />}
          href={sessionsHref({ status: ["failed"] })}
        />
        <StatCard
          testKey="llm-calls"
          label="LLM calls"
          value={counts.llmCalls}
          icon={<AgentsIcon className="size-3.5" />}
          href="/usage"
        />
        <StatCard
          testKey="tokens"
          label="Tokens"
          value={counts.tokens}
          hint="Total over all LLM calls"
          icon={<UsageIcon className="size-3.5" />}
          href={sessionsHref({ sort: "tokens" })}
        />
        <StatCard
          testKey="projects"
          label="Projects"
          value={counts.projects}
          icon={<OverviewIcon className="size-3.5" />}
          href="/settings"
        />
      </dl>

      <div className="mb-6 grid gap-4 lg:grid-cols-2">
        <Card
          title="Sessions started per hour"
          description="Last 24 hours (UTC), by status. Select a bar for its sessions."
        >
          <div className="px-2 py-3">
            {counts.sessions > 0 ? (
              <SessionsPerHourChart data={dashboard.sessionsPerHour} statuses={dashboard.statuses} />
            ) : (
              <p className="px-2 py-6 text-sm text-fg-muted">No sessions yet.</p>
            )}
          </div>
        </Card>
        <Card
          title="Agent activity"
          description="Runs per agent type over the last 24 hours. Select a bar for that agent's sessions."
        >
          <div className="px-2 py-3">
            {dashboard.agents.length > 0 ? (
              <AgentActivityChart data={dashboard.agents} since={dayAgo} />
            ) : (
              <p className="px-2 py-6 text-sm text-fg-muted">No runs in the last 24 hours.</p>
            )}
          </div>
        </Card>
      </div>

      <div className="grid gap-4">
        <Card
          title="Recent sessions"
          description="The 10 most recently updated sessions"
          actions={
            recent.items.length > 0 ? (
              <TextLink href="/sessions">
                View all <ArrowRightIcon className="size-3.5" />
              </TextLink>
            ) : undefined
          }
        >
          {recent.items.length > 0 ? (
            <SessionTable sessions={recent.items} now={recent.asOf} caption="Recent sessions" time="updatedAt" />
          ) : (
            <NoSessions titleAs="h3" />
          )}
        </Card>
        <Card title="Latest events" description="Newest first; updates live">
          <LatestEvents events={dashboard.latestEvents} now={now} />
        </Card>
      </div>
    </LiveProvider>
  );
}
