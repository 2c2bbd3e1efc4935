import type { Metadata } from "next";
import Link from "next/link";
import { PeriodicRefresh } from "@/components/settings/periodic-refresh";
import { RegisterSourceForm, SourceRowActions } from "@/components/settings/source-forms";
import { LastPassSummary } from "@/components/settings/source-pass-summary";
import { SourceStatusBadge } from "@/components/settings/source-status-badge";
import { Card } from "@/components/ui/card";
import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { projectOptions } from "@/lib/projects/projects";
import { followingEnabled } from "@/lib/importers/source-follower";
import { POLL_INTERVAL } from "@/lib/importers/source-schemas";
import { listSources } from "@/lib/importers/source-settings";
import { sourceStatus } from "@/lib/importers/source-status";
import type { StoredSummary } from "@/lib/importers/run-import";
import { SYSTEMS } from "@/lib/importers/types";
import {
  registerSourceAction,
  removeSourceAction,
  syncSourceAction,
  updateSourceAction,
} from "@/lib/importers/source-actions";

export const metadata: Metadata = { title: "Sources · Settings" };
export const dynamic = "force-dynamic";

export default async function SourcesSettingsPage() {
  const user = await requirePageUser();
  const admin = user.role === "admin";
  const [sources, projects] = await Promise.all([
    listSources(db()),
    admin ? projectOptions(db()) : Promise.resolve([]),
  ]);
  const now = new Date();
  const rowActions = { sync: syncSourceAction, update: updateSourceAction, remove: removeSourceAction };
  return (
    <div className="space-y-5">
      <PeriodicRefresh everyMs={3_000} />
      {!followingEnabled() && (
        <p role="note" className="rounded-md border border-warn-line bg-warn-soft px-3 py-2 text-sm text-warn">
          This server does not follow sources (<Code>OBSERVATORY_FOLLOW_SOURCES=0</Code>): registered sources are kept
          but not synced.
        </p>
      )}
      <Card
        title="Sources"
        description={
          <>
            Orchestrator databases the server follows, like{" "}
            <Code>npm run cli -- import &lt;system&gt; &lt;source&gt; --watch</Code>: each poll imports only what
            changed, and imported sessions show up live. Sources imported once from the command line are listed paused.
          </>
        }
      >
        <Table
          caption="Sources"
          empty={
            <EmptyState title="No sources yet.">
              <p>
                {admin
                  ? "Register an orchestrator's database below; the server then keeps importing it."
                  : "An admin can register orchestrator databases here."}
              </p>
            </EmptyState>
          }
          columns={[
            { key: "system", header: "System", sortable: true, className: "font-medium" },
            { key: "location", header: "Location", sortable: true, className: "max-w-md" },
            { key: "project", header: "Project", sortable: true },
            { key: "interval", header: "Interval", sortable: true, className: "whitespace-nowrap" },
            { key: "status", header: "Status", sortable: true },
            { key: "lastSync", header: "Last sync", sortable: true },
            { key: "rows", header: "Rows imported", sortable: true, align: "right" },
            ...(admin ? [{ key: "actions", header: "Actions" }] : []),
          ]}
          rows={sources.map((s) => ({
            key: s.id,
            testId: "source-row",
            data: { "source-id": s.id },
            sort: {
              location: s.location,
              project: s.project.name,
              interval: s.pollIntervalSec,
              status: sourceStatus(s),
              lastSync: s.lastSyncAt?.getTime(),
              rows: s.rowsImported,
            },
            cells: {
              system: s.system,
              location: (
                <>
                  <span className="font-mono text-xs break-all">{s.location}</span>
                  <p className="mt-0.5 text-xs text-fg-subtle">
                    local times read in {s.timeZone ?? "this server's zone"} ·{" "}
                    <Link
                      className="hover:underline"
                      href={`/settings/sources/records?project=${encodeURIComponent(s.project.slug)}`}
                    >
                      kept records
                    </Link>
                  </p>
                  {s.lastSummary && <LastPassSummary summary={s.lastSummary as unknown as StoredSummary} />}
                  {s.lastError && (
                    <p
                      className="mt-1 rounded border border-danger/40 bg-danger-soft px-2 py-1 text-xs break-words whitespace-pre-wrap text-danger"
                      data-testid="source-error"
                    >
                      {s.lastError}
                    </p>
                  )}
                </>
              ),
              project: (
                <Link className="hover:underline" href={`/sessions?project=${encodeURIComponent(s.project.slug)}`}>
                  {s.project.name}
                </Link>
              ),
              interval: `${s.pollIntervalSec} s`,
              status: (
                <>
                  <SourceStatusBadge status={sourceStatus(s)} />
                  {s.syncRequested && <p className="mt-1 text-xs text-fg-subtle">sync requested</p>}
                </>
              ),
              lastSync: (
                <span data-testid="source-last-sync">
                  {s.lastSyncAt ? (
                    <RelativeTime date={s.lastSyncAt} now={now} />
                  ) : (
                    <span className="text-fg-subtle">never</span>
                  )}
                </span>
              ),
              rows: <span data-testid="source-rows">{s.rowsImported.toLocaleString("en-US")}</span>,
              actions: admin && (
                <SourceRowActions
                  id={s.id}
                  location={s.location}
                  enabled={s.enabled}
                  pollIntervalSec={s.pollIntervalSec}
                  actions={rowActions}
                />
              ),
            },
          }))}
        />
      </Card>
      {admin && (
        <Card
          title="Register a source"
          description={
            <>
              The source is opened read-only and checked before it is saved: it must exist, be reachable and be that
              system&apos;s database. A PostgreSQL URL is stored without its password; the full URL is kept encrypted
              with the server&apos;s auth secret (<Code>OBSERVATORY_AUTH_SECRET</Code>, or the one generated into the
              database), so set that variable to keep the key outside the database, and register the source again if the
              secret changes.
            </>
          }
        >
          <RegisterSourceForm
            action={registerSourceAction}
            systems={SYSTEMS}
            projects={projects}
            defaultInterval={POLL_INTERVAL.default}
          />
        </Card>
      )}
    </div>
  );
}
