// Opaque keyset cursors, the one codec of every paginated list (API, sessions list, the
// session's tabs): base64url JSON of a payload that a zod schema validates on the way back.
// Lists that show a page in the browser read a bad cursor as "start over"; the API answers
// 400 naming `cursor`.
import { z } from "zod";
import { ApiError } from "./errors";

export type CursorCodec<T> = {
  encode(payload: T): string;
  /** The payload, or undefined when there is no cursor or it does not validate. */
  decode(text: string | null | undefined): T | undefined;
  /** The payload, or undefined when there is none; a cursor that does not validate is a 400. */
  decodeForApi(text: string | null | undefined): T | undefined;
};

export function invalidCursor(): ApiError {
  return new ApiError(400, "invalid_cursor", "cursor: not a cursor this API returned", { field: "cursor" });
}

export function cursorCodec<S extends z.ZodType>(schema: S): CursorCodec<z.output<S>> {
  const decode = (text: string | null | undefined): z.output<S> | undefined => {
    if (!text) return undefined;
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    } catch {
      return undefined;
    }
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  };
  return {
    encode: (payload) => Buffer.from(JSON.stringify(payload)).toString("base64url"),
    decode,
    decodeForApi(text) {
      const payload = decode(text);
      if (text && payload === undefined) throw invalidCursor();
      return payload;
    },
  };
}

/** Lists in time order: the last row's timestamp (ISO) and id. */
const timeCursorSchema = z.object({
  t: z.string().refine((t) => !Number.isNaN(Date.parse(t))),
  i: z.union([z.string(), z.number()]),
});
export type TimeCursor = z.output<typeof timeCursorSchema>;
export const timeCursor = cursorCodec(timeCursorSchema);

/** The cursor of a row in a list ordered by timestamp, then id. */
export function timeCursorOf(row: { timestamp: Date; id: string | number }): string {
  return timeCursor.encode({ t: row.timestamp.toISOString(), i: row.id });
}

/**
 * The where clause of the rows after (asc) or before (desc) a keyset position: the sort
 * field past the value, or equal to it with the id past the cursor's id. It repeats the bound
 * on the sort field alone, so SQLite and PostgreSQL start the index scan at the position
 * instead of filtering every row before it: a page costs the same at any depth.
 */
export function seekPast<V>(field: string, value: V, id: string | number, dir: "asc" | "desc") {
  const op = dir === "asc" ? "gt" : "lt";
  const bound = dir === "asc" ? "gte" : "lte";
  return { [field]: { [bound]: value }, OR: [{ [field]: { [op]: value } }, { id: { [op]: id } }] };
}
