import Link from "next/link";
import type { ReactNode } from "react";
import { ApprovalsIcon } from "@/components/icons";
import { formatCount } from "@/components/ui/format-count";
import { formatUsd } from "@/components/ui/format-usage";
import { LiveDuration } from "@/components/ui/live-duration";
import { formatUtcDateTime, RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { isUnmappedStatus } from "@/lib/ingest/status";
import type { SessionHeader } from "@/lib/sessions/session-page";
import { isActiveStatus } from "@/lib/sessions/session-duration";
import { sessionHref } from "@/lib/sessions/session-href";
import { sessionLabel } from "@/lib/sessions/session-label";
import { MissionText } from "./mission-text";
import { PhaseStepper } from "./phase-stepper";

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-fg-subtle">{label}</dt>
      <dd className="truncate text-sm font-medium text-fg tabular-nums" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

// Title, mission, phases and figures of one session. Agent text is rendered as text only.
export function SessionHeaderView({ session, now }: { session: SessionHeader; now: Date }) {
  const title = session.title?.trim() ? sessionLabel(session, 200) : session.externalId;
  const gate = session.pendingGate;
  return (
    <header className="mb-4 space-y-3">
      <nav aria-label="Breadcrumb" className="text-xs text-fg-muted">
        <Link href="/sessions" className="hover:text-fg hover:underline">
          Sessions
        </Link>
        <span aria-hidden="true"> / </span>
        <span className="font-mono">{session.externalId}</span>
      </nav>
      {(gate || session.status === "awaiting_approval") && (
        <div
          role="status"
          data-testid="gate-banner"
          className="flex flex-wrap items-center gap-2 rounded-lg border border-warn-line bg-warn-soft px-4 py-2.5 text-sm text-warn"
        >
          <ApprovalsIcon className="size-4" />
          <span className="font-semibold">
            {gate ? "A gate is waiting for a decision:" : "This session is awaiting approval."}
          </span>
          {gate && <span className="text-fg">{gate.title}</span>}
          {gate && (
            <span className="text-xs text-fg-muted">
              expires <RelativeTime date={gate.expiresAt} now={now} />
            </span>
          )}
          <Link href="/approvals" className="ml-auto font-semibold underline underline-offset-2">
            Review in Approvals
          </Link>
        </div>
      )}
      <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
        <h1 className="min-w-0 text-lg font-semibold tracking-tight break-words text-fg" data-testid="session-title">
          {title}
        </h1>
        <span data-testid="session-status">
          <StatusBadge status={session.status} sourceStatus={session.sourceStatus} />
        </span>
        {session.sourceStatus &&
          session.sourceStatus !== session.status &&
          !isUnmappedStatus(session.status, session.sourceStatus) && (
            <span className="self-center text-xs text-fg-subtle">source says “{session.sourceStatus}”</span>
          )}
        {session.status === "unknown" && (
          <span className="self-center text-xs text-fg-subtle">
            no session row in the source: only other records name this session
          </span>
        )}
      </div>
      {session.mission && <MissionText text={session.mission} />}
      <PhaseStepper phases={session.phases} status={session.status} />
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 rounded-lg border border-line bg-surface px-4 py-3 sm:grid-cols-4 lg:grid-cols-8">
        <Fact label="Duration">
          <LiveDuration
            startedAt={session.startedAt.toISOString()}
            endedAt={session.endedAt?.toISOString() ?? null}
            running={isActiveStatus(session.status)}
            serverNow={now.toISOString()}
            fallbackEnd={session.updatedAt.toISOString()}
          />
        </Fact>
        <Fact label="Iteration">{session.iteration ?? "—"}</Fact>
        <Fact label="QA passed">{session.qaPassed === null ? "—" : session.qaPassed ? "Yes" : "No"}</Fact>
        <Fact label="Tokens" testId="session-tokens">
          {formatCount(session.totalTokens)}
        </Fact>
        <Fact label="Cost" testId="session-cost">
          {formatUsd(session.costUsd)}
        </Fact>
        <Fact label="Errors">
          <span className={session.errorCount > 0 ? "text-danger" : undefined}>{session.errorCount}</span>
        </Fact>
        <Fact label="Source system">{session.source}</Fact>
        <Fact label="Project">{session.projectName}</Fact>
        <Fact label="Started">
          <span title={formatUtcDateTime(session.startedAt)}>
            <RelativeTime date={session.startedAt} now={now} />
          </span>
        </Fact>
        <Fact label="Last activity">
          <RelativeTime date={session.updatedAt} now={now} />
        </Fact>
        {session.mode && <Fact label="Mode">{session.mode}</Fact>}
        {session.parentExternalId && (
          <Fact label="Parent session">
            <Link href={sessionHref(session.parentExternalId)} className="font-mono text-accent hover:underline">
              {session.parentExternalId}
            </Link>
          </Fact>
        )}
      </dl>
    </header>
  );
}
