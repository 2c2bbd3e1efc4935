import "server-only";
// The one Prisma client of the app. It picks SQLite or PostgreSQL from DATABASE_URL;
// nothing else constructs a client. The app is typed against the SQLite client, whose
// model API is identical to the PostgreSQL one generated from the same schema.
import { env } from "@/lib/env";
import { parseDatabaseUrl, type DatabaseKind, type DatabaseTarget } from "./database-url";
import { PostgresConnection, postgresAdapterFactory, sqliteAdapterFactory, sqliteConnection } from "./adapters";
import { sqliteTransactionAdapterFactory } from "./sqlite-adapter";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { postgresDialect, sqliteDialect } from "./sql/dialects";
import { kindOf, registerClient, registerTransactionClient } from "./sql/registry";

export type Db = SqliteClient;

type Holder = {
  db?: Db;
  url?: string;
  override?: { db: Db; kind: DatabaseKind };
};
const globalHolder = globalThis as unknown as { __observatoryDb?: Holder };
const holder: Holder = (globalHolder.__observatoryDb ??= {});

/**
 * A client on one connection that Prisma and the SQL layer (lib/db/sql) share: the SQLite
 * handle or the PostgreSQL pool is opened here and handed to both.
 */
export function createDb(target: DatabaseTarget): Db {
  if (target.kind === "sqlite") {
    const settings = env();
    const connection = sqliteConnection(target, {
      readWorkers: settings.OBSERVATORY_SQLITE_READ_WORKERS,
      resolveFrom: settings.OBSERVATORY_ROOT,
    });
    // a second client on the same connection, for Prisma queries inside the connection's own
    // write transactions (ingest's); it runs nothing outside one
    const bound = new SqliteClient({ adapter: sqliteTransactionAdapterFactory(connection) });
    const dialect = sqliteDialect(connection, bound);
    registerTransactionClient(bound, dialect);
    return registerClient(new SqliteClient({ adapter: sqliteAdapterFactory(target, connection) }), dialect);
  }
  const connection = new PostgresConnection(target);
  const client = new PostgresClient({ adapter: postgresAdapterFactory(target, connection) }) as unknown as Db;
  return registerClient(client, postgresDialect(connection));
}

/** The process-wide client for DATABASE_URL (kept across hot reloads in development). */
export function db(): Db {
  if (holder.override) return holder.override.db;
  const url = env().DATABASE_URL;
  if (holder.db && holder.url === url) return holder.db;
  const target = parseDatabaseUrl(url);
  holder.db = createDb(target);
  holder.url = url;
  return holder.db;
}

/** The database of the process-wide client. */
export function databaseKind(): DatabaseKind {
  return holder.override?.kind ?? kindOf(db());
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
