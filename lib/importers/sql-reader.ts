// Table readers over a SQL source, lenient to real-world variants: a missing optional table
// is skipped, extra columns are the mapper's to keep in metadata.
import { createHash } from "node:crypto";
import { quoteIdent, type Row, type SqlSource } from "./source";
import type { Mapped, MapContext, ReaderMode, TableReader } from "./types";

export type SqlReaderSpec = {
  table: string;
  mode: ReaderMode;
  key: (row: Row) => string;
  map: (row: Row, ctx: MapContext) => Mapped;
  /** label when it differs from the table name */
  label?: string;
};

export function sqlReader(source: SqlSource, spec: SqlReaderSpec): TableReader {
  const t = quoteIdent(spec.table);
  return {
    table: spec.label ?? spec.table,
    mode: spec.mode,
    key: spec.key,
    map: spec.map,
    async read(since) {
      if (spec.mode.kind === "append") {
        const c = quoteIdent(spec.mode.column);
        return since === undefined
          ? source.all(`SELECT * FROM ${t} ORDER BY ${c}`)
          : source.all(`SELECT * FROM ${t} WHERE ${c} > ? ORDER BY ${c}`, [since]);
      }
      return source.all(`SELECT * FROM ${t}`);
    },
  };
}

/** Readers for the tables that exist in the source; the others are skipped. */
export async function presentReaders(source: SqlSource, specs: SqlReaderSpec[]): Promise<TableReader[]> {
  const tables = new Set(await source.tables());
  return specs.filter((s) => tables.has(s.table)).map((s) => sqlReader(source, s));
}

/** The row's columns not named in `known`, for metadata (JSON-safe). */
export function extras(row: Row, known: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (known.includes(k) || v === null || v === undefined) continue;
    out[k] =
      typeof v === "bigint"
        ? Number(v)
        : v instanceof Date
          ? v.toISOString()
          : v instanceof Uint8Array
            ? `<${v.byteLength} bytes>`
            : v;
  }
  return out;
}

export function str(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  const s =
    typeof v === "string"
      ? v
      : typeof v === "bigint" || typeof v === "number"
        ? String(v)
        : v instanceof Date
          ? v.toISOString()
          : String(v);
  return s === "" ? undefined : s;
}

export function int(v: unknown): number | undefined {
  if (v === null || v === undefined || v === "") return undefined;
  const n = typeof v === "bigint" ? Number(v) : Number(v);
  return Number.isFinite(n) && n >= 0 ? Math.round(n) : undefined;
}

export function num(v: unknown): number | undefined {
  if (v === null || v === undefined || v === "") return undefined;
  const n = typeof v === "bigint" ? Number(v) : Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

export function bool(v: unknown): boolean | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "boolean") return v;
  if (typeof v === "number" || typeof v === "bigint") return Number(v) !== 0;
  if (typeof v === "string") return ["1", "true", "t", "yes"].includes(v.trim().toLowerCase());
  return undefined;
}

/** The latest of several timestamps (for an upsert event's own time). */
export function latest(...dates: (Date | undefined)[]): Date | undefined {
  return dates.filter((d): d is Date => d !== undefined).sort((a, b) => b.getTime() - a.getTime())[0];
}

const TIME_COLUMNS = ["updated_at", "timestamp", "created_at", "last_updated", "started_at"];

/**
 * A table the mapping does not know: every row is kept as a raw source record ("kept, not
 * mapped" in the summary), on the session named by `sessionColumn` when the table has one,
 * else on the project. Read whole each pass, so updates and deletes are followed.
 */
export function rawTableReader(
  source: SqlSource,
  table: string,
  columns: readonly string[],
  options: { sessionColumn?: string; keyColumns?: string[] } = {},
): TableReader {
  const sessionColumn = options.sessionColumn ?? (columns.includes("session_id") ? "session_id" : undefined);
  const keyColumns = options.keyColumns ?? (columns.includes("id") ? ["id"] : []);
  const key = (row: Row) =>
    keyColumns.length > 0 ? keyColumns.map((c) => str(row[c]) ?? "").join("/") : contentKey(row);
  return sqlReader(source, {
    table,
    mode: { kind: "mutable" },
    key,
    map(row, ctx) {
      const timeColumn = TIME_COLUMNS.find((c) => row[c] !== undefined && row[c] !== null);
      return {
        events: [],
        raw: [
          {
            reason: "unmapped table",
            sessionRef: sessionColumn ? str(row[sessionColumn]) : undefined,
            at: timeColumn ? ctx.optionalTime(row[timeColumn], timeColumn) : undefined,
            data: extras(row, []),
          },
        ],
      };
    },
  });
}

/** A key for a row without one: its content. */
function contentKey(row: Row): string {
  return createHash("sha256")
    .update(
      JSON.stringify(
        Object.entries(row).map(([k, v]) => [
          k,
          typeof v === "bigint" ? Number(v) : v instanceof Uint8Array ? Buffer.from(v).toString("base64") : v,
        ]),
      ),
    )
    .digest("hex")
    .slice(0, 16);
}

/** The tables of `tables` no reader covers, each kept raw (SQLite internals excepted). */
export async function unmappedTableReaders(
  source: SqlSource,
  tables: readonly string[],
  mapped: readonly string[],
): Promise<TableReader[]> {
  const readers: TableReader[] = [];
  for (const table of tables) {
    if (mapped.includes(table) || table.startsWith("sqlite_") || table === "_prisma_migrations") continue;
    readers.push(rawTableReader(source, table, await source.columns(table)));
  }
  return readers;
}
