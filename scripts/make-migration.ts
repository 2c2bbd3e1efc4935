// Writes a new migration for BOTH databases from the change in prisma/schema.prisma:
//   npm run db:migration -- <name>
// It replays each history into a shadow database (in-memory SQLite; a throwaway
// PostgreSQL database at TEST_POSTGRES_URL) and diffs it against the schema.
// Review the SQL it writes: the engine reports no data-loss warnings here.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseDatabaseUrl, type DatabaseTarget } from "../lib/db/database-url";
import { schemaDrift } from "../lib/db/migrations/drift";
import { lockfileContent, migrationsDir } from "../lib/db/migrations/history";
import { ensurePostgresDatabase } from "../lib/db/migrations/migrate";
import { env } from "../lib/env";

const name = (process.argv[2] ?? "").trim();
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name>   (lowercase letters, digits and _)");
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);

async function makeFor(target: DatabaseTarget): Promise<void> {
  const kind = target.kind;
  const sql = await schemaDrift(target);
  if (sql === "") {
    console.log(`${kind}: no changes`);
    return;
  }
  const dir = path.join(migrationsDir(kind), `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql + "\n");
  writeFileSync(path.join(migrationsDir(kind), "migration_lock.toml"), lockfileContent(kind));
  console.log(`${kind}: wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}

async function main(): Promise<void> {
  const scratch = path.join(process.cwd(), "node_modules", ".cache", "observatory", "migration-scratch.db");
  mkdirSync(path.dirname(scratch), { recursive: true });
  await makeFor(parseDatabaseUrl(`file:${scratch}`));
  const pgTarget = parseDatabaseUrl(env().TEST_POSTGRES_URL);
  if (pgTarget.kind !== "postgresql") throw new Error("TEST_POSTGRES_URL must be a PostgreSQL URL");
  await ensurePostgresDatabase(pgTarget);
  await makeFor(pgTarget);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`make-migration: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
