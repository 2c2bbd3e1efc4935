// Loads and renders the selected tab's first page: with the header when it is ready soon
// enough, else streamed in after it (page.tsx, lib/sessions/first-flush.ts).
import type { ReactNode } from "react";
import { ArtifactList } from "@/components/sessions/artifact-list";
import { DecisionList } from "@/components/sessions/decision-list";
import { GateHistory } from "@/components/sessions/gate-history";
import { LogViewer } from "@/components/sessions/log-viewer";
import { MessageGraphView } from "@/components/sessions/message-graph-view";
import { MessageThread } from "@/components/sessions/message-thread";
import { StateExplorer } from "@/components/sessions/state-explorer";
import { SourceRecordList } from "@/components/sessions/source-record-list";
import { TaskBoard } from "@/components/sessions/task-board";
import { TimelineGantt } from "@/components/sessions/timeline-gantt";
import { UsagePanel } from "@/components/sessions/usage-panel";
import { db } from "@/lib/db/client";
import { loadSessionGates } from "@/lib/gates/session-gates";
import type { SessionTab } from "@/lib/sessions/session-href";
import { loadLogFacets, loadLogPage } from "@/lib/sessions/session-logs";
import type { SessionHeader } from "@/lib/sessions/session-page";
import {
  loadArtifacts,
  loadDecisions,
  loadMessageEdges,
  loadMessageWindow,
  loadStates,
  loadTasks,
} from "@/lib/sessions/session-records";
import { loadTimeline } from "@/lib/sessions/session-runs";
import { loadSessionUsage } from "@/lib/sessions/session-usage";
import { loadSourceRecords } from "@/lib/sessions/source-records";

/** The tab's content once its data is loaded; starting it early lets the page race it against the header. */
export async function loadTabPanel(tab: SessionTab, session: SessionHeader, now: Date): Promise<ReactNode> {
  const id = session.id;
  switch (tab) {
    case "timeline": {
      const timeline = await loadTimeline(id, undefined, now);
      return <TimelineGantt sessionId={id} initial={timeline} now={now.toISOString()} />;
    }
    case "logs": {
      const [page, facets] = await Promise.all([loadLogPage(id, {}), loadLogFacets(id)]);
      return (
        <LogViewer
          sessionId={id}
          session={{ projectId: session.projectId, externalId: session.externalId }}
          initial={page}
          facets={facets}
        />
      );
    }
    case "messages": {
      const [first, edges] = await Promise.all([loadMessageWindow(id, { to: "start" }), loadMessageEdges(id)]);
      return (
        <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <MessageThread
            sessionId={id}
            session={{ projectId: session.projectId, externalId: session.externalId }}
            first={first}
          />
          {edges.length > 0 && (
            <aside
              aria-label="Who talks to whom"
              className="h-fit rounded-lg border border-line bg-surface p-3 lg:sticky lg:top-4"
            >
              <h3 className="mb-2 text-sm font-semibold text-fg">Who talks to whom</h3>
              <MessageGraphView edges={edges} />
            </aside>
          )}
        </div>
      );
    }
    case "tasks": {
      const { tasks, total } = await loadTasks(id);
      return <TaskBoard tasks={tasks} total={total} />;
    }
    case "state":
      return <StateExplorer sessionId={id} first={await loadStates(id)} />;
    case "decisions":
      return <DecisionList sessionId={id} first={await loadDecisions(id)} />;
    case "artifacts":
      return <ArtifactList sessionId={id} first={await loadArtifacts(id)} />;
    case "gates": {
      const { gates, total } = await loadSessionGates(db(), { id, projectId: session.projectId }, now);
      return <GateHistory gates={gates} total={total} now={now} />;
    }
    case "usage":
      return <UsagePanel usage={await loadSessionUsage(id)} />;
    case "source":
      return (
        <SourceRecordList
          page={await loadSourceRecords(session.projectId, session.externalId)}
          empty="No source rows were kept unmapped for this session."
        />
      );
  }
}

/** The tab's content streamed in after the header: for a tab that was not ready within the budget. */
export async function StreamedTabPanel({ panel }: { panel: Promise<ReactNode> }) {
  return await panel;
}

export function TabPanelFallback() {
  return (
    <div className="space-y-2" aria-hidden="true">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="h-7 animate-pulse rounded bg-surface-2" />
      ))}
    </div>
  );
}
