// Table readers for agents-orchestrator's SQLite databases. Its ids are text
// (`event_<ms>_<random>`), so immutable record tables (session_events, agent_metrics,
// validation_results) are read past SQLite's rowid; without one (a PostgreSQL source, a
// WITHOUT ROWID table) they are re-read each pass and their events are sent once.
import { joinedColumns } from "../query-reader";
import { quoteIdent, type Row, type SqlSource } from "../source";
import { extras, str } from "../sql-reader";
import type { Mapped, MapContext, TableReader } from "../types";

export type AoTableSpec = {
  table: string;
  /** label in summaries and the import state; unique per source */
  label?: string;
  /** rows are never updated: their mapper returns `once` events */
  records?: boolean;
  key: (row: Row) => string;
  /** adds `_…` helper columns from other tables (read each pass) */
  prepare?: (rows: Row[]) => Promise<Row[]>;
  map: (row: Row, ctx: MapContext) => Mapped;
};

async function hasRowid(source: SqlSource, table: string): Promise<boolean> {
  if (source.kind !== "sqlite") return false;
  try {
    await source.all(`SELECT rowid FROM ${quoteIdent(table)} LIMIT 0`);
    return true;
  } catch {
    return false;
  }
}

export async function aoTableReader(source: SqlSource, spec: AoTableSpec): Promise<TableReader> {
  const t = quoteIdent(spec.table);
  const byRowid = spec.records === true && (await hasRowid(source, spec.table));
  const prepare = async (rows: Row[]) => (spec.prepare && rows.length > 0 ? spec.prepare(rows) : rows);
  return {
    table: spec.label ?? spec.table,
    mode: byRowid ? { kind: "append", column: "_rowid" } : { kind: "mutable" },
    key: spec.key,
    map: spec.map,
    async read(since) {
      if (!byRowid) return prepare(await source.all(`SELECT * FROM ${t}`));
      return prepare(
        since === undefined
          ? await source.all(`SELECT rowid AS _rowid, * FROM ${t} ORDER BY rowid`)
          : await source.all(`SELECT rowid AS _rowid, * FROM ${t} WHERE rowid > ? ORDER BY rowid`, [since]),
      );
    },
  };
}

/** Readers for the specs whose tables exist. */
export async function presentAoReaders(
  source: SqlSource,
  tables: readonly string[],
  specs: AoTableSpec[],
): Promise<TableReader[]> {
  const readers: TableReader[] = [];
  for (const spec of specs) if (tables.includes(spec.table)) readers.push(await aoTableReader(source, spec));
  return readers;
}

/** A record's key: its id, or its rowid when a (text) id is missing. */
export function recordKey(row: Row): string {
  return str(row.id) ?? `rowid:${String(row._rowid)}`;
}

/** The row's own columns not in `known` (helper `_…` columns excluded), for metadata. */
export function ownExtras(row: Row, known: readonly string[]): Record<string, unknown> {
  return extras(row, [...known, ...joinedColumns(row)]);
}

/** A JSON column whose object keys are spread into metadata; anything else is kept under its name. */
export function spreadJson(ctx: MapContext, value: unknown, field: string): Record<string, unknown> {
  const parsed = ctx.json(value, field);
  if (parsed === undefined || parsed === null) return {};
  return typeof parsed === "object" && !Array.isArray(parsed) && !("raw" in parsed && Object.keys(parsed).length === 1)
    ? (parsed as Record<string, unknown>)
    : { [field]: parsed };
}
