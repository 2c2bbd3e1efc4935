// A fresh, migrated database per test file, on SQLite or PostgreSQL. PostgreSQL databases
// are created under a random name and dropped afterwards.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb, type Db } from "@/lib/db/client";
import { parseDatabaseUrl, withDatabase, type DatabaseKind, type PostgresTarget } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrations/migrate";
import { pgPoolConfig } from "@/lib/db/adapters";

export type TestDatabase = { kind: DatabaseKind; url: string; db: Db; drop: () => Promise<void> };

/** The database kinds this run tests: always SQLite, PostgreSQL when reachable. */
export function databaseKinds(): DatabaseKind[] {
  return process.env.OBSERVATORY_TEST_PG === "1" ? ["sqlite", "postgresql"] : ["sqlite"];
}

function postgresServer(): PostgresTarget {
  const target = parseDatabaseUrl(process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  if (target.kind !== "postgresql") throw new Error("TEST_POSTGRES_URL must be a PostgreSQL URL");
  return target;
}

async function dropPostgres(server: PostgresTarget, name: string): Promise<void> {
  const admin = new pg.Client(pgPoolConfig(server));
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function createEmptyPostgres(server: PostgresTarget, name: string): Promise<void> {
  const admin = new pg.Client(pgPoolConfig(server));
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

export async function createTestDatabase(
  kind: DatabaseKind,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "observatory-test-"));
    const url = `file:${path.join(dir, "test.db")}`;
    const target = parseDatabaseUrl(url);
    if (options.migrate !== false) await migrate(target);
    const db = createDb(target);
    return {
      kind,
      url,
      db,
      drop: async () => {
        await db.$disconnect();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const server = postgresServer();
  const name = `observatory_test_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const target = withDatabase(server, name);
  if (options.migrate !== false) await migrate(target);
  else await createEmptyPostgres(server, name);
  const db = createDb(target);
  return {
    kind,
    url: target.url,
    db,
    drop: async () => {
      await db.$disconnect();
      await dropPostgres(server, name);
    },
  };
}
