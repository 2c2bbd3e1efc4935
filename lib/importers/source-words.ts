// Status and enum columns: real databases use other spellings than their DDL documents. A word
// is fine when the schema documents it or our status vocabulary knows it; anything else is
// kept as the source wrote it and counted as an issue of the row.
import { isKnownStatus, statusRule } from "@/lib/ingest/status";
import { str } from "./sql-reader";
import type { MapContext } from "./types";

/**
 * The value as text; an undocumented word our vocabulary does not name is reported as
 * `unknown <field> "<word>"`, with the status a rule maps it to when one does.
 */
export function sourceWord(
  ctx: MapContext,
  value: unknown,
  field: string,
  documented: readonly string[],
): string | undefined {
  const word = str(value)?.trim();
  if (!word) return undefined;
  if (!documented.includes(word.toLowerCase()) && !isKnownStatus(word)) {
    const rule = /status|state/.test(field) ? statusRule(word) : undefined;
    ctx.issue(
      rule ? `unknown ${field} "${word}" (counted as ${rule.status}: ${rule.why})` : `unknown ${field} "${word}"`,
    );
  }
  return word;
}

/** A count column (priority, workload): a value that is not a non-negative integer is an issue. */
export function countColumn(
  ctx: MapContext,
  value: unknown,
  field: string,
  invalid: Record<string, unknown>,
): number | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  const n = typeof value === "bigint" ? Number(value) : typeof value === "boolean" ? Number.NaN : Number(value);
  if (Number.isInteger(n) && n >= 0) return n;
  ctx.issue(`invalid ${field}`);
  invalid[field] = typeof value === "bigint" ? Number(value) : value;
  return undefined;
}

/** A score or measure: a negative or non-numeric value is an issue (the raw value goes to `invalid`). */
export function amountColumn(
  ctx: MapContext,
  value: unknown,
  field: string,
  invalid: Record<string, unknown>,
): number | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  const n = typeof value === "bigint" ? Number(value) : typeof value === "boolean" ? Number.NaN : Number(value);
  if (Number.isFinite(n) && n >= 0) return n;
  ctx.issue(`invalid ${field}`);
  invalid[field] = typeof value === "bigint" ? Number(value) : value;
  return undefined;
}

/** A timestamp column; an unparseable value is an issue and its raw text goes to `invalid`. */
export function timeColumn(
  ctx: MapContext,
  value: unknown,
  field: string,
  invalid: Record<string, unknown>,
): Date | undefined {
  const parsed = ctx.optionalTime(value, field);
  if (parsed === undefined && value !== null && value !== undefined && value !== "")
    invalid[field] = typeof value === "bigint" ? Number(value) : value;
  return parsed;
}

/** Text for a bounded field (names, titles): longer values are cut, not rejected. */
export function boundedText(value: unknown, max = 1000): string | undefined {
  const s = str(value);
  return s === undefined || s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
