// The generic import machinery on a real SQLite source: unknown tables kept raw (per session
// and per project), rows deleted in the source, the change token that skips an unchanged
// source, local times in the source's zone, and a read-only WAL file left untouched.
import Database from "better-sqlite3";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureProject } from "@/lib/projects/projects";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { emptyState, recordImport, runImportPass } from "./run-import";
import { openSqlSource, type SqlSource } from "./source";
import { rawTableReader, sqlReader, unmappedTableReaders } from "./sql-reader";
import type { OpenedImport } from "./types";

function makeSource(dir: string): string {
  const file = path.join(dir, "orchestrator.db");
  const db = new Database(file);
  db.exec(`
    CREATE TABLE sessions (session_id TEXT PRIMARY KEY, status TEXT, end_time TEXT);
    CREATE TABLE notes (id INTEGER PRIMARY KEY, session_id TEXT, body TEXT, created_at TEXT);
    CREATE TABLE registry (name TEXT, value TEXT);
    INSERT INTO sessions VALUES ('s1', 'merging', '2026-01-20T10:19:08.256453');
    INSERT INTO notes VALUES (1, 's1', 'first', '2026-01-20 08:00:00'), (2, 's1', 'second', '2026-01-20 08:01:00');
    INSERT INTO registry VALUES ('a', '1'), ('b', '2');
  `);
  db.close();
  return file;
}

function opened(source: SqlSource, tables: string[]): Promise<OpenedImport> {
  const sessions = sqlReader(source, {
    table: "sessions",
    mode: { kind: "mutable" },
    key: (r) => String(r.session_id),
    map: (r, ctx) => ({
      events: [
        {
          id: ctx.eventId("session"),
          type: "session",
          timestamp: "2026-01-20T08:00:00Z",
          body: {
            sessionId: String(r.session_id),
            status: String(r.status),
            endedAt: ctx.localTime(r.end_time, "end_time")?.toISOString(),
          },
        },
      ],
    }),
  });
  return unmappedTableReaders(source, tables, ["sessions"]).then((raw) => ({
    readers: [sessions, ...raw],
    version: "test v1",
    changeToken: () => source.changeToken(),
    close: () => source.close(),
  }));
}

