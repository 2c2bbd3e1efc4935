import "server-only";
// The process-wide live hub: SSE connections subscribe here. Its source is the PostgreSQL
// listener (every process's commits) or, on SQLite, in-process announcements plus a
// watcher for other processes. Kept on globalThis because Next.js may load this module once
// per route bundle, and the ingest route and the live route must share one hub.
import { db } from "@/lib/db/client";
import { dialectOf } from "@/lib/db/sql/registry";
import { postgresTargetOf } from "@/lib/db/database-url";
import { env } from "@/lib/env";
import type { LiveChange } from "./live-change";
import { startPgListener } from "./pg-listener";
import { startSqliteWatcher } from "./sqlite-watcher";

export type LiveListener = (change: LiveChange) => void;

type Hub = { listeners: Set<LiveListener>; stopSource?: () => void };

const globalHub = globalThis as unknown as { __observatoryLive?: Hub };
const hub: Hub = (globalHub.__observatoryLive ??= { listeners: new Set() });

function startSource(): () => void {
  const target = postgresTargetOf(env().DATABASE_URL);
  if (dialectOf(db()).notifiesOtherProcesses) {
    if (!target) return () => {};
    const listener = startPgListener(target, emitLive);
    return () => void listener.stop();
  }
  const watcher = startSqliteWatcher(db(), emitLive);
  return () => watcher.stop();
}

/** Calls `listener` for every change until the returned function is called. */
export function subscribeLive(listener: LiveListener): () => void {
  hub.listeners.add(listener);
  hub.stopSource ??= startSource();
  return () => {
    hub.listeners.delete(listener);
    if (hub.listeners.size === 0 && hub.stopSource) {
      hub.stopSource();
      hub.stopSource = undefined;
    }
  };
}

/** Delivers a change to this process's subscribers. */
export function emitLive(change: LiveChange): void {
  for (const listener of [...hub.listeners]) {
    try {
      listener(change);
    } catch (error) {
      console.error("[live] listener failed:", error instanceof Error ? error.message : error);
    }
  }
}

export function liveSubscriberCount(): number {
  return hub.listeners.size;
}
