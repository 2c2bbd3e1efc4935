// What a BAZINGA version newer than the vocabulary writes: a table the map does not name and a
// status word it does not know are kept and visible, never dropped or left uncounted.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { importOnce } from "../import-source";
import { createBazingaFixture } from "@/test/fixtures/bazinga-fixture";

describe.each(databaseKinds())("bazinga tables and words the map does not know, into %s", (kind) => {
  let t: TestDatabase;
  let dir: string;
  let source: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    dir = mkdtempSync(path.join(tmpdir(), "bazinga-unknown-"));
    source = path.join(dir, "bazinga.db");
    const db = createBazingaFixture(source);
    db.exec(`
      CREATE TABLE agent_reasoning (id INTEGER PRIMARY KEY, session_id TEXT, content TEXT, created_at TIMESTAMP);
      CREATE TABLE future_settings (name TEXT PRIMARY KEY, value TEXT);
      INSERT INTO agent_reasoning VALUES (1, 'bazinga_20250112_143022', 'thinking', '2025-01-12 14:33:00');
      INSERT INTO future_settings VALUES ('retries', '3');
      UPDATE task_groups SET status = 'on_hold_for_review' WHERE id = 'group_b';
    `);
    db.close();
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps unknown tables raw on their session or project, with their own time, and counts an unknown status by rule", async () => {
    const summary = await importOnce({ db: t.db, system: "bazinga", location: source, projectSlug: "unknown" });
    expect(summary.totals.rejected).toBe(0);
    const project = await t.db.project.findUniqueOrThrow({ where: { slug: "unknown" } });
    const reasoning = await t.db.sourceRecord.findFirstOrThrow({
      where: { projectId: project.id, table: "agent_reasoning" },
    });
    expect(reasoning).toMatchObject({
      reason: "unmapped table",
      sessionRef: "bazinga_20250112_143022",
      data: { content: "thinking" },
    });
    expect(reasoning.recordedAt?.toISOString()).toBe("2025-01-12T14:33:00.000Z");
    const setting = await t.db.sourceRecord.findFirstOrThrow({
      where: { projectId: project.id, table: "future_settings" },
    });
    expect(setting).toMatchObject({
      rowKey: expect.any(String),
      sessionRef: null,
      recordedAt: null,
      data: { name: "retries", value: "3" },
    });
    expect(summary.tables.filter((x) => x.keptRaw > 0).map((x) => x.table)).toEqual([
      "agent_reasoning",
      "future_settings",
    ]);
    const task = await t.db.task.findFirstOrThrow({
      where: { projectId: project.id, externalId: "bazinga_20250112_143022/group_b" },
    });
    expect(task).toMatchObject({ status: "pending", sourceStatus: "on_hold_for_review" });
    expect(summary.tables.find((x) => x.table === "task_groups")?.issues).toEqual({
      'unmapped status "on_hold_for_review" (counted as pending: waits for something)': 1,
    });
  });
});
