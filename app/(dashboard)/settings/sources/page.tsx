import type { Metadata } from "next";
import Link from "next/link";
import { PeriodicRefresh } from "@/components/settings/periodic-refresh";
import { RegisterSourceForm, SourceRowActions } from "@/components/settings/source-forms";
import { SourceStatusBadge } from "@/components/settings/source-status-badge";
import { Card } from "@/components/ui/card";
import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { requirePageUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { projectOptions } from "@/lib/projects/projects";
import { followingEnabled } from "@/lib/importers/source-follower";
import { POLL_INTERVAL } from "@/lib/importers/source-schemas";
import { listSources } from "@/lib/importers/source-settings";
import { sourceStatus } from "@/lib/importers/source-status";
import type { StoredSummary } from "@/lib/importers/run-import";
import { SYSTEMS } from "@/lib/importers/types";
import { registerSourceAction, removeSourceAction, syncSourceAction, updateSourceAction } from "@/lib/importers/source-actions";

export const metadata: Metadata = { title: "Sources · Settings" };
export const dynamic = "force-dynamic";

const th = "text-fg-muted px-3 py-2 text-left text-xs font-medium whitespace-nowrap";
const td = "px-3 py-2 align-top";

/** What the last pass that read the source found, per table (collapsed). */
function LastPassSummary({ summary }: { summary: StoredSummary }) {
  const raw = summary.tables.reduce((n, t) => n + t.keptRaw, 0);
  const rejected = summary.tables.reduce((n, t) => n + t.rejected, 0);
  return (
    <details className="mt-1 text-xs" data-testid="source-summary">
      <summary className="text-fg-muted cursor-pointer">
        {summary.version ?? "version not detected"} · {summary.tables.length} tables · {raw} kept raw · {rejected} rejected
      </summary>
      <table className="mt-1 w-full tabular-nums">
        <thead>
          <tr className="text-fg-subtle text-left">
            {["table", "read", "imported", "updated", "kept raw", "deleted", "rejected"].map((h) => (
              <th key={h} className="pr-2 font-normal">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.tables.map((t) => (
            <tr key={t.table}>
              <td className="pr-2 font-mono">{t.table}</td>
              <td className="pr-2">{t.read}</td>
              <td className="pr-2">{t.imported}</td>
              <td className="pr-2">{t.updated}</td>
              <td className="pr-2">{t.keptRaw}</td>
              <td className="pr-2">{t.deleted}</td>
              <td className="pr-2" title={t.firstRejection}>
                {t.rejected}
                {t.firstRejection ? ` (${t.firstRejection})` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-fg-subtle mt-1">local times read in {summary.timeZone}</p>
    </details>
  );
}

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
        <p role="note" className="border-warn-line bg-warn-soft text-warn rounded-md border px-3 py-2 text-sm">
          This server does not follow sources (<Code>OBSERVATORY_FOLLOW_SOURCES=0</Code>): registered sources are kept but not synced.
        </p>
      )}
      <Card
        title="Sources"
        description={
          <>
            Orchestrator databases the server follows, like <Code>npm run cli -- import &lt;system&gt; &lt;source&gt; --watch</Code>: each poll imports only what changed, and
            imported sessions show up live. Sources imported once from the command line are listed paused.
          </>
        }
      >
        {sources.length === 0 ? (
          <EmptyState title="No sources yet.">
            <p>{admin ? "Register an orchestrator's database below; the server then keeps importing it." : "An admin can register orchestrator databases here."}</p>
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" aria-label="Sources">
              <thead className="border-line border-b">
                <tr>
                  <th className={th}>System</th>
                  <th className={th}>Location</th>
                  <th className={th}>Project</th>
                  <th className={th}>Interval</th>
                  <th className={th}>Status</th>
                  <th className={th}>Last sync</th>
                  <th className={`${th} text-right`}>Rows imported</th>
                  {admin && <th className={th}>Actions</th>}
                </tr>
              </thead>
              <tbody>
                {sources.map((s) => (
                  <tr key={s.id} className="border-line border-b last:border-b-0" data-testid="source-row" data-source-id={s.id}>
                    <td className={`${td} font-medium`}>{s.system}</td>
                    <td className={`${td} max-w-md`}>
                      <span className="font-mono text-xs break-all">{s.location}</span>
                      <p className="text-fg-subtle mt-0.5 text-xs">
                        local times read in {s.timeZone ?? "this server's zone"} ·{" "}
                        <Link className="hover:underline" href={`/settings/sources/records?project=${encodeURIComponent(s.project.slug)}`}>
                          kept records
                        </Link>
                      </p>
                      {s.lastSummary && <LastPassSummary summary={s.lastSummary as unknown as StoredSummary} />}
                      {s.lastError && (
                        <p className="border-danger/40 bg-danger-soft text-danger mt-1 rounded border px-2 py-1 text-xs break-words whitespace-pre-wrap" data-testid="source-error">
                          {s.lastError}
                        </p>
                      )}
                    </td>
                    <td className={td}>
                      <Link className="hover:underline" href={`/sessions?project=${encodeURIComponent(s.project.slug)}`}>
                        {s.project.name}
                      </Link>
                    </td>
                    <td className={`${td} whitespace-nowrap`}>{s.pollIntervalSec} s</td>
                    <td className={td}>
                      <SourceStatusBadge status={sourceStatus(s)} />
                      {s.syncRequested && <p className="text-fg-subtle mt-1 text-xs">sync requested</p>}
                    </td>
                    <td className={td} data-testid="source-last-sync">
                      {s.lastSyncAt ? <RelativeTime date={s.lastSyncAt} now={now} /> : <span className="text-fg-subtle">never</span>}
                    </td>
                    <td className={`${td} text-right tabular-nums`} data-testid="source-rows">
                      {s.rowsImported.toLocaleString("en-US")}
                    </td>
                    {admin && (
                      <td className={td}>
                        <SourceRowActions id={s.id} location={s.location} enabled={s.enabled} pollIntervalSec={s.pollIntervalSec} actions={rowActions} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {admin && (
        <Card
          title="Register a source"
          description={
            <>
              The source is opened read-only and checked before it is saved: it must exist, be reachable and be that system&apos;s database. A PostgreSQL URL is stored
              without its password; the full URL is kept encrypted with the server&apos;s auth secret (<Code>OBSERVATORY_AUTH_SECRET</Code>, or the one generated
              into the database), so set that variable to keep the key outside the database, and register the source again if the secret changes.
            </>
          }
        >
          <RegisterSourceForm action={registerSourceAction} systems={SYSTEMS} projects={projects} defaultInterval={POLL_INTERVAL.default} />
        </Card>
      )}
    </div>
  );
}
