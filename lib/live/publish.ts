import "server-only";
// Called once after each committed ingest transaction. On PostgreSQL the change goes out
// with pg_notify, so every server process (this one included, through its listener) hears
// it; on SQLite it goes to this process's hub. Never throws: the data is already stored.
import type { Db } from "@/lib/db/client";
import { LIVE_CHANNEL } from "./channel";
import { changeFromEvents, encodeChange } from "./live-change";
import { emitLocalWrite } from "./live-hub";

type EventLike = { type: string; body: unknown };

/** The database a client talks to, read from the client itself (tests pass their own). */
export function providerOf(client: Db): "sqlite" | "postgresql" {
  const provider = (client as unknown as { _activeProvider?: string })._activeProvider;
  return provider === "postgresql" ? "postgresql" : "sqlite";
}

export function publishIngested(client: Db, projectId: string, events: readonly EventLike[]): void {
  const change = changeFromEvents(projectId, events);
  if (!change) return;
  if (providerOf(client) === "postgresql") {
    void client
      .$executeRaw`SELECT pg_notify(${LIVE_CHANNEL}, ${encodeChange(change)})`
      .catch((error: unknown) => console.error("[live] pg_notify failed:", error instanceof Error ? error.message : error));
    return;
  }
  emitLocalWrite(change);
}
