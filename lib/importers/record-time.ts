import { timeColumn } from "./source-words";
import type { MapContext } from "./types";

/** The time of a record that must have one: missing or unparseable is an issue (the raw value
 * goes to `invalid`), and the import time stands in. */
export function recordTime(ctx: MapContext, value: unknown, field: string, invalid: Record<string, unknown>): Date {
  const parsed = timeColumn(ctx, value, field, invalid);
  if (parsed) return parsed;
  if (value === null || value === undefined || value === "") ctx.issue(`missing ${field}`);
  return ctx.importedAt;
}
