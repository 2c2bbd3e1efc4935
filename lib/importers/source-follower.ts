import "server-only";
// The server side of Settings → Sources: follows every enabled ImportSource the way
// `import --watch` does, one pass per source per its poll interval, through the same
// openImport (so passes record lastSyncAt, rowsImported and lastError, audit
// `import.completed` only when something changed, and publish live changes through ingest).
//
// - Sources are re-read every few seconds: added, paused, resumed, re-timed and removed
//   sources are picked up without a restart; "sync now" requests too.
// - Each source runs on its own: a slow or failing source never delays another, and a
//   source never has two passes at once. Failures back off (doubling, up to 10 minutes).
// - With several server processes on one PostgreSQL database, a per-source advisory lock
//   lets only one process follow a given source; another takes over when that one stops.
import { statSync } from "node:fs";
import { db as appDb, type Db } from "@/lib/db/client";
import { parseDatabaseUrl, type DatabaseTarget } from "@/lib/db/database-url";
import { openSourceLocks, type SessionLocks } from "@/lib/db/locks";
import { env } from "@/lib/env";
import { openImport, type Follower } from "./import-source";
import { clearSyncRequest, pendingSyncRequests } from "./source-settings";
import { connectLocation } from "./source-secret";

export type FollowerOptions = {
  db: Db;
  /** where the locks are taken: the same database as `db` */
  target: DatabaseTarget;
  /** how often the source table is re-read (default 2 s) */
  refreshMs?: number;
  /** longest wait after repeated failures (default 10 min) */
  maxBackoffMs?: number;
  log?: (message: string) => void;
};

export type SourceFollower = {
  /** ids of the sources this follower currently follows (holds the lock of) */
  following(): string[];
  stop(): Promise<void>;
};

type SourceRow = { id: string; system: string; location: string; projectId: string; pollIntervalSec: number };

type Worker = {
  row: SourceRow;
  /** what, when changed, means reopening the source */
  identity: string;
  opened?: Follower;
  /** the opened file's device and inode: a replaced or deleted file is reopened */
  file?: string;
  running?: Promise<void>;
  nextAt: number;
  failures: number;
  /** a "sync now" came in: run a pass as soon as none is running */
  syncNow?: boolean;
};

const identityOf = (row: SourceRow) => `${row.system}\u0000${row.location}\u0000${row.projectId}`;

