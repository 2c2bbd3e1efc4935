import "server-only";
// Called once after each committed ingest transaction or gate change. Where the database
// carries notifications (PostgreSQL), the change goes out through it, so every server process
// (this one included, through its listener) hears it; otherwise (SQLite) it goes to this
// process's hub. Never throws: the data is already stored.
import type { Db } from "@/lib/db/client";
import { dialectOf } from "@/lib/db/sql/registry";
import { LIVE_CHANNEL } from "./channel";
import { changeFromEvents, encodeChange, type LiveChange } from "./live-change";
import { emitLive } from "./live-hub";

type EventLike = { type: string; body: unknown };

/** A committed change that is not an ingest batch (a gate opened or decided). */
export function publishChange(client: Db, change: LiveChange): void {
  const dialect = dialectOf(client);
  if (!dialect.notifiesOtherProcesses) return emitLive(change);
  dialect
    .notify(client, LIVE_CHANNEL, encodeChange(change))
    .catch((error: unknown) => console.error("[live] notify failed:", error instanceof Error ? error.message : error));
}

export function publishIngested(client: Db, projectId: string, events: readonly EventLike[]): void {
  const change = changeFromEvents(projectId, events);
  if (change) publishChange(client, change);
}
