import type { z } from "zod";
import { storableJson } from "@/lib/db/storable-text";
import { formatPath } from "@/lib/ingest/schemas";
import { ApiError } from "./errors";

/** Validates a parsed JSON body with a zod schema; a bad one is a 400 naming the field. */
export function parseBody<S extends z.ZodType>(json: unknown, schema: S): z.output<S> {
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new ApiError(400, "invalid_request", "the body must be a JSON object");
  }
  const parsed = schema.safeParse(storableJson(json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = formatPath(issue.path);
    throw new ApiError(400, "invalid_field", `${path || "body"}: ${issue.message}`, path || undefined);
  }
  return parsed.data;
}
