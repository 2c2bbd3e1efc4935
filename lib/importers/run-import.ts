import "server-only";
// One import pass: read each table (past its watermark, or all rows of a mutable table),
// map rows to ingest events, and store them through the ingest pipeline — the same upsert
// logic agents use. Unchanged rows are skipped; event ids carry the row's content hash, so a
// re-import is a no-op even without saved state, and a row that changes again carries its
// revision too, so content it had before is stored again instead of taken for a replay.
// Records that have no event type (configs, agent profiles, prompt versions, the source's
// audit history) are upserted by direct-writes.
import { createHash } from "node:crypto";
import { appendAudit } from "@/lib/audit/append-audit";
import { canonicalJson } from "@/lib/audit/canonical-json";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { ingestEvents } from "@/lib/ingest/pipeline";
import type { IngestEventInput } from "@/lib/ingest/schemas";
import { hasDirectRecords, storeDirectRecords } from "./direct-writes";
import { serverTimeZone } from "./local-time";
import { RowContext } from "./map-context";
import type { Row } from "./source";
import { markRowDeleted, storeRawRecords } from "./source-records";
import type { DirectRecords, OpenedImport, RawRecord, SystemName, TableReader } from "./types";

export type ImportState = {
  watermarks: Record<string, string | number>;
  hashes: Record<string, Record<string, string>>;
  /**
   * per table, how often a row's content changed (or it came back after a deletion) since it
   * was first seen: a row that returns to an earlier content (a status cycling back) gets new
   * event ids from it, where its content hash alone would name events already stored
   */
  revisions: Record<string, Record<string, number>>;
  /** the source's change token after the last complete pass */
  token?: string;
};

export type StoredSummary = {
  at: string;
  version: string | null;
  timeZone: string;
  tables: Pick<
    TableSummary,
    "table" | "read" | "imported" | "updated" | "skipped" | "keptRaw" | "deleted" | "rejected" | "firstRejection"
  >[];
};

export type TableSummary = {
  table: string;
  read: number;
  imported: number;
  updated: number;
  skipped: number;
  rejected: number;
  /** rows kept (in part or whole) as raw source records: not mapped, still visible */
  keptRaw: number;
  /** rows that disappeared from the source since the last pass */
  deleted: number;
  /** the first reason a row was rejected */
  firstRejection?: string;
  /** problems with rows that were still imported, by reason */
  issues: Record<string, number>;
  /** why rows were skipped or rejected, by reason */
  reasons: Record<string, number>;
};

export type PassSummary = {
  system: SystemName;
  dryRun: boolean;
  /** the schema version the importer detected */
  version?: string;
  /** the zone local-time columns were read in */
  timeZone: string;
  /** the source's change token was unchanged: nothing was read */
  unchanged: boolean;
  tables: TableSummary[];
  totals: Omit<TableSummary, "table" | "issues" | "reasons" | "firstRejection">;
  /** rows whose content changed since the last pass (table, key, new content hash), the first 50 */
  changedRows: { table: string; key: string; hash: string }[];
};

export type PassOptions = {
  db: Db;
  projectId: string;
  system: SystemName;
  state: ImportState;
  dryRun?: boolean;
  now?: Date;
  /** IANA zone of the source's local-time columns (default: this server's) */
  timeZone?: string;
  onProgress?: (table: string, done: number, total: number) => void;
};

const BATCH_EVENTS = 500;

export function emptyState(): ImportState {
  return { watermarks: {}, hashes: {}, revisions: {} };
}

function jsonSafe(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  return value;
}

export function rowHash(row: Row): string {
  const plain = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, jsonSafe(v)]));
  return createHash("sha256").update(canonicalJson(plain)).digest("hex").slice(0, 16);
}

/**
 * A mutable row's next revision: none for a row seen for the first time (its events are named
 * by content alone, as a re-import without saved state names them), else one more than the
 * last, for a row whose content changed or that was deleted and is back.
 */
export function rowRevision(
  hash: string | undefined,
  previousHash: string | undefined,
  previousRevision: number | undefined,
): number | undefined {
  if (hash === undefined || (previousHash === undefined && previousRevision === undefined)) return undefined;
  return (previousRevision ?? 0) + 1;
}

