import "server-only";
// Case-insensitive "contains": PostgreSQL needs mode "insensitive"; SQLite's LIKE already
// ignores ASCII case and has no such mode. The dialect (lib/db/sql/dialects.ts) knows which.
import { db } from "./client";
import { dialectOf } from "./sql/registry";

export function containsInsensitive(value: string): { contains: string; mode?: "insensitive" } {
  return dialectOf(db()).containsInsensitive(value);
}
