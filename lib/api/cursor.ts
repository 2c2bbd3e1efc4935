// Opaque keyset cursors: the sort value and the row id of the last item of a page.
import { ApiError } from "./errors";

export type Cursor = { t: string; i: string | number };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

export function decodeCursor(value: string | undefined | null): Cursor | undefined {
  if (!value) return undefined;
  try {
    const c = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Partial<Cursor>;
    if (typeof c.t === "string" && !Number.isNaN(Date.parse(c.t)) && (typeof c.i === "string" || typeof c.i === "number")) {
      return { t: c.t, i: c.i };
    }
  } catch {
    // fall through
  }
  throw new ApiError(400, "invalid_cursor", "cursor: not a cursor this API returned", { field: "cursor" });
}
