import "server-only";
// Source rows kept as they are (SourceRecord): tables and columns the mapping does not know,
// and rows that were deleted in the source. One record per (source table, row key), updated
// in place when the row changes, so a re-import never adds a second one.
import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/audit/canonical-json";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import type { RawRecord, SystemName } from "./types";

export type SourceRecordKey = { projectId: string; source: SystemName; table: string };

function plain(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** The record's key within its table: the row key, and the reason when a row keeps several. */
export function recordKey(rowKey: string, record: RawRecord, many: boolean): string {
  return many ? `${rowKey}#${record.reason}` : rowKey;
}

/** Upserts the raw records of one source row; true when something was written. */
export async function storeRawRecords(
  db: Db,
  where: SourceRecordKey,
  rowKey: string,
  records: RawRecord[],
): Promise<boolean> {
  let changed = false;
  for (const record of records) {
    const key = recordKey(rowKey, record, records.length > 1);
    const data = plain(record.data) as Prisma.InputJsonValue;
    const hash = createHash("sha256")
      .update(canonicalJson({ data, reason: record.reason, sessionRef: record.sessionRef ?? null }))
      .digest("hex")
      .slice(0, 16);
    const unique = {
      projectId_source_table_rowKey: {
        projectId: where.projectId,
        source: where.source,
        table: where.table,
        rowKey: key,
      },
    };
    const existing = await db.sourceRecord.findUnique({ where: unique, select: { hash: true, deletedAt: true } });
    if (existing && existing.hash === hash && !existing.deletedAt) continue;
    const fields = {
      reason: record.reason,
      sessionRef: record.sessionRef ?? null,
      data,
      hash,
      recordedAt: record.at ?? null,
      deletedAt: null,
      updatedAt: new Date(),
    };
    await db.sourceRecord.upsert({ where: unique, create: { ...where, rowKey: key, ...fields }, update: fields });
    changed = true;
  }
  return changed;
}

/** Marks every record of a row deleted in the source (or leaves a tombstone for a mapped row). */
export async function markRowDeleted(db: Db, where: SourceRecordKey, rowKey: string, at: Date): Promise<void> {
  const updated = await db.sourceRecord.updateMany({
    where: { ...where, OR: [{ rowKey }, { rowKey: { startsWith: `${rowKey}#` } }], deletedAt: null },
    data: { deletedAt: at, updatedAt: at },
  });
  if (updated.count > 0) return;
  const unique = { projectId_source_table_rowKey: { ...where, rowKey } };
  const tombstone = {
    reason: "deleted in source",
    data: { rowKey } as Prisma.InputJsonValue,
    hash: "deleted",
    deletedAt: at,
    updatedAt: at,
  };
  await db.sourceRecord.upsert({
    where: unique,
    create: { ...where, rowKey, ...tombstone },
    update: { deletedAt: at, updatedAt: at },
  });
}
