// Table readers over a SQL source, lenient to real-world variants: a missing optional table
// is skipped, extra columns are the mapper's to keep in metadata.
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
    out[k] = typeof v === "bigint" ? Number(v) : v instanceof Date ? v.toISOString() : v instanceof Uint8Array ? `<${v.byteLength} bytes>` : v;
  }
  return out;
}

export function str(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  const s = typeof v === "string" ? v : typeof v === "bigint" || typeof v === "number" ? String(v) : v instanceof Date ? v.toISOString() : String(v);
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
