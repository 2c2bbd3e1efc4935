import "server-only";
// The one Prisma client of the app. It picks SQLite or PostgreSQL from DATABASE_URL;
// nothing else constructs a client. The app is typed against the SQLite client, whose
// model API is identical to the PostgreSQL one generated from the same schema.
import type BetterSqlite3 from "better-sqlite3";
import { env } from "@/lib/env";
import { parseDatabaseUrl, type DatabaseKind, type DatabaseTarget } from "./database-url";
import { postgresAdapterFactory, sqliteAdapterFactory } from "./adapters";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";

export type Db = SqliteClient;

type Holder = {
  db?: Db;
  kind?: DatabaseKind;
  url?: string;
  override?: { db: Db; kind: DatabaseKind };
  /**
   * SQLite clients' driver handles. Kept with the client on globalThis: the Next.js server
   * bundles this module more than once (instrumentation, each route), and a handle recorded
   * by the instance that created the client must be found by every other instance.
   */
  sqliteDrivers?: WeakMap<Db, BetterSqlite3.Database>;
};
const globalHolder = globalThis as unknown as { __observatoryDb?: Holder };
const holder: Holder = (globalHolder.__observatoryDb ??= {});
const sqliteDrivers = (holder.sqliteDrivers ??= new WeakMap<Db, BetterSqlite3.Database>());

export function createDb(target: DatabaseTarget): Db {
  if (target.kind === "sqlite") {
    const ref: { client?: Db } = {};
    const client = new SqliteClient({
      adapter: sqliteAdapterFactory(target, (driver) => {
        if (ref.client) sqliteDrivers.set(ref.client, driver);
      }),
    });
    ref.client = client;
    return client;
  }
  const client = new PostgresClient({ adapter: postgresAdapterFactory(target) });
  return client as unknown as Db;
}

/** The process-wide client for DATABASE_URL (kept across hot reloads in development). */
export function db(): Db {
  if (holder.override) return holder.override.db;
  const url = env().DATABASE_URL;
  if (holder.db && holder.url === url) return holder.db;
  const target = parseDatabaseUrl(url);
  holder.db = createDb(target);
  holder.kind = target.kind;
  holder.url = url;
  return holder.db;
}

export function databaseKind(): DatabaseKind {
  return holder.override?.kind ?? parseDatabaseUrl(env().DATABASE_URL).kind;
}

/** The database a client talks to, read from the client itself (tests pass their own). */
export function kindOf(client: Db): DatabaseKind {
  const provider = (client as unknown as { _activeProvider?: string })._activeProvider;
  return provider === "postgresql" ? "postgresql" : "sqlite";
}

/**
 * The better-sqlite3 handle under a SQLite client, once it has connected. The client has
 * one connection and runs its transactions on it one at a time, so statements run on this
 * handle inside a transaction callback belong to that transaction. Only lib/db/bulk-sql.ts
 * uses it, for the ingest hot path where Prisma's per-parameter work costs 4× the insert.
 */
export function sqliteDriverOf(client: Db): BetterSqlite3.Database | undefined {
  return sqliteDrivers.get(client);
}

/** Tests only: route handlers and pages use this database instead of DATABASE_URL's. */
export function overrideDbForTests(override: { db: Db; kind: DatabaseKind } | undefined): void {
  holder.override = override;
}

export async function disconnectDb(): Promise<void> {
  const current = holder.db;
  holder.db = undefined;
  if (current) await current.$disconnect();
}
