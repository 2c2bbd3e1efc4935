import type { z } from "zod";
import { ApiError } from "./errors";

/**
 * Validates a parsed JSON body with a zod schema: a bad one is a 400 naming the field and
 * listing every issue. A list longer than its schema allows makes the request too large
 * (413 too_many_<field>), the status a client must react to by sending smaller batches.
 * Text a database cannot store is the schema's concern (`storable()` in
 * lib/validation/storable.ts): ingest leaves it to each event's own parse.
 */
export function parseBody<S extends z.ZodType>(json: unknown, schema: S): z.output<S> {
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new ApiError(400, "invalid_request", "the body must be a JSON object");
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const tooMany = parsed.error.issues.find(
    (issue) => issue.code === "too_big" && issue.origin === "array" && issue.path.length === 1,
  );
  if (tooMany) throw ApiError.fromZod(413, `too_many_${String(tooMany.path[0])}`, parsed.error, { whole: "body" });
  throw ApiError.fromZod(400, "invalid_field", parsed.error, { whole: "body" });
}
