import "server-only";
// Case-insensitive "contains": PostgreSQL needs mode "insensitive"; SQLite's LIKE already
// ignores ASCII case and has no such mode. The one place this difference lives.
import { databaseKind } from "./client";

export function containsInsensitive(value: string): { contains: string; mode?: "insensitive" } {
  return databaseKind() === "postgresql" ? { contains: value, mode: "insensitive" } : { contains: value };
}
