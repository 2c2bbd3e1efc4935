import type { z } from "zod";
import { storableJson } from "@/lib/db/storable-text";
import { formatPath } from "@/lib/ingest/schemas";
import { ApiError } from "./errors";

/** Parses query parameters with a zod schema; a bad one is a 400 naming the parameter. */
export function parseQuery<S extends z.ZodType>(url: URL, schema: S): z.output<S> {
  const raw = storableJson(Object.fromEntries(url.searchParams.entries()));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = formatPath(issue.path);
    throw new ApiError(400, "invalid_parameter", `${path}: ${issue.message}`, path);
  }
  return parsed.data;
}
