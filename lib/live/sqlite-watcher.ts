import "server-only";
// SQLite has no NOTIFY. Commits made by this process reach the hub directly; this watcher
// notices commits made by other processes (the CLI seeder, importers) by polling
// PRAGMA data_version, which changes when another connection commits and costs nothing.
import type { Db } from "@/lib/db/client";
import { resyncChange, type LiveChange } from "./live-change";

export type SqliteWatcher = { stop: () => void };

async function dataVersion(client: Db): Promise<number> {
  const rows = await client.$queryRawUnsafe<{ data_version: number | bigint }[]>("PRAGMA data_version");
  return Number(rows[0]?.data_version ?? 0);
}

/** The client's own commits leave data_version alone; they were announced by their writer. */
export function startSqliteWatcher(client: Db, onChange: (change: LiveChange) => void, intervalMs = 1_500): SqliteWatcher {
  let last: number | undefined;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const current = await dataVersion(client);
      if (last !== undefined && current !== last) onChange(resyncChange());
      last = current;
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
