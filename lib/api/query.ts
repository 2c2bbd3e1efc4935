import type { z } from "zod";
import { storableJson } from "@/lib/db/storable-text";
import { ApiError } from "./errors";

/** Parses query parameters with a zod schema; a bad one is a 400 naming the parameter. */
export function parseQuery<S extends z.ZodType>(url: URL, schema: S): z.output<S> {
  const raw = storableJson(Object.fromEntries(url.searchParams.entries()));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw ApiError.fromZod(400, "invalid_parameter", parsed.error, { whole: "query" });
  return parsed.data;
}
