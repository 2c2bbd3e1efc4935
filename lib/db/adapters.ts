import "server-only";
// Connections and driver adapters for both databases. The app and the migration engine
// share them so that connection settings (WAL, busy timeout, foreign keys) live in one place.
// We open each connection ourselves and hand it to Prisma and to the SQL layer (lib/db/sql).
import { PrismaPg } from "@prisma/adapter-pg";
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { PostgresTarget, SqliteTarget } from "./database-url";
import { SqliteConnection, sqliteDriverAdapterFactory } from "./sqlite-adapter";
import { SqliteReadPool } from "./sqlite-read-pool";

export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/** Settings every SQLite connection of ours runs with. */
export function applySqlitePragmas(db: Database.Database): void {
  db.pragma("journal_mode = WAL");
  db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  db.pragma("foreign_keys = ON");
  db.pragma("synchronous = NORMAL");
}

export function ensureSqliteDir(target: SqliteTarget): void {
  if (target.file !== ":memory:") mkdirSync(path.dirname(target.file), { recursive: true });
}

/**
 * The one SQLite connection of a client, opened on first use with our pragmas, with up to
 * `readWorkers` read-only connections on worker threads for its long reads (none for an
 * in-memory database, which no other connection can see).
 */
export function sqliteConnection(
  target: SqliteTarget,
  { readWorkers = 0, resolveFrom = process.cwd() }: { readWorkers?: number; resolveFrom?: string } = {},
): SqliteConnection {
  ensureSqliteDir(target);
  const pooled = readWorkers > 0 && target.file !== ":memory:";
  return new SqliteConnection(
    () => {
      const handle = new Database(target.file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
      applySqlitePragmas(handle);
      return handle;
    },
    pooled
      ? () =>
          new SqliteReadPool({
            file: target.file,
            size: readWorkers,
            resolveFrom,
            busyTimeoutMs: SQLITE_BUSY_TIMEOUT_MS,
          })
      : undefined,
  );
}

/** A Prisma adapter factory for `target`; the migration engine's shadow database is in memory. */
export function sqliteAdapterFactory(target: SqliteTarget, connection: SqliteConnection = sqliteConnection(target)) {
  return sqliteDriverAdapterFactory(connection, () => new SqliteConnection(() => new Database(":memory:")));
}

export function pgPoolConfig(target: PostgresTarget) {
  // Separate fields, not a connectionString: adapter-pg overrides the database name for
  // shadow databases only when it is given as a field.
  return {
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.database,
    ssl: target.ssl ? { rejectUnauthorized: false } : undefined,
    max: 10,
    connectionTimeoutMillis: 5_000,
  };
}

/** timestamp(3) columns hold UTC wall time: read them as UTC, not in this process's zone. */
const UTC_TIMESTAMPS = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.TIMESTAMP
      ? (value: string) => new Date(`${value.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * The pool of a PostgreSQL client, opened on first use and again after Prisma disposed of it
 * ($disconnect ends it): Prisma's adapter and the SQL layer draw from the same pool.
 */
export class PostgresConnection {
  private current?: pg.Pool;

  constructor(private readonly target: PostgresTarget) {}

  pool(): pg.Pool {
    if (!this.current || this.current.ended) {
      const pool = new pg.Pool({ ...pgPoolConfig(this.target), types: UTC_TIMESTAMPS });
      // an idle client lost (server restart): the pool replaces it; do not crash the process
      pool.on("error", () => {});
      this.current = pool;
    }
    return this.current;
  }
}

export function postgresAdapterFactory(
  target: PostgresTarget,
  connection: PostgresConnection = new PostgresConnection(target),
) {
  return {
    provider: "postgres" as const,
    adapterName: "@prisma/adapter-pg",
    connect: () => new PrismaPg(connection.pool(), { disposeExternalPool: true }).connect(),
  };
}
