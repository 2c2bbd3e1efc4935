import "server-only";
// SQLite has no NOTIFY. Commits made by this process reach the hub directly; this watcher
// notices commits made by other processes (the CLI seeder, importers) by polling the last
// rowid of IngestReceipt, which every ingested event adds to and which costs one index read.
import type { Db } from "@/lib/db/client";
import { resyncChange, type LiveChange } from "./live-change";

export type SqliteWatcher = { stop: () => void };

async function lastReceipt(client: Db): Promise<number> {
  const rows = await client.$queryRawUnsafe<{ m: number | bigint | null }[]>('SELECT max(rowid) AS m FROM "IngestReceipt"');
  return Number(rows[0]?.m ?? 0);
}

/**
 * `localWrites` counts commits this process announced itself; when it moved since the last
 * poll, the new receipts are ours and were already announced.
 */
export function startSqliteWatcher(
  client: Db,
  onChange: (change: LiveChange) => void,
  localWrites: () => number,
  intervalMs = 1_500,
): SqliteWatcher {
  let last: number | undefined;
  let seenLocal = localWrites();
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const current = await lastReceipt(client);
      const local = localWrites();
      if (last !== undefined && current !== last && local === seenLocal) onChange(resyncChange());
      last = current;
      seenLocal = local;
    } catch {
      // a locked or missing table: try again next tick
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref?.();
  return { stop: () => clearInterval(timer) };
}
