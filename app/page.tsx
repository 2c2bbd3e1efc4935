import {
  ApprovalsIcon,
  PlayCircleIcon,
  SessionsIcon,
  XCircleIcon,
  ClockIcon,
  AgentsIcon,
  UsageIcon,
  OverviewIcon,
  ArrowRightIcon,
} from "@/components/icons";
import { NoSessions } from "@/components/sessions/no-sessions";
import { SessionTable } from "@/components/sessions/session-table";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatUtcDateTime } from "@/components/ui/relative-time";
import { StatCard } from "@/components/ui/stat-card";
import { TextLink } from "@/components/ui/text-link";
import { getOverviewCounts } from "@/lib/overview/overview-counts";
import { listSessions } from "@/lib/sessions/list-sessions";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const [counts, recent] = await Promise.all([
    getOverviewCounts(),
    listSessions({ order: "recently-updated", limit: 10 }),
  ]);

  return (
    <>
      <PageHeader
        title="Overview"
        description={
          <>
            All projects, as of <time dateTime={counts.asOf.toISOString()}>{formatUtcDateTime(counts.asOf)}</time>
          </>
        }
      />

      <dl className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatCard
          testKey="sessions"
          label="Sessions"
          value={counts.sessions}
          icon={<SessionsIcon className="size-3.5" />}
        />
        <StatCard
          testKey="active"
          label="Active"
          value={counts.active}
          hint="Pending, running or awaiting approval"
          icon={<PlayCircleIcon className="size-3.5" />}
        />
        <StatCard
          testKey="awaiting"
          label="Awaiting approval"
          value={counts.awaiting}
          tone="attention"
          hint="Paused until a person decides"
          icon={<ApprovalsIcon className="size-3.5" />}
        />
        <StatCard
          testKey="failed"
          label="Failed"
          value={counts.failed}
          tone="alert"
          icon={<XCircleIcon className="size-3.5" />}
        />
        <StatCard
          testKey="today"
          label="Sessions today"
          value={counts.today}
          hint="Started since 00:00 UTC"
          icon={<ClockIcon className="size-3.5" />}
        />
        <StatCard
          testKey="llm-calls"
          label="LLM calls"
          value={counts.llmCalls}
          icon={<AgentsIcon className="size-3.5" />}
        />
        <StatCard
          testKey="tokens"
          label="Tokens"
          value={counts.tokens}
          hint="Total over all LLM calls"
          icon={<UsageIcon className="size-3.5" />}
        />
        <StatCard
          testKey="projects"
          label="Projects"
          value={counts.projects}
          icon={<OverviewIcon className="size-3.5" />}
        />
      </dl>

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
    </>
  );
}
