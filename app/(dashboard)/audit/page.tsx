import type { Metadata } from "next";
import Link from "next/link";
import { AlertTriangleIcon, AuditIcon, CheckCircleIcon } from "@/components/icons";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass, SelectField, TextField } from "@/components/ui/form-fields";
import { JsonTree } from "@/components/ui/json-tree";
import { PageHeader } from "@/components/ui/page-header";
import { formatUtcDateTime } from "@/components/ui/relative-time";
import { Table, type TableRow } from "@/components/ui/table";
import { auditChainStatus } from "@/lib/audit/audit-status";
import {
  AUDIT_OUTCOMES,
  AUDIT_READER_ROLE,
  auditFilterParams,
  detailsSummary,
  listAuditEntries,
  parseAuditFilters,
  type AuditEntryRow,
  type SearchParamsInput,
} from "@/lib/audit/audit-queries";
import { hasRole, requirePageUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Audit" };
export const dynamic = "force-dynamic";

const DESCRIPTION = "Who did what, when: an append-only, hash-chained trail. Times are UTC.";

/** datetime-local wants "YYYY-MM-DDTHH:mm" */
const localValue = (d: Date | undefined) => (d ? d.toISOString().slice(0, 16) : "");

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  const user = await requirePageUser();
  if (!hasRole(user, AUDIT_READER_ROLE)) {
    return (
      <>
        <PageHeader title="Audit" description={DESCRIPTION} />
        <Card>
          <EmptyState title="Only admins can read the audit trail." icon={<AuditIcon className="size-5" />}>
            <p>
              It records every user&apos;s actions with their IP address. A session&apos;s gate decisions are shown on
              the session&apos;s page.
            </p>
          </EmptyState>
        </Card>
      </>
    );
  }
  const parsed = parseAuditFilters(await searchParams);
  const filters = parsed.filters;
  const [page, status] = await Promise.all([listAuditEntries(db(), filters), auditChainStatus(db())]);
  const params = auditFilterParams(filters);
  const exportHref = (format: "csv" | "ndjson") =>
    `/audit/export?${new URLSearchParams([["format", format], ...params.entries()]).toString()}`;
  const olderHref =
    page.nextBefore === null
      ? null
      : `/audit?${new URLSearchParams([...params.entries(), ["before", String(page.nextBefore)]]).toString()}`;
  const filtered = [...params.keys()].some((k) => k !== "limit");

  return (
    <>
      <PageHeader
        title="Audit"
        description={DESCRIPTION}
        actions={
          <>
            <a className={buttonClass.secondary} href={exportHref("csv")} download>
              Export CSV
            </a>
            <a className={buttonClass.secondary} href={exportHref("ndjson")} download>
              Export NDJSON
            </a>
          </>
        }
      />
      <div className="space-y-4">
        {status.ok ? (
          <p
            role="status"
            data-testid="audit-verification"
            className="flex items-center gap-2 rounded-md border border-ok/40 bg-ok-soft px-3 py-2 text-sm text-fg"
          >
            <CheckCircleIcon className="size-4 shrink-0 text-ok" />
            <span>
              Hash chain intact: {status.entries} {status.entries === 1 ? "entry" : "entries"} verified
              {status.lastSeq !== null ? ` (last #${status.lastSeq})` : ""}. New entries are checked on each visit; the
              whole chain is re-walked every 10 minutes.
            </span>
          </p>
        ) : (
          <p
            role="alert"
            data-testid="audit-verification"
            className="flex items-center gap-2 rounded-md border border-danger bg-danger-soft px-3 py-2 text-sm text-fg"
          >
            <AlertTriangleIcon className="size-4 shrink-0 text-danger" />
            <span>
              Hash chain broken at entry #{status.brokenSeq}: {status.reason}. {status.entries} entries before it
              verified. Run <code>npm run cli -- audit verify</code> for details.
            </span>
          </p>
        )}

        <Card>
          <form
            method="get"
            action="/audit"
            aria-label="Filter audit entries"
            className="grid gap-3 p-4 sm:grid-cols-3 lg:grid-cols-6"
          >
            <TextField
              name="action"
              label="Action"
              defaultValue={filters.action ?? ""}
              placeholder="e.g. apikey.created"
              maxLength={100}
            />
            <TextField
              name="actor"
              label="Actor"
              defaultValue={filters.actor ?? ""}
              placeholder="name, email or id"
              maxLength={200}
            />
            <TextField
              name="target"
              label="Target"
              defaultValue={filters.target ?? ""}
              placeholder="type or id"
              maxLength={200}
            />
            <SelectField
              name="outcome"
              label="Outcome"
              defaultValue={filters.outcome ?? ""}
              options={[{ value: "", label: "any" }, ...AUDIT_OUTCOMES.map((o) => ({ value: o, label: o }))]}
            />
            <TextField
              name="from"
              label="From (UTC)"
              type="datetime-local"
              defaultValue={localValue(filters.from)}
              invalid={parsed.ok ? undefined : parsed.field === "from"}
            />
            <TextField
              name="to"
              label="To (UTC)"
              type="datetime-local"
              defaultValue={localValue(filters.to)}
              invalid={parsed.ok ? undefined : parsed.field === "to"}
            />
            <div className="flex items-center gap-3 sm:col-span-3 lg:col-span-6">
              <button type="submit" className={buttonClass.primary}>
                Filter
              </button>
              {filtered && (
                <Link href="/audit" className="text-sm text-accent hover:underline">
                  Clear filters
                </Link>
              )}
              {!parsed.ok && (
                <p role="alert" className="text-sm text-danger">
                  {parsed.error}. Showing all entries instead.
                </p>
              )}
            </div>
          </form>
        </Card>

        <Card title={filters.before ? `Entries before #${filters.before}` : "Newest entries"}>
          {/* A keyset page of the trail: it keeps the trail's order (newest first), so no column sorts. */}
          <Table
            caption="Audit entries"
            testId="audit-table"
            empty={
              <EmptyState
                title={filtered ? "No entry matches these filters." : "The audit trail is empty."}
                icon={<AuditIcon className="size-5" />}
              >
                <p>
                  {filtered
                    ? "Widen the filters or clear them."
                    : "Sign-ins, gate decisions and settings changes are recorded here."}
                </p>
              </EmptyState>
            }
            columns={[
              { key: "seq", header: "#", className: "tabular-nums" },
              { key: "time", header: "Time (UTC)", className: "whitespace-nowrap" },
              { key: "actor", header: "Actor" },
              { key: "action", header: "Action", className: "font-mono text-xs" },
              { key: "target", header: "Target" },
              { key: "outcome", header: "Outcome" },
              { key: "ip", header: "IP", className: "font-mono text-xs" },
              { key: "details", header: "Details", className: "max-w-md" },
            ]}
            rows={page.entries.map(auditRow)}
          />
          {(olderHref || filters.before) && (
            <nav aria-label="Audit pages" className="flex gap-4 border-t border-line px-4 py-3 text-sm">
              {filters.before && (
                <Link className="text-accent hover:underline" href={`/audit?${params.toString()}`}>
                  Newest entries
                </Link>
              )}
              {olderHref && (
                <Link className="text-accent hover:underline" href={olderHref}>
                  Older entries
                </Link>
              )}
            </nav>
          )}
        </Card>
      </div>
    </>
  );
}

