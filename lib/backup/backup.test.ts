// Backup while the database is being written, restore into a new database, and check that
// the copy is complete, consistent (one snapshot) and keeps a verifiable audit chain.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit } from "@/lib/audit/append-audit";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { createDb, overrideDbForTests, type Db } from "@/lib/db/client";
import { parseDatabaseUrl, type PostgresTarget } from "@/lib/db/database-url";
import { ingestEvents } from "@/lib/ingest/pipeline";
import { ensureProject } from "@/lib/projects/projects";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { hasTool, pgDumpCommand, pgRestoreCommand, postgresRowsIn, runPg } from "./postgres-backup";
import { backupSqlite, nextBackupStep, restoreSqlite, sqliteIntegrity, sqliteTableCounts } from "./sqlite-backup";

const dir = mkdtempSync(path.join(tmpdir(), "observatory-backup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Writes batches (a log event and an audit entry each) until stopped or `max` batches. It
 * yields to the event loop after each batch: better-sqlite3 is synchronous, so without that
 * the loop runs on microtasks alone and starves every timer and the backup's own steps (the
 * cause of this test's first run hanging until it was killed).
 */
function startWriter(db: Db, projectId: string, max = 5000) {
  let stop = false;
  let batches = 0;
  const done = (async () => {
    while (!stop && batches < max) {
      const n = ++batches;
      await ingestEvents(db, projectId, [
        {
          id: `w-${n}`,
          type: "log",
          timestamp: new Date().toISOString(),
          body: { sessionId: "bk-s", message: `write ${n}`, details: { pad: "x".repeat(2000) } },
        },
      ]);
      await db.$transaction((tx) =>
        appendAudit(tx, {
          actor: { type: "system", name: "writer" },
          action: "test.write",
          outcome: "success",
          details: { n },
        }),
      );
      await new Promise((r) => setImmediate(r));
    }
  })();
  return { batches: () => batches, stop: async () => ((stop = true), await done, batches) };
}

async function seed(db: Db): Promise<string> {
  const projectId = (await ensureProject(db, "bk")).id;
  const events = Array.from({ length: 300 }, (_, i) => ({
    id: `seed-${i}`,
    type: "log",
    timestamp: new Date(Date.UTC(2026, 4, 1, 0, 0, i)).toISOString(),
    body: { sessionId: "bk-s", message: `seed ${i}`, details: { pad: "y".repeat(3000) } },
  }));
  await ingestEvents(db, projectId, events);
  return projectId;
}

/**
 * The writer commits event `write n`, then audit entry n. In one consistent snapshot the audit
 * entries therefore number the writer's events or one fewer; a torn copy breaks that.
 */
async function writerRows(db: Db) {
  const events = await db.event.count({ where: { message: { startsWith: "write " } } });
  const audits = await db.auditEntry.count({ where: { action: "test.write" } });
  return { events, audits, seeded: await db.event.count({ where: { message: { startsWith: "seed " } } }) };
}

function expectOneSnapshot(rows: { events: number; audits: number; seeded: number }) {
  expect(rows.seeded).toBe(300);
  expect([rows.events, rows.events - 1]).toContain(rows.audits);
}

describe("SQLite backup and restore", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    overrideDbForTests({ db: t.db, kind: "sqlite" });
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  it("backs up online while writes go on, and restores into a new file with equal counts and an intact chain", async () => {
    const projectId = await seed(t.db);
    const source = parseDatabaseUrl(t.url);
    if (source.kind !== "sqlite") throw new Error("expected SQLite");
    const writer = startWriter(t.db, projectId);
    await new Promise((r) => setTimeout(r, 200));
    const file = path.join(dir, "online.db");
    const progress: number[] = [];
    const before = writer.batches();
    // Small steps so the copy spans many turns of the event loop, with writes in between.
    const result = await backupSqlite(source.file, file, { stepPages: 20, onProgress: (done) => progress.push(done) });
    const during = writer.batches() - before;
    const batches = await writer.stop();
    expect(during).toBeGreaterThan(0);
    // The writes restarted the copy at least once (a step that moved no further: SQLite started
    // over) and it still finished.
    expect(progress.some((done, i) => i > 1 && done <= progress[i - 1]!)).toBe(true);
    expect(batches).toBeLessThan(5000);
    expect(result.integrity).toBe("ok");
    expect(progress.length).toBeGreaterThan(0);

    const backupCounts = sqliteTableCounts(file);
    const live = sqliteTableCounts(source.file);
    expect(backupCounts.Event).toBeGreaterThanOrEqual(300);
    expect(backupCounts.Event).toBeLessThanOrEqual(live.Event!);

    const restoredFile = path.join(dir, "restored.db");
    const restored = await restoreSqlite(file, restoredFile);
    expect(restored.integrity).toBe("ok");
    expect(restored.counts).toEqual(backupCounts);
    expect(sqliteIntegrity(restoredFile)).toBe("ok");
    const copy = createDb(parseDatabaseUrl(`file:${restoredFile}`));
    try {
      const rows = await writerRows(copy);
      expectOneSnapshot(rows);
      expect(rows.events).toBeGreaterThan(0);
      const chain = await verifyAuditChain(copy);
      expect(chain).toMatchObject({ ok: true, entries: backupCounts.AuditEntry });
    } finally {
      await copy.$disconnect();
    }
  });

  it("refuses to overwrite a backup file, a non-empty target without force, and a file that is not a backup", async () => {
    const source = parseDatabaseUrl(t.url);
    if (source.kind !== "sqlite") throw new Error("expected SQLite");
    const file = path.join(dir, "online.db");
    await expect(backupSqlite(source.file, file)).rejects.toThrow(/already exists/);
    const restoredFile = path.join(dir, "restored.db");
    await expect(restoreSqlite(file, restoredFile)).rejects.toThrow(/is not empty \(\d+ rows\); pass --force/);
    await expect(restoreSqlite(file, restoredFile, { force: true })).resolves.toMatchObject({ integrity: "ok" });
    const junk = path.join(dir, "junk.db");
    writeFileSync(junk, "not a database at all, just text");
    await expect(restoreSqlite(junk, path.join(dir, "other.db"))).rejects.toThrow();
  });
});

describe("nextBackupStep", () => {
  it("copies stepwise while each step makes progress, and the rest at once after a restart or past its budget", () => {
    const state = { last: Infinity, steps: 0, budget: 10 };
    expect(nextBackupStep(state, 900, 20)).toBe(20);
    expect(nextBackupStep(state, 880, 20)).toBe(20);
    // A restart that lands on the same remaining count (no growth) is still a restart.
    expect(nextBackupStep(state, 880, 20)).toBe(0x7fffffff);
    const slow = { last: Infinity, steps: 0, budget: 2 };
    expect(nextBackupStep(slow, 100, 20)).toBe(20);
    expect(nextBackupStep(slow, 80, 20)).toBe(20);
    expect(nextBackupStep(slow, 60, 20)).toBe(0x7fffffff);
  });
});

export const postgresAvailable = databaseKinds().includes("postgresql") && hasTool("pg_dump") && hasTool("pg_restore");

describe.skipIf(!postgresAvailable)("PostgreSQL backup (pg_dump) and restore (pg_restore)", () => {
  let t: TestDatabase;
  let empty: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgresql");
    empty = await createTestDatabase("postgresql", { migrate: false });
    overrideDbForTests({ db: t.db, kind: "postgresql" });
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
    await empty.drop();
  });

  it("dumps while writes go on and restores into an empty database with a consistent snapshot and intact chain", async () => {
    const projectId = await seed(t.db);
    const writer = startWriter(t.db, projectId);
    await new Promise((r) => setTimeout(r, 200));
    const file = path.join(dir, "pg.dump");
    const before = writer.batches();
    await runPg(pgDumpCommand(parseDatabaseUrl(t.url) as PostgresTarget, file));
    expect(writer.batches() - before).toBeGreaterThan(0);
    await writer.stop();

    const target = parseDatabaseUrl(empty.url) as PostgresTarget;
    expect(await postgresRowsIn(target)).toBe(0);
    await runPg(pgRestoreCommand(target, file));
    expect(await postgresRowsIn(target)).toBeGreaterThan(300);
    expectOneSnapshot(await writerRows(empty.db));
    expect(await verifyAuditChain(empty.db)).toMatchObject({ ok: true });
    expect(pgDumpCommand(target, file).display).not.toContain(target.password ?? "\u0000");
  });
});
