import "server-only";
// Migration state read from Prisma's _prisma_migrations table, compared with the history in
// the repo. Needs no schema engine, so the health endpoint can afford it.
import type { Db } from "../client";
import { dialectOf } from "../sql/registry";
import { migrationNames } from "./history";

export type MigrationStatus = {
  state: "up-to-date" | "pending";
  applied: string[];
  pending: string[];
  failed: string[];
};

type Row = { migration_name: string; finished_at: unknown; rolled_back_at: unknown };

export async function migrationStatus(db: Db): Promise<MigrationStatus> {
  const dialect = dialectOf(db);
  const expected = migrationNames(dialect.kind);
  const rows = (await dialect.tableExists(db, "_prisma_migrations"))
    ? await db.$queryRawUnsafe<Row[]>('SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"')
    : [];
  const applied = new Set(
    rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => r.migration_name),
  );
  const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null).map((r) => r.migration_name);
  const pending = expected.filter((name) => !applied.has(name));
  return {
    state: pending.length === 0 && failed.length === 0 ? "up-to-date" : "pending",
    applied: expected.filter((name) => applied.has(name)),
    pending,
    failed,
  };
}
