import "server-only";
// SQLite has no NOTIFY. Commits made by this process reach the hub directly; this watcher
// notices commits made by other processes (the CLI seeder, importers) by polling
// PRAGMA data_version, which changes when another connection commits and costs nothing: so it
// polls often (an `import --watch` in another process reaches open pages within a poll and the
// stream's coalescing window, well inside issue 19's 2 s).
import type { Db } from "@/lib/db/client";
import { dialectOf } from "@/lib/db/sql/registry";
import { resyncChange, type LiveChange } from "./live-change";

export type SqliteWatcher = { stop: () => void };

/** How often another process's commits are looked for. */
export const SQLITE_WATCH_MS = 250;

/** The client's own commits leave data_version alone; they were announced by their writer. */
export function startSqliteWatcher(
  client: Db,
  onChange: (change: LiveChange) => void,
  intervalMs = SQLITE_WATCH_MS,
): SqliteWatcher {
  let last: number | undefined;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const current = await dialectOf(client).dataVersion(client);
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