const outcomeClass: Record<string, string> = {
  success: "text-ok",
  denied: "text-warn font-medium",
  error: "text-danger font-medium",
};

// Every value here may have been written by an agent or a user: plain text only.
function auditRow(e: AuditEntryRow): TableRow {
  const summary = detailsSummary(e.details);
  const hasMore = e.details !== null || e.before !== null || e.after !== null || e.userAgent !== null;
  return {
    key: String(e.seq),
    testId: "audit-row",
    cellClass: { outcome: outcomeClass[e.outcome] ?? "" },
    cells: {
      seq: e.seq,
      time: formatUtcDateTime(e.createdAt).replace(" UTC", ""),
      actor: (
        <>
          <span className="break-all">{e.actorName ?? e.actorId ?? e.actorType}</span>
          <span className="block text-xs text-fg-muted">
            {e.actorType}
            {e.actorRole ? ` · ${e.actorRole}` : ""}
          </span>
        </>
      ),
      action: e.action,
      target: e.targetType ? (
        <>
          {e.targetType}
          <span className="block font-mono text-xs break-all text-fg-muted">{e.targetId}</span>
        </>
      ) : (
        <span className="text-fg-muted">none</span>
      ),
      outcome: e.outcome,
      ip: e.ip ?? "",
      details: hasMore ? (
        <details>
          <summary className="cursor-pointer break-words">{summary || "more"}</summary>
          <div className="mt-2 space-y-2">
            {e.details !== null && <JsonTree value={e.details} label="details" />}
            {e.before !== null && <JsonTree value={e.before} label="before" />}
            {e.after !== null && <JsonTree value={e.after} label="after" />}
            {e.userAgent && <p className="text-xs break-all text-fg-muted">user agent: {e.userAgent}</p>}
            <p className="font-mono text-[11px] break-all text-fg-subtle">hash {e.hash}</p>
          </div>
        </details>
      ) : (
        <span className="font-mono text-[11px] text-fg-subtle">{e.hash.slice(0, 12)}…</span>
      ),
    },
  };
}
