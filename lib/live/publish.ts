import "server-only";
// Called once after each committed ingest transaction or gate change. On PostgreSQL the change goes out
// with pg_notify, so every server process (this one included, through its listener) hears
// it; on SQLite it goes to this process's hub. Never throws: the data is already stored.
import { kindOf as providerOf, type Db } from "@/lib/db/client";
import { LIVE_CHANNEL } from "./channel";
import { changeFromEvents, encodeChange, type LiveChange } from "./live-change";
import { emitLive } from "./live-hub";

type EventLike = { type: string; body: unknown };


function notifyPostgres(client: Db, change: LiveChange): void {
  void client
    .$executeRaw`SELECT pg_notify(${LIVE_CHANNEL}, ${encodeChange(change)})`
    .catch((error: unknown) => console.error("[live] pg_notify failed:", error instanceof Error ? error.message : error));
}

export function publishIngested(client: Db, projectId: string, events: readonly EventLike[]): void {
  const change = changeFromEvents(projectId, events);
  if (!change) return;
  if (providerOf(client) === "postgresql") return notifyPostgres(client, change);
  emitLive(change);
}

/** A committed change that is not an ingest batch (a gate opened or decided). */
export function publishChange(client: Db, change: LiveChange): void {
  if (providerOf(client) === "postgresql") return notifyPostgres(client, change);
  emitLive(change);
}