/** Which file a path names right now (undefined: none, or a URL). */
function fileIdentity(location: string): string | undefined {
  if (/^postgres(ql)?:\/\//.test(location)) return undefined;
  try {
    const stat = statSync(location);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return "missing";
  }
}

/** The wait before the next pass after `failures` failures in a row. */
export function backoffMs(intervalMs: number, failures: number, maxMs: number): number {
  if (failures <= 0) return intervalMs;
  return Math.max(intervalMs, Math.min(maxMs, intervalMs * 2 ** Math.min(failures, 20)));
}

export function startSourceFollower(options: FollowerOptions): SourceFollower {
  const { db } = options;
  const refreshMs = options.refreshMs ?? 2_000;
  const maxBackoffMs = options.maxBackoffMs ?? 600_000;
  const log = options.log ?? ((message: string) => console.log(`[sources] ${message}`));
  const workers = new Map<string, Worker>();
  /** workers being shut down; their id is not picked up again until they are done */
  const retiring = new Map<string, Promise<void>>();
  let locks: SessionLocks = openSourceLocks(options.target);
  let stopped = false;
  let lastRefresh = 0;
  let refreshing: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let lastLoggedError = "";

  function retire(worker: Worker): void {
    const { id } = worker.row;
    workers.delete(id);
    const heldBy = locks;
    const done = (async () => {
      await worker.running?.catch(() => {});
      await worker.opened?.close().catch(() => {});
      await heldBy.unlock(id).catch(() => {});
    })();
    retiring.set(id, done);
    void done.finally(() => {
      if (retiring.get(id) === done) retiring.delete(id);
    });
  }

  async function recordError(id: string, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    // updateMany: the source may have been removed meanwhile
    await db.importSource
      .updateMany({ where: { id }, data: { lastError: message.slice(0, 2000), updatedAt: new Date() } })
      .catch(() => {});
  }

  async function pass(worker: Worker, requested: boolean): Promise<void> {
    const { row } = worker;
    try {
      // an open SQLite handle keeps reading a deleted or replaced file: notice and reopen
      if (worker.opened && worker.file !== fileIdentity(row.location)) {
        const stale = worker.opened;
        worker.opened = undefined;
        await stale.close().catch(() => {});
      }
      if (!worker.opened) {
        const location = await connectLocation(db, row);
        worker.file = fileIdentity(row.location);
        worker.opened = await openImport({ db, system: row.system, location, sourceId: row.id }, "on-change");
      }
      // a requested pass is recorded even when nothing changed: the user waits to see it
      await worker.opened.pass({ record: requested });
      if (worker.failures > 0) log(`${row.system} source ${row.location} recovered`);
      worker.failures = 0;
    } catch (error) {
      worker.failures += 1;
      if (worker.failures === 1)
        log(
          `${row.system} source ${row.location} failed (retrying with backoff): ${error instanceof Error ? error.message : String(error)}`,
        );
      // the pass records its own errors; a source that could not be opened is recorded here
      await recordError(row.id, error);
      // reopen next time: the file may have been replaced, the server restarted
      const opened = worker.opened;
      worker.opened = undefined;
      await opened?.close().catch(() => {});
    } finally {
      worker.nextAt = worker.syncNow
        ? 0
        : Date.now() + backoffMs(row.pollIntervalSec * 1000, worker.failures, maxBackoffMs);
    }
  }

  async function refresh(): Promise<void> {
    if (locks.lost && !stopped) {
      // every lock went with the connection: start over with a new one
      for (const worker of [...workers.values()]) retire(worker);
      await locks.close();
      locks = openSourceLocks(options.target);
    }
    const rows = await db.importSource.findMany({
      where: { enabled: true },
      select: { id: true, system: true, location: true, projectId: true, pollIntervalSec: true },
      orderBy: { createdAt: "asc" },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const worker of [...workers.values()]) {
      const row = byId.get(worker.row.id);
      if (!row || identityOf(row) !== worker.identity) {
        retire(worker);
        continue;
      }
      if (row.pollIntervalSec !== worker.row.pollIntervalSec && worker.failures === 0) {
        // a new interval counts from the last pass
        worker.nextAt += (row.pollIntervalSec - worker.row.pollIntervalSec) * 1000;
      }
      worker.row = row;
    }
    for (const row of rows) {
      if (stopped || workers.has(row.id) || retiring.has(row.id)) continue;
      if (!(await locks.tryLock(row.id))) continue;
      if (stopped) {
        await locks.unlock(row.id);
        continue;
      }
      workers.set(row.id, { row, identity: identityOf(row), nextAt: 0, failures: 0 });
    }
    for (const id of await pendingSyncRequests(db)) {
      const worker = workers.get(id);
      if (worker) {
        // a pass already under way may have read the source before the request: run another
        worker.syncNow = true;
        worker.nextAt = 0;
        worker.failures = 0;
        await clearSyncRequest(db, id);
      } else if (!byId.has(id) && !(await db.importSource.findUnique({ where: { id }, select: { id: true } }))) {
        await clearSyncRequest(db, id);
      }
    }
  }

  function schedule(): void {
    const now = Date.now();
    for (const worker of workers.values()) {
      if (worker.running || worker.nextAt > now) continue;
      const requested = worker.syncNow === true;
      worker.syncNow = false;
      worker.running = pass(worker, requested).finally(() => {
        worker.running = undefined;
      });
    }
  }

  function tick(): void {
    if (stopped) return;
    if (!refreshing && Date.now() - lastRefresh >= refreshMs) {
      lastRefresh = Date.now();
      refreshing = refresh()
        .then(() => {
          lastLoggedError = "";
        })
        .catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          if (message !== lastLoggedError) log(`reading the sources failed: ${message}`);
          lastLoggedError = message;
        })
        .finally(() => {
          refreshing = undefined;
          schedule();
        });
    }
    schedule();
    timer = setTimeout(tick, Math.min(250, refreshMs));
    timer.unref();
  }

  tick();

  return {
    following: () => [...workers.keys()],
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await refreshing?.catch(() => {});
      for (const worker of [...workers.values()]) retire(worker);
      await Promise.all([...retiring.values()]);
      await locks.close();
    },
  };
}

type Holder = { follower?: SourceFollower };
const holder = globalThis as unknown as { __observatorySources?: Holder };

/**
 * Starts following sources in this server process, once (instrumentation.ts calls it).
 * OBSERVATORY_FOLLOW_SOURCES=0 turns it off.
 */
export function startSourceFollowing(): SourceFollower | undefined {
  const state = (holder.__observatorySources ??= {});
  if (state.follower) return state.follower;
  if (env().OBSERVATORY_FOLLOW_SOURCES === false) {
    console.log("[sources] not following import sources (OBSERVATORY_FOLLOW_SOURCES=0)");
    return undefined;
  }
  state.follower = startSourceFollower({ db: appDb(), target: parseDatabaseUrl(env().DATABASE_URL) });
  return state.follower;
}

/** Whether this server follows sources (for the settings page). */
export function followingEnabled(): boolean {
  return env().OBSERVATORY_FOLLOW_SOURCES !== false;
}
