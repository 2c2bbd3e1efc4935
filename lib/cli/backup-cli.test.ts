// `backup`, `restore` and `retention --dry-run` as an operator runs them: exit codes and the
// printed summary, on both databases (PostgreSQL through pg_dump/pg_restore when installed).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit } from "@/lib/audit/append-audit";
import { hasTool } from "@/lib/backup/postgres-backup";
import { sqliteTableCounts } from "@/lib/backup/sqlite-backup";
import type { Db } from "@/lib/db/client";
import { ingestEvents } from "@/lib/ingest/pipeline";
import { ensureProject } from "@/lib/projects/projects";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";

const root = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "observatory-backup-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(databaseUrl: string, ...args: string[]) {
  const r = spawnSync(
    process.execPath,
    [
      path.join(root, "node_modules/tsx/dist/cli.mjs"),
      "--conditions=react-server",
      path.join(root, "lib/cli/main.ts"),
      ...args,
    ],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: "utf8",
    },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const DAY = 86_400_000;

/** `old` log events 60 days back, `recent` ones from now, and `audits` audit entries. */
async function fill(db: Db, counts: { old: number; recent: number; audits: number }) {
  const projectId = (await ensureProject(db, "cli-bk")).id;
  const event = (id: string, at: number) => ({
    id,
    type: "log" as const,
    timestamp: new Date(at).toISOString(),
    body: { sessionId: "cli-bk-s", message: id },
  });
  await ingestEvents(db, projectId, [
    ...Array.from({ length: counts.old }, (_, i) => event(`old-${i}`, Date.now() - 60 * DAY + i * 1000)),
    ...Array.from({ length: counts.recent }, (_, i) => event(`new-${i}`, Date.now() - i * 1000)),
  ]);
  for (let n = 0; n < counts.audits; n++) {
    await db.$transaction((tx) =>
      appendAudit(tx, {
        actor: { type: "system", name: "cli test" },
        action: "test.write",
        outcome: "success",
        details: { n },
      }),
    );
  }
}

describe("cli backup and restore on SQLite", () => {
  let source: TestDatabase;
  const file = path.join(dir, "sqlite-backup.db");
  const freshUrl = `file:${path.join(dir, "fresh.db")}`;
  beforeAll(async () => {
    source = await createTestDatabase("sqlite");
    await fill(source.db, { old: 4, recent: 3, audits: 5 });
  });
  afterAll(() => source.drop());

  it("writes a backup, refuses to overwrite it without --force, and restores it into a new file", async () => {
    const backup = cli(source.url, "backup", file);
    expect(backup.code, backup.err).toBe(0);
    expect(backup.out).toMatch(
      /^backup written: .*sqlite-backup\.db \(\d+ pages, \d+ bytes, integrity ok\) in \d+\.\ds$/m,
    );

    const again = cli(source.url, "backup", file);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists/);
    expect(cli(source.url, "backup", file, "--force").code).toBe(0);
    // a failed backup with --force keeps the file it was to replace
    const failed = cli(`file:${path.join(dir, "missing", "gone.db")}`, "backup", file, "--force");
    expect(failed.code).toBe(1);
    expect(failed.err).toContain("no database at");
    expect(sqliteTableCounts(file).AuditEntry).toBeGreaterThan(0);

    const counts = sqliteTableCounts(file);
    const rows = Object.entries(counts)
      .filter(([t]) => t !== "_prisma_migrations")
      .reduce((s, [, n]) => s + n, 0);
    const audits = await source.db.auditEntry.count();
    expect(counts.AuditEntry).toBe(audits);
    const restore = cli(freshUrl, "restore", file);
    expect(restore.code, restore.err).toBe(0);
    expect(restore.out).toContain(`: ${rows} rows, integrity ok`);
    expect(restore.out).toContain(`audit chain intact (${audits} entries)`);
  });

  it("refuses a non-empty target without --force, and replaces it with --force", () => {
    const refused = cli(source.url, "restore", file);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/is not empty \(\d+ rows\); pass --force/);
    const forced = cli(freshUrl, "restore", file, "--force");
    expect(forced.code).toBe(0);
    expect(forced.out).toContain("integrity ok");
  });

  it("exits 2 on a missing file argument and 1 on a missing backup", () => {
    expect(cli(source.url, "backup").code).toBe(2);
    expect(cli(source.url, "restore").code).toBe(2);
    const missing = cli(freshUrl, "restore", path.join(dir, "nope.db"));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("no backup at");
  });
});

const postgres = databaseKinds().includes("postgresql") && hasTool("pg_dump") && hasTool("pg_restore");

describe.skipIf(!postgres)("cli backup and restore on PostgreSQL (pg_dump / pg_restore)", () => {
  let source: TestDatabase;
  let empty: TestDatabase;
  const file = path.join(dir, "pg.dump");
  beforeAll(async () => {
    source = await createTestDatabase("postgresql");
    empty = await createTestDatabase("postgresql", { migrate: false });
    await fill(source.db, { old: 2, recent: 2, audits: 3 });
  });
  afterAll(async () => {
    await source.drop();
    await empty.drop();
  });

  it("dumps, restores into an empty database with the audit chain checked, and refuses a non-empty one", async () => {
    const backup = cli(source.url, "backup", file);
    expect(backup.code, backup.err).toBe(0);
    expect(backup.out).toContain("backup written with pg_dump (custom format, one consistent snapshot)");
    const again = cli(source.url, "backup", file);
    expect(again.code).toBe(1);
    expect(again.err).toContain("already exists");
    const forced = cli(source.url, "backup", file, "--force");
    expect(forced.code, forced.err).toBe(0);
    expect(readdirSync(dir).filter((f) => f.includes(".partial-"))).toEqual([]);
    const audits = await source.db.auditEntry.count();
    const restore = cli(empty.url, "restore", file);
    expect(restore.code, restore.err).toBe(0);
    expect(restore.out).toContain("with pg_restore");
    expect(restore.out).toContain(`audit chain intact (${audits} entries)`);
    expect(await empty.db.event.count()).toBe(await source.db.event.count());

    const refused = cli(source.url, "restore", file);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/is not empty \(\d+ rows\); pass --force/);
  });
});

describe.each(databaseKinds())("cli retention --dry-run on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await fill(t.db, { old: 6, recent: 4, audits: 0 });
  });
  afterAll(() => t.drop());

  it("counts what it would delete and changes nothing", async () => {
    const before = { events: await t.db.event.count(), audits: await t.db.auditEntry.count() };
    const r = cli(t.url, "retention", "--older-than", "30d", "--dry-run");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /retention older than 30d \(before \d{4}-\d\d-\d\dT[\d:.]+Z\): would delete 6 events and 0 LLM call bodies/,
    );
    expect(r.out).toContain("dry run: nothing was changed or audited");
    expect({ events: await t.db.event.count(), audits: await t.db.auditEntry.count() }).toEqual(before);
  });

  it("exits 2 with a message naming the flag on a bad age", () => {
    const r = cli(t.url, "retention", "--older-than", "soon", "--dry-run");
    expect(r.code).toBe(2);
    expect(r.err).toContain("--older-than");
  });
});