describe.each(databaseKinds())("kept records and change following, into %s", (kind) => {
  let t: TestDatabase;
  let dir: string;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    projectId = (await ensureProject(t.db, "kept")).id;
    dir = mkdtempSync(path.join(os.tmpdir(), "kept-records-"));
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps unknown tables raw, follows updates and deletes, and skips an unchanged source", async () => {
    const file = makeSource(dir);
    const source = await openSqlSource(file);
    const imp = await opened(source, await source.tables());
    const state = emptyState();
    const pass = () => runImportPass(imp, { db: t.db, projectId, system: "bazinga", state, timeZone: "Europe/Berlin" });
    try {
      const first = await pass();
      expect(first).toMatchObject({ version: "test v1", timeZone: "Europe/Berlin", unchanged: false });
      expect(first.tables.map((x) => [x.table, x.read, x.imported, x.keptRaw])).toEqual([
        ["sessions", 1, 1, 0],
        ["notes", 2, 2, 2],
        ["registry", 2, 2, 2],
      ]);
      const session = await t.db.session.findFirstOrThrow({ where: { projectId, externalId: "s1" } });
      // an unknown word counted by its rule, the raw word kept; end_time read as Berlin time
      expect(session).toMatchObject({ status: "running", sourceStatus: "merging" });
      expect(session.endedAt?.toISOString()).toBe("2026-01-20T09:19:08.256Z");
      const perSession = await t.db.sourceRecord.findMany({
        where: { projectId, sessionRef: "s1" },
        orderBy: { rowKey: "asc" },
      });
      expect(
        perSession.map((r) => [
          r.table,
          r.rowKey,
          r.reason,
          (r.data as { body: string }).body,
          r.recordedAt?.toISOString(),
        ]),
      ).toEqual([
        ["notes", "1", "unmapped table", "first", "2026-01-20T08:00:00.000Z"],
        ["notes", "2", "unmapped table", "second", "2026-01-20T08:01:00.000Z"],
      ]);
      expect(await t.db.sourceRecord.count({ where: { projectId, sessionRef: null, table: "registry" } })).toBe(2);

      // nothing changed: the token says so and nothing is read
      expect(await pass()).toMatchObject({ unchanged: true, tables: [] });

      // the orchestrator updates a row in place, deletes one and changes a status
      const w = new Database(file);
      w.exec(
        "UPDATE notes SET body = 'first, edited' WHERE id = 1; DELETE FROM notes WHERE id = 2; UPDATE sessions SET status = 'approved_pending_merge'",
      );
      w.close();
      const third = await pass();
      expect(third.unchanged).toBe(false);
      expect(third.tables.find((x) => x.table === "notes")).toMatchObject({ read: 1, updated: 1, deleted: 1 });
      expect(third.changedRows.map((r) => [r.table, r.key])).toEqual(
        expect.arrayContaining([
          ["notes", "1"],
          ["sessions", "s1"],
        ]),
      );
      const edited = await t.db.sourceRecord.findFirstOrThrow({ where: { projectId, table: "notes", rowKey: "1" } });
      expect((edited.data as { body: string }).body).toBe("first, edited");
      const deleted = await t.db.sourceRecord.findFirstOrThrow({ where: { projectId, table: "notes", rowKey: "2" } });
      expect(deleted.deletedAt).not.toBeNull();
      expect(await t.db.session.findFirstOrThrow({ where: { projectId, externalId: "s1" } })).toMatchObject({
        status: "pending",
        sourceStatus: "approved_pending_merge",
      });
      // a re-insert of the deleted row brings it back
      const w2 = new Database(file);
      w2.exec("INSERT INTO notes VALUES (2, 's1', 'second again', '2026-01-20 08:02:00')");
      w2.close();
      await pass();
      expect(
        await t.db.sourceRecord.findFirstOrThrow({ where: { projectId, table: "notes", rowKey: "2" } }),
      ).toMatchObject({ deletedAt: null });
      // idempotent: a fresh state re-reads everything and stores nothing new
      const again = await runImportPass(imp, {
        db: t.db,
        projectId,
        system: "bazinga",
        state: emptyState(),
        timeZone: "Europe/Berlin",
      });
      expect(again.totals).toMatchObject({ rejected: 0 });
      expect(await t.db.sourceRecord.count({ where: { projectId } })).toBe(4);
    } finally {
      await imp.close();
    }
  });

  it("records nothing, and does not fail, when the source was removed while its pass ran", async () => {
    const file = makeSource(mkdtempSync(path.join(dir, "removed-")));
    const row = await t.db.importSource.create({ data: { projectId, system: "bazinga", location: file } });
    const source = await openSqlSource(file);
    const imp = await opened(source, await source.tables());
    try {
      const state = emptyState();
      const summary = await runImportPass(imp, { db: t.db, projectId, system: "bazinga", state, timeZone: "UTC" });
      await t.db.importSource.delete({ where: { id: row.id } });
      await expect(
        recordImport(t.db, { sourceId: row.id, projectId, location: file, summary, state, audit: "always" }),
      ).resolves.toBeUndefined();
      expect(await t.db.auditEntry.count({ where: { action: "import.completed", targetId: row.id } })).toBe(0);
    } finally {
      await imp.close();
    }
  });

  it("reads a WAL file it must not write beside from a copy, and sees later changes", async () => {
    const sub = mkdtempSync(path.join(dir, "ro-"));
    const file = makeSource(sub);
    const w = new Database(file);
    w.pragma("journal_mode = WAL");
    w.close();
    chmodSync(file, 0o444);
    chmodSync(sub, 0o555);
    try {
      const source = await openSqlSource(file);
      const reader = rawTableReader(source, "registry", await source.columns("registry"));
      expect(await reader.read(undefined)).toHaveLength(2);
      const token = await source.changeToken();
      expect(readdirSync(sub)).toEqual(["orchestrator.db"]);
      // the orchestrator (which may write there) adds a row
      chmodSync(sub, 0o755);
      chmodSync(file, 0o644);
      const writer = new Database(file);
      writer.exec("INSERT INTO registry VALUES ('c', '3')");
      writer.close();
      chmodSync(file, 0o444);
      chmodSync(sub, 0o555);
      expect(await source.changeToken()).not.toBe(token);
      expect(await reader.read(undefined)).toHaveLength(3);
      await source.close();
      expect(existsSync(`${file}-wal`) || existsSync(`${file}-shm`)).toBe(false);
    } finally {
      chmodSync(sub, 0o755);
    }
  });
});
