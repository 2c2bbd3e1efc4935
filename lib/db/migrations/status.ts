import "server-only";
// Migration state read from Prisma's _prisma_migrations table, compared with the history in
// the repo. Needs no schema engine, so the health endpoint can afford it.
import type { Db } from "../client";
import type { DatabaseKind } from "../database-url";
import { migrationNames } from "./history";

export type MigrationStatus = {
  state: "up-to-date" | "pending";
  applied: string[];
  pending: string[];
  failed: string[];
};

type Row = { migration_name: string; finished_at: unknown; rolled_back_at: unknown };

/** Database-specific: whether the migrations table exists yet. */
async function hasMigrationsTable(db: Db, kind: DatabaseKind): Promise<boolean> {
  const rows =
    kind === "sqlite"
      ? await db.$queryRawUnsafe<{ n: unknown }[]>(
          "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'",
        )
      : await db.$queryRawUnsafe<{ n: unknown }[]>(
          "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '_prisma_migrations'",
        );
  return Number(rows[0]?.n ?? 0) > 0;
}

export async function migrationStatus(db: Db, kind: DatabaseKind): Promise<MigrationStatus> {
  const expected = migrationNames(kind);
  const rows = (await hasMigrationsTable(db, kind))
    ? await db.$queryRawUnsafe<Row[]>('SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"')
    : [];
  const applied = new Set(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => r.migration_name));
  const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null).map((r) => r.migration_name);
  const pending = expected.filter((name) => !applied.has(name));
  return {
    state: pending.length === 0 && failed.length === 0 ? "up-to-date" : "pending",
    applied: expected.filter((name) => applied.has(name)),
    pending,
    failed,
  };
}
