// The one Prisma client of the app. It picks SQLite or PostgreSQL from DATABASE_URL;
// nothing else constructs a client. The app is typed against the SQLite client, whose
// model API is identical to the PostgreSQL one generated from the same schema.
import { env } from "@/lib/env";
import { parseDatabaseUrl, type DatabaseKind, type DatabaseTarget } from "./database-url";
import { postgresAdapterFactory, sqliteAdapterFactory } from "./adapters";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";

export type Db = SqliteClient;

type Holder = { db?: Db; kind?: DatabaseKind; url?: string; override?: { db: Db; kind: DatabaseKind } };
const globalHolder = globalThis as unknown as { __observatoryDb?: Holder };
const holder: Holder = (globalHolder.__observatoryDb ??= {});

export function createDb(target: DatabaseTarget): Db {
  if (target.kind === "sqlite") {
    return new SqliteClient({ adapter: sqliteAdapterFactory(target) });
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

/** Tests only: route handlers and pages use this database instead of DATABASE_URL's. */
export function overrideDbForTests(override: { db: Db; kind: DatabaseKind } | undefined): void {
  holder.override = override;
}

export async function disconnectDb(): Promise<void> {
  const current = holder.db;
  holder.db = undefined;
  if (current) await current.$disconnect();
}
