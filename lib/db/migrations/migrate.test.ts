import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "./migrate";
import { datamodelFor, migrationList, migrationNames, NO_FILTERS } from "./history";
import { openSchemaEngine } from "./engine";
import { migrationStatus } from "./status";
import { schemaDrift } from "./drift";
import { parseDatabaseUrl } from "../database-url";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";

describe.each(databaseKinds())("migrations on %s", (kind) => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const d of dbs) await d.drop();
  });

  it("applies the whole history to a fresh database, then nothing", async () => {
    const t = await createTestDatabase(kind, { migrate: false });
    dbs.push(t);
    const target = parseDatabaseUrl(t.url);
    const first = await migrate(target);
    expect(first.applied).toEqual(migrationNames(kind));
    expect(first.applied.length).toBeGreaterThan(0);
    const second = await migrate(target);
    expect(second.applied).toEqual([]);
    const status = await migrationStatus(t.db);
    expect(status).toEqual({ state: "up-to-date", applied: migrationNames(kind), pending: [], failed: [] });
    const rows = await t.db.$queryRawUnsafe<{ migration_name: string; applied_steps_count: unknown }[]>(
      'SELECT migration_name, applied_steps_count FROM "_prisma_migrations" WHERE finished_at IS NOT NULL',
    );
    expect(rows.map((r) => r.migration_name).sort()).toEqual(migrationNames(kind));
  });

  it("reports pending migrations on an empty database", async () => {
    const t = await createTestDatabase(kind, { migrate: false });
    dbs.push(t);
    if (kind === "postgresql")
      await migrate(parseDatabaseUrl(t.url)).then(() => t.db.$executeRawUnsafe('DELETE FROM "_prisma_migrations"'));
    const status = await migrationStatus(t.db);
    expect(status.state).toBe("pending");
    expect(status.pending).toEqual(migrationNames(kind));
  });

  it("has a migration for every change in prisma/schema.prisma", async () => {
    const t = await createTestDatabase(kind, { migrate: false });
    dbs.push(t);
    if (kind === "postgresql") await migrate(parseDatabaseUrl(t.url));
    // non-empty means: run `npm run db:migration -- <name>`
    expect(await schemaDrift(parseDatabaseUrl(t.url))).toBe("");
  });

  if (kind === "sqlite") {
    it("runs SQLite with WAL, a busy timeout and foreign keys", async () => {
      const t = await createTestDatabase(kind);
      dbs.push(t);
      const [journal] = await t.db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
      const [fk] = await t.db.$queryRawUnsafe<{ foreign_keys: unknown }[]>("PRAGMA foreign_keys");
      const [busy] = await t.db.$queryRawUnsafe<{ timeout: unknown }[]>("PRAGMA busy_timeout");
      expect(journal?.journal_mode).toBe("wal");
      expect(Number(fk?.foreign_keys)).toBe(1);
      expect(Number(busy?.timeout)).toBeGreaterThanOrEqual(5000);
      await expect(
        t.db.session.create({ data: { projectId: "missing", externalId: "x", source: "api" } }),
      ).rejects.toThrow();
    });
  }
});

describe.runIf(databaseKinds().includes("postgresql"))("a failing migration on postgresql", () => {
  it("fails with PostgreSQL's message and leaves nothing of the script behind", async () => {
    const t = await createTestDatabase("postgresql", { migrate: false });
    try {
      const target = parseDatabaseUrl(t.url);
      await migrate(target);
      const list = migrationList("postgresql");
      list.migrationDirectories.push({
        path: "99999999999999_broken",
        migrationFile: {
          path: "migration.sql",
          content: { tag: "ok", value: 'CREATE TABLE "HalfDone" (x int);\nSELECT no_such_column FROM "HalfDone";\n' },
        },
      });
      const { engine, close } = await openSchemaEngine(target, datamodelFor("postgresql"));
      const failure = await engine.applyMigrations({ migrationsList: list, filters: NO_FILTERS }).then(
        () => undefined,
        (error: unknown) => error,
      );
      await close();
      expect(String((failure as { message?: string } | undefined)?.message ?? failure)).toMatch(/no_such_column/);
      const left = await t.db.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'HalfDone'`,
      );
      expect(left[0]!.n).toBe(0);
    } finally {
      await t.drop();
    }
  });
});
