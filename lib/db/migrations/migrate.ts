import "server-only";
// Applies the repo's migration history to DATABASE_URL through the wasm schema engine.
// Idempotent: it records each migration in Prisma's standard _prisma_migrations table, so
// `prisma migrate deploy` stays valid wherever Prisma's binary engine is available.
import pg from "pg";
import { pgPoolConfig } from "../adapters";
import { withDatabase, type DatabaseTarget, type PostgresTarget } from "../database-url";
import { openSchemaEngine } from "./engine";
import { datamodelFor, migrationList, NO_FILTERS } from "./history";

const PG_UNDEFINED_DATABASE = "3D000";

/** Creates the PostgreSQL database named in the URL when it does not exist yet. */
export async function ensurePostgresDatabase(target: PostgresTarget): Promise<boolean> {
  const probe = new pg.Client(pgPoolConfig(target));
  try {
    await probe.connect();
    return false;
  } catch (error) {
    if ((error as { code?: string }).code !== PG_UNDEFINED_DATABASE) throw error;
  } finally {
    await probe.end().catch(() => {});
  }
  const admin = new pg.Client(pgPoolConfig(withDatabase(target, "postgres")));
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${target.database.replace(/"/g, '""')}"`);
  } catch (error) {
    // another process created it in the meantime
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await admin.end();
  }
  return true;
}

export type MigrateResult = { applied: string[]; createdDatabase: boolean };

export async function migrate(target: DatabaseTarget, log?: (m: string) => void): Promise<MigrateResult> {
  const createdDatabase = target.kind === "postgresql" ? await ensurePostgresDatabase(target) : false;
  const { engine, close } = await openSchemaEngine(target, datamodelFor(target.kind), log);
  try {
    const out = await engine.applyMigrations({
      migrationsList: migrationList(target.kind),
      filters: NO_FILTERS,
    });
    return { applied: out.appliedMigrationNames, createdDatabase };
  } finally {
    await close();
  }
}
