import "server-only";
import { databaseKind, db } from "@/lib/db/client";
import { migrationStatus } from "@/lib/db/migrations/status";
import { z } from "zod";

export const healthSchema = z.object({
  status: z.enum(["ok", "unavailable"]),
  database: z.enum(["sqlite", "postgresql"]),
  migrations: z.enum(["up-to-date", "pending", "unknown"]),
  error: z.string().optional(),
});
export type Health = z.infer<typeof healthSchema>;

export async function checkHealth(): Promise<Health> {
  const database = databaseKind();
  try {
    const status = await migrationStatus(db());
    return { status: "ok", database, migrations: status.state };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : "database unreachable";
    return { status: "unavailable", database, migrations: "unknown", error: message };
  }
}
