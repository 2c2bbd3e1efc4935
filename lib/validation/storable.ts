import { z } from "zod";
import { storableJson } from "@/lib/db/storable-text";

/**
 * The schema, applied to its input made storable first (NUL and lone surrogates replaced,
 * "__proto__" keys dropped: lib/db/storable-text.ts), as every body from an untrusted
 * sender must be before it is validated. Its JSON Schema is the inner schema's.
 */
export function storable<S extends z.ZodType>(schema: S) {
  return z.preprocess((input) => storableJson(input), schema);
}
