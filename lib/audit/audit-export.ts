import "server-only";
// Starting an export of the audit trail: it is itself audited (audit.exported, with the
// filters and the number of rows) before the first byte is sent, and it covers the entries
// that existed when it started, so its row count is exact.
import type { Db } from "@/lib/db/client";
import { appendAudit, type AuditActor } from "./append-audit";
import { auditWhere, filtersForAudit, type AuditFilters } from "./audit-queries";

export async function startAuditExport(
  db: Db,
  input: { format: string; filters: AuditFilters; actor: AuditActor; ip?: string; userAgent?: string },
): Promise<{ filters: AuditFilters; rows: number }> {
  return db.$transaction(async (tx) => {
    const last = await tx.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
    // everything up to now (the cursor of the page is not part of an export)
    const snapshot = { ...input.filters, before: (last?.seq ?? 0) + 1 };
    const count = await tx.auditEntry.count({ where: auditWhere(snapshot) });
    await appendAudit(tx, {
      actor: input.actor,
      action: "audit.exported",
      outcome: "success",
      ip: input.ip,
      userAgent: input.userAgent,
      details: { format: input.format, filters: filtersForAudit(input.filters), rows: count, upToSeq: last?.seq ?? 0 },
    });
    return { filters: snapshot, rows: count };
  });
}
