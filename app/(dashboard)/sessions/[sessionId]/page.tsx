import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Fragment, Suspense } from "react";
import { SessionHeaderView } from "@/components/sessions/session-header";
import { SessionLive } from "@/components/sessions/session-live";
import { SessionTabs } from "@/components/sessions/session-tabs";
import { Card } from "@/components/ui/card";
import { LiveIndicator, LiveProvider } from "@/components/ui/live-provider";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import type { SearchParams } from "@/lib/sessions/session-list-url";
import { parseSessionTab, SESSION_TABS, sessionHref, type SessionTab } from "@/lib/sessions/session-href";
import { FIRST_FLUSH_BUDGET_MS, settledWithin } from "@/lib/sessions/first-flush";
import { findSessionPage } from "@/lib/sessions/session-page";
import { loadTabPanel, StreamedTabPanel, TabPanelFallback } from "./tab-panel";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ sessionId: string }>; searchParams: Promise<SearchParams> };

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function externalIdOf(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Session ${externalIdOf((await params).sessionId)}` };
}

export default async function SessionPage({ params, searchParams }: Props) {
  const externalId = externalIdOf((await params).sessionId);
  const query = await searchParams;
  const project = first(query.project);
  const tab = parseSessionTab(query.tab);
  const lookup = await findSessionPage(externalId, project);
  const now = new Date();

  if (lookup.kind === "missing") notFound();
  if (lookup.kind === "ambiguous") {
    return (
      <>
        <PageHeader
          title={`Session ${externalId}`}
          description="Several projects have a session with this id. Pick one."
        />
        <Card>
          <ul className="divide-y divide-line">
            {lookup.candidates.map((c) => (
              <li key={c.projectSlug} className="flex items-center gap-3 px-4 py-2.5 text-sm">
                <Link
                  href={sessionHref(externalId, { project: c.projectSlug, tab })}
                  className="font-medium text-accent hover:underline"
                >
                  {c.projectName}
                </Link>
                <StatusBadge status={c.status} />
                <span className="ml-auto text-xs text-fg-muted">
                  updated <RelativeTime date={c.updatedAt} now={now} />
                </span>
              </li>
            ))}
          </ul>
        </Card>
      </>
    );
  }

  const session = lookup.session;
  const hrefs = Object.fromEntries(
    SESSION_TABS.map((t) => [t.id, sessionHref(session.externalId, { project, tab: t.id })]),
  ) as Record<SessionTab, string>;
  const c = session.counts;
  // a tab ready within the budget goes out with the header: streamed, React would hold its
  // reveal until 300 ms after the header's first paint
  const panel = loadTabPanel(tab, session, now);
  const settled = await settledWithin(panel, FIRST_FLUSH_BUDGET_MS);
  return (
    <LiveProvider>
      <SessionLive projectId={session.projectId} externalId={session.externalId} logsTab={tab === "logs"} />
      <div className="float-right ml-3">
        <LiveIndicator />
      </div>
      <SessionHeaderView session={session} now={now} />
      <SessionTabs
        current={tab}
        hrefs={hrefs}
        counts={{
          timeline: c.runs,
          logs: c.logs,
          messages: c.messages,
          tasks: c.tasks,
          state: c.states,
          decisions: c.decisions,
          artifacts: c.artifacts,
          gates: c.gates,
          usage: c.llmCalls,
          source: c.sourceRecords,
        }}
      >
        {settled.ready ? (
          <Fragment key={tab}>{settled.value}</Fragment>
        ) : (
          <Suspense key={tab} fallback={<TabPanelFallback />}>
            <StreamedTabPanel panel={panel} />
          </Suspense>
        )}
      </SessionTabs>
    </LiveProvider>
  );
}
