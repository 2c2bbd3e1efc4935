import "server-only";
// Database-specific locking, kept in one place.
import { createHash } from "node:crypto";
import pg from "pg";
import { pgPoolConfig } from "./adapters";
import type { DatabaseTarget } from "./database-url";
import type { RawClient } from "./sql/dialects";
import { dialectOf } from "./sql/registry";

const IMPORT_SOURCE_LOCKS = 727_002;

/**
 * Serializes appends to the audit hash chain until the transaction `tx` ends. PostgreSQL: a
 * transaction-scoped advisory lock. SQLite: writes are already serialized (one writer), so
 * nothing is needed.
 */
export async function lockAuditChain(tx: RawClient): Promise<void> {
  await dialectOf(tx).lockAuditChain(tx);
}

/** Named locks held until released or until the process (its connection) goes away. */
export interface SessionLocks {
  /** True when this process now holds the lock for `name` (false: another process does). */
  tryLock(name: string): Promise<boolean>;
  unlock(name: string): Promise<void>;
  /** The connection holding the locks was lost: every lock is gone; open new ones. */
  readonly lost: boolean;
  close(): Promise<void>;
}

export function lockKey(name: string): number {
  return createHash("sha256").update(name).digest().readInt32BE(0);
}

/**
 * Locks per import source, so that of several server processes on one PostgreSQL database
 * only one follows a given source. PostgreSQL: session advisory locks on a connection of
 * their own (a pooled connection could change between calls). SQLite: one server process
 * is assumed, so every lock is granted.
 */
export function openSourceLocks(target: DatabaseTarget): SessionLocks {
  if (target.kind === "sqlite") {
    return { tryLock: async () => true, unlock: async () => {}, lost: false, close: async () => {} };
  }
  const client = new pg.Client({ ...pgPoolConfig(target), application_name: "observatory source follower" });
  let lost = false;
  client.on("error", () => {
    lost = true;
  });
  client.on("end", () => {
    lost = true;
  });
  let queue: Promise<unknown> = client.connect().catch((error: unknown) => {
    lost = true;
    throw error;
  });
  // one query at a time on this connection
  function run<T>(sql: string, name: string): Promise<T | undefined> {
    const next = queue.then(
      async () => (await client.query(sql, [IMPORT_SOURCE_LOCKS, lockKey(name)])).rows[0] as T | undefined,
    );
    queue = next.catch(() => {});
    return next;
  }
  return {
    async tryLock(name) {
      const row = await run<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS ok", name);
      return row?.ok === true;
    },
    async unlock(name) {
      if (lost) return;
      await run("SELECT pg_advisory_unlock($1, $2)", name);
    },
    get lost() {
      return lost;
    },
    async close() {
      lost = true;
      await client.end().catch(() => {});
    },
  };
}
