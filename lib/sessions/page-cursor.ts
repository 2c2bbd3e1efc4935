// Keyset cursors of the session detail's lists (timestamp + row id), lenient: a cursor that
// does not parse starts the list over instead of failing the page.
import { decodeCursor, encodeCursor, type Cursor } from "@/lib/api/cursor";

export function readPageCursor(text: string | null | undefined): Cursor | undefined {
  try {
    return decodeCursor(text);
  } catch {
    return undefined;
  }
}

export function pageCursor(row: { timestamp: Date; id: string | number }): string {
  return encodeCursor({ t: row.timestamp.toISOString(), i: row.id });
}

/** Rows after (asc) or before (desc) the cursor, ties broken by id. */
export function afterCursor<I extends string | number>(cursor: Cursor, dir: "asc" | "desc", id: (raw: string | number) => I) {
  const t = new Date(cursor.t);
  const op = dir === "asc" ? "gt" : "lt";
  return { OR: [{ timestamp: { [op]: t } }, { timestamp: t, id: { [op]: id(cursor.i) } }] };
}

/** Shortens agent text for a list; the whole text loads on demand. */
export function clip(text: string, max: number): { text: string; clipped: boolean } {
  return text.length <= max ? { text, clipped: false } : { text: text.slice(0, max), clipped: true };
}

/** JSON small enough to send with a list row, else undefined (loaded on demand). */
export function smallJson(value: unknown, maxChars = 8_000): { value: unknown; omitted: boolean } {
  if (value === null || value === undefined) return { value: null, omitted: false };
  return JSON.stringify(value).length <= maxChars ? { value, omitted: false } : { value: null, omitted: true };
}