function bump(map: Record<string, number>, reason: string, n = 1): void {
  map[reason] = (map[reason] ?? 0) + n;
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** PostgreSQL returns BIGINT ids as strings: compare numbers as numbers, not as text. */
function asWatermark(value: unknown): string | number | undefined {
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string" && NUMERIC.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
  return typeof value === "string" || typeof value === "number" ? value : undefined;
}

export function maxWatermark(previous: string | number | undefined, b: unknown): string | number | undefined {
  const a = asWatermark(previous);
  const v = asWatermark(b);
  if (v === undefined) return a;
  if (a === undefined) return v;
  return typeof a === "number" && typeof v === "number" ? Math.max(a, v) : String(v) > String(a) ? v : a;
}

type PendingRow = {
  key: string;
  hash?: string;
  /** the row's revision, when it was seen before with other content or deleted */
  revision?: number;
  events: IngestEventInput[];
  direct: DirectRecords;
  raw: RawRecord[];
  previously: boolean;
};

function reject(summary: TableSummary, reason: string): void {
  summary.rejected++;
  summary.firstRejection ??= reason;
  bump(summary.reasons, reason);
}

async function importTable(
  reader: TableReader,
  options: PassOptions,
  changedRows: PassSummary["changedRows"],
): Promise<TableSummary> {
  const { state, system, now = new Date() } = options;
  const timeZone = options.timeZone ?? serverTimeZone();
  const summary: TableSummary = {
    table: reader.table,
    read: 0,
    imported: 0,
    updated: 0,
    skipped: 0,
    rejected: 0,
    keptRaw: 0,
    deleted: 0,
    issues: {},
    reasons: {},
  };
  const since = reader.mode.kind === "append" ? state.watermarks[reader.table] : undefined;
  const rows = await reader.read(since);
  summary.read = rows.length;
  const hashes = (state.hashes[reader.table] ??= {});
  const revisions = (state.revisions[reader.table] ??= {});
  const pending: PendingRow[] = [];
  const seen = new Set<string>();
  let watermark = since;
  for (const row of rows) {
    const key = reader.key(row);
    seen.add(key);
    if (reader.mode.kind === "append") watermark = maxWatermark(watermark, row[reader.mode.column]);
    const hash = reader.mode.kind === "mutable" ? rowHash(row) : undefined;
    if (hash !== undefined && hashes[key] === hash) {
      summary.skipped++;
      bump(summary.reasons, "unchanged since the last pass");
      continue;
    }
    const ctx = new RowContext(system, reader.table, key, now, timeZone);
    let mapped;
    try {
      mapped = reader.map(row, ctx);
    } catch (error) {
      reject(summary, `could not map: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    for (const issue of ctx.issues) bump(summary.issues, issue);
    const revision = rowRevision(hash, hashes[key], revisions[key]);
    const suffix = revision === undefined ? `@${hash}` : `@${hash}~${revision}`;
    const events = [
      ...(hash === undefined ? mapped.events : mapped.events.map((e) => ({ ...e, id: `${e.id}${suffix}` }))),
      ...(mapped.once ?? []),
    ];
    const direct: DirectRecords = {
      configs: mapped.configs,
      profiles: mapped.profiles,
      promptVersions: mapped.promptVersions,
      sourceAudit: mapped.sourceAudit,
    };
    pending.push({ key, hash, revision, events, direct, raw: mapped.raw ?? [], previously: hashes[key] !== undefined });
  }
  // a mutable table is read whole: a key seen last time and missing now was deleted
  const deletedKeys = reader.mode.kind === "mutable" ? Object.keys(hashes).filter((k) => !seen.has(k)) : [];

  let done = 0;
  const total = pending.length;
  options.onProgress?.(reader.table, 0, total);
  for (let i = 0; i < pending.length;) {
    // whole rows per batch, about BATCH_EVENTS events each
    const batch: PendingRow[] = [];
    let size = 0;
    while (i < pending.length && (batch.length === 0 || size + pending[i]!.events.length <= BATCH_EVENTS)) {
      size += pending[i]!.events.length;
      batch.push(pending[i++]!);
    }
    const events = batch.flatMap((p) => p.events);
    const results =
      options.dryRun || events.length === 0
        ? undefined
        : await ingestEvents(options.db, options.projectId, events, { source: system });
    let offset = 0;
    for (const row of batch) {
      const direct = hasDirectRecords(row.direct);
      // records without an ingest event type (configs, profiles, …): written next to the events
      const directChanged =
        direct && !options.dryRun ? await storeDirectRecords(options.db, options.projectId, system, row.direct) : false;
      const rowResults = results?.slice(offset, offset + row.events.length) ?? [];
      offset += row.events.length;
      const rejected = rowResults.find((r) => r.status >= 400);
      if (rejected) {
        reject(summary, rejected.error?.message ?? `status ${rejected.status}`);
        continue;
      }
      if (row.raw.length > 0) summary.keptRaw++;
      const rawChanged =
        row.raw.length > 0 && !options.dryRun
          ? await storeRawRecords(
              options.db,
              { projectId: options.projectId, source: system, table: reader.table },
              row.key,
              row.raw,
            )
          : false;
      const stored =
        options.dryRun ||
        directChanged ||
        rawChanged ||
        rowResults.some((r) => r.status === 201) ||
        (rowResults.length === 0 && !direct && row.raw.length === 0);
      if (!stored) {
        summary.skipped++;
        bump(summary.reasons, "already imported");
      } else if (row.previously) {
        summary.updated++;
        if (row.hash !== undefined && changedRows.length < 50)
          changedRows.push({ table: reader.table, key: row.key, hash: row.hash });
      } else summary.imported++;
      if (row.hash !== undefined && !options.dryRun) {
        hashes[row.key] = row.hash;
        if (row.revision !== undefined) revisions[row.key] = row.revision;
      }
    }
    done += batch.length;
    options.onProgress?.(reader.table, done, total);
  }
  for (const key of deletedKeys) {
    summary.deleted++;
    if (options.dryRun) continue;
    const ctx = new RowContext(system, reader.table, key, now, timeZone);
    const mapped = reader.deleted?.(key, ctx);
    if (mapped && mapped.events.length > 0)
      await ingestEvents(options.db, options.projectId, mapped.events, { source: system });
    await markRowDeleted(options.db, { projectId: options.projectId, source: system, table: reader.table }, key, now);
    delete hashes[key];
    // a row that comes back is a change, even with the content it had
    revisions[key] ??= 0;
  }
  if (!options.dryRun && watermark !== undefined) state.watermarks[reader.table] = watermark;
  return summary;
}

/**
 * Runs one pass over every table of the opened source. When the source's change token is the
 * one of the last complete pass, nothing is read.
 */
export async function runImportPass(opened: OpenedImport, options: PassOptions): Promise<PassSummary> {
  const base = {
    system: options.system,
    dryRun: options.dryRun ?? false,
    version: opened.version,
    timeZone: options.timeZone ?? serverTimeZone(),
  };
  const token = await opened.changeToken?.();
  const totals = { read: 0, imported: 0, updated: 0, skipped: 0, rejected: 0, keptRaw: 0, deleted: 0 };
  if (token !== undefined && token === options.state.token)
    return { ...base, unchanged: true, tables: [], totals, changedRows: [] };
  const tables: TableSummary[] = [];
  const changedRows: PassSummary["changedRows"] = [];
  for (const reader of opened.readers) tables.push(await importTable(reader, options, changedRows));
  for (const t of tables) {
    totals.read += t.read;
    totals.imported += t.imported;
    totals.updated += t.updated;
    totals.skipped += t.skipped;
    totals.rejected += t.rejected;
    totals.keptRaw += t.keptRaw;
    totals.deleted += t.deleted;
  }
  // the token read before the pass: a change made during it is seen by the next pass
  if (!options.dryRun) options.state.token = token;
  return { ...base, unchanged: false, tables, totals, changedRows };
}

/** Records a finished pass: source state, last sync, and the audit entry. */
export async function recordImport(
  db: Db,
  input: {
    sourceId: string;
    projectId: string;
    location: string;
    summary: PassSummary;
    state: ImportState;
    audit: "always" | "on-change";
  },
): Promise<void> {
  const { summary } = input;
  const lastSummary: StoredSummary | undefined = summary.unchanged
    ? undefined
    : {
        at: new Date().toISOString(),
        version: summary.version ?? null,
        timeZone: summary.timeZone,
        tables: summary.tables.map(
          ({ table, read, imported, updated, skipped, keptRaw, deleted, rejected, firstRejection }) => ({
            table,
            read,
            imported,
            updated,
            skipped,
            keptRaw,
            deleted,
            rejected,
            ...(firstRejection ? { firstRejection } : {}),
          }),
        ),
      };
  await db.$transaction(async (tx) => {
    // updateMany: an admin may have removed the source while the pass ran; what it imported
    // stays, and there is nothing left to record the pass on
    const updated = await tx.importSource.updateMany({
      where: { id: input.sourceId },
      data: {
        state: input.state as unknown as Prisma.InputJsonValue,
        ...(lastSummary ? { lastSummary: lastSummary as unknown as Prisma.InputJsonValue } : {}),
        lastSyncAt: new Date(),
        lastError: null,
        rowsImported: { increment: summary.totals.imported + summary.totals.updated },
        updatedAt: new Date(),
      },
    });
    if (updated.count === 0) return;
    // a watch pass that found nothing new leaves no trace in the audit trail
    const changed =
      summary.totals.imported + summary.totals.updated + summary.totals.rejected + summary.totals.deleted > 0;
    if (input.audit === "always" || changed) {
      await appendAudit(tx, {
        actor: { type: "system", name: "importer" },
        action: "import.completed",
        outcome: summary.totals.rejected > 0 ? "error" : "success",
        target: { type: "import_source", id: input.sourceId },
        projectId: input.projectId,
        details: {
          system: summary.system,
          location: input.location,
          version: summary.version ?? null,
          timeZone: summary.timeZone,
          ...summary.totals,
          // the source row versions an update re-applied
          ...(summary.changedRows.length > 0 ? { changedRows: summary.changedRows } : {}),
        },
      });
    }
  });
}
