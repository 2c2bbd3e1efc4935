import "server-only";
// Called once after each committed ingest transaction or gate change. On PostgreSQL the change goes out
// with pg_notify, so every server process (this one included, through its listener) hears
// it; on SQLite it goes to this process's hub. Never throws: the data is already stored.
import type { Db } from "@/lib/db/client";
import { LIVE_CHANNEL } from "./channel";
import { changeFromEvents, encodeChange, type LiveChange } from "./live-change";
import { emitLive, emitLocalWrite } from "./live-hub";

type EventLike = { type: string; body: unknown };

/** The database a client talks to, read from the client itself (tests pass their own). */
export function providerOf(client: Db): "sqlite" | "postgresql" {
  const provider = (client as unknown as { _activeProvider?: string })._activeProvider;
  return provider === "postgresql" ? "postgresql" : "sqlite";
}

function notifyPostgres(client: Db, change: LiveChange): void {
  void client
    .$executeRaw`SELECT pg_notify(${LIVE_CHANNEL}, ${encodeChange(change)})`
    .catch((error: unknown) => console.error("[live] pg_notify failed:", error instanceof Error ? error.message : error));
}

export function publishIngested(client: Db, projectId: string, events: readonly EventLike[]): void {
  const change = changeFromEvents(projectId, events);
  if (!change) return;
  if (providerOf(client) === "postgresql") return notifyPostgres(client, change);
  emitLocalWrite(change);
}

/**
 * A committed change that is not an ingest batch (a gate opened or decided). On SQLite it
 * adds no ingest receipt, so it must not count as a local write: the watcher would then
 * take another process's receipts for ours.
 */
export function publishChange(client: Db, change: LiveChange): void {
  if (providerOf(client) === "postgresql") return notifyPostgres(client, change);
  emitLive(change);
}
