import "server-only";
// Driver adapters for both databases. The app and the migration engine share them so
// that connection settings (WAL, busy timeout, foreign keys) live in one place.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import type { DatabaseTarget, PostgresTarget, SqliteTarget } from "./database-url";

export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

type SqlAdapter = Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>;

/** Settings every SQLite connection of ours runs with. */
export function applySqlitePragmas(db: BetterSqlite3.Database): void {
  db.pragma("journal_mode = WAL");
  db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  db.pragma("foreign_keys = ON");
  db.pragma("synchronous = NORMAL");
}

function driverOf(adapter: SqlAdapter): BetterSqlite3.Database {
  // The adapter keeps its better-sqlite3 handle in a public `client` field.
  return (adapter as unknown as { client: BetterSqlite3.Database }).client;
}

export function ensureSqliteDir(target: SqliteTarget): void {
  if (target.file !== ":memory:") mkdirSync(path.dirname(target.file), { recursive: true });
}

/** `onConnect` receives the connection's better-sqlite3 handle (see lib/db/client.ts). */
export function sqliteAdapterFactory(target: SqliteTarget, onConnect?: (driver: BetterSqlite3.Database) => void) {
  ensureSqliteDir(target);
  const base = new PrismaBetterSqlite3({ url: target.file, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return {
    provider: "sqlite" as const,
    adapterName: base.adapterName,
    async connect() {
      const adapter = await base.connect();
      applySqlitePragmas(driverOf(adapter));
      onConnect?.(driverOf(adapter));
      return adapter;
    },
    async connectToShadowDb() {
      const adapter = await base.connectToShadowDb();
      // The engine sends whole multi-statement scripts through executeRaw, which
      // better-sqlite3's prepare() rejects; parameterless SQL can go through exec().
      const executeRaw = adapter.executeRaw.bind(adapter);
      adapter.executeRaw = async (query) => {
        if (query.args.length === 0) {
          await adapter.executeScript(query.sql);
          return 0;
        }
        return executeRaw(query);
      };
      return adapter;
    },
  };
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

export function postgresAdapterFactory(target: PostgresTarget) {
  return new PrismaPg(pgPoolConfig(target));
}

export function adapterFactoryFor(target: DatabaseTarget) {
  return target.kind === "sqlite" ? sqliteAdapterFactory(target) : postgresAdapterFactory(target);
}
