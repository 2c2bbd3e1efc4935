// A table reader over a SELECT with joins, for mappers that need a related row (the session
// of a prompt's agent, whether a parent exists) without a lookup per row.
import { quoteIdent, type Row, type SqlSource } from "./source";
import type { Mapped, MapContext, ReaderMode, TableReader } from "./types";

export type QueryReaderSpec = {
  /** label in progress and summaries, usually the main table's name */
  label: string;
  mode: ReaderMode;
  /** `SELECT … FROM … [JOIN …]`, without WHERE or ORDER BY */
  select: string;
  /** the watermark column, qualified by its table alias (append mode), e.g. `l.id` */
  watermark?: string;
  orderBy: string;
  key: (row: Row) => string;
  map: (row: Row, ctx: MapContext) => Mapped;
};

export function queryReader(source: SqlSource, spec: QueryReaderSpec): TableReader {
  return {
    table: spec.label,
    mode: spec.mode,
    key: spec.key,
    map: spec.map,
    async read(since) {
      if (spec.mode.kind === "append" && since !== undefined) {
        if (!spec.watermark) throw new Error(`${spec.label}: an append reader needs a watermark column`);
        return source.all(`${spec.select} WHERE ${spec.watermark} > ? ORDER BY ${spec.orderBy}`, [since]);
      }
      return source.all(`${spec.select} ORDER BY ${spec.orderBy}`);
    },
  };
}

/** `alias.name AS as`, or `NULL AS as` when an older schema lacks the column. */
export function selectColumn(columns: readonly string[], alias: string, name: string, as: string): string {
  return columns.includes(name) ? `${alias}.${quoteIdent(name)} AS ${as}` : `NULL AS ${as}`;
}

/** Joined helper columns are named `_…`; they are not the row's own extras. */
export function joinedColumns(row: Row): string[] {
  return Object.keys(row).filter((k) => k.startsWith("_"));
}
