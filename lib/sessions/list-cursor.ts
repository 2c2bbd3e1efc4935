// Keyset cursors of the sessions list: the sort key and id of the last row of a page. A
// cursor made for another sort is ignored (the list starts over), never an error.
import type { SessionSort, SortDirection } from "./session-filters";

export type ListCursor = { sort: SessionSort; dir: SortDirection; value: number; id: string };

export function encodeListCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.dir, cursor.value, cursor.id])).toString("base64url");
}

export function decodeListCursor(text: string | undefined, sort: SessionSort, dir: SortDirection): ListCursor | undefined {
  if (!text) return undefined;
  try {
    const raw: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (!Array.isArray(raw) || raw.length !== 4) return undefined;
    const [s, d, value, id] = raw as unknown[];
    if (s !== sort || d !== dir || typeof value !== "number" || !Number.isFinite(value) || typeof id !== "string") return undefined;
    return { sort, dir, value, id };
  } catch {
    return undefined;
  }
}
