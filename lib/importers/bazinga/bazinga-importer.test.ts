import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { ensureDefaultPrices } from "@/lib/usage/prices";
import { ImportError } from "../import-error";
import { importOnce, watchImport } from "../import-source";
import { createBazingaFixture } from "@/test/fixtures/bazinga-fixture";

describe.each(databaseKinds())("bazinga importer into %s", (kind) => {
  let t: TestDatabase;
  let dir: string;
  let source: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await ensureDefaultPrices(t.db);
    dir = mkdtempSync(path.join(tmpdir(), "bazinga-"));
    source = path.join(dir, "bazinga.db");
    createBazingaFixture(source).close();
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("imports every table with exact counts and statuses", async () => {
    const summary = await importOnce({ db: t.db, system: "bazinga", location: source, projectSlug: "baz" });
    expect(summary.totals).toEqual({
      read: 20,
      imported: 20,
      updated: 0,
      skipped: 0,
      rejected: 0,
      keptRaw: 0,
      deleted: 0,
    });
    const project = await t.db.project.findUniqueOrThrow({ where: { slug: "baz" } });
    const where = { projectId: project.id };
    const done = await t.db.session.findFirstOrThrow({ where: { ...where, externalId: "bazinga_20250112_143022" } });
    expect(done).toMatchObject({
      source: "bazinga",
      status: "completed",
      mode: "parallel",
      mission: "Add authentication feature",
      placeholder: false,
    });
    expect(done.startedAt.toISOString()).toBe("2025-01-12T14:30:22.000Z");
    expect(done.endedAt?.toISOString()).toBe("2025-01-12T15:10:00.000Z");
    const active = await t.db.session.findFirstOrThrow({ where: { ...where, externalId: "bazinga_20250113_090000" } });
    expect(active).toMatchObject({ status: "running", sourceStatus: "active" });
    // the orphan log's session is a placeholder, counted in the summary below
    const orphan = await t.db.session.findFirstOrThrow({ where: { ...where, externalId: "bazinga_missing_session" } });
    expect(orphan.placeholder).toBe(true);
    expect(await t.db.event.count({ where })).toBe(6);
    const verdict = await t.db.event.findFirstOrThrow({ where: { ...where, kind: "tl_verdicts" } });
    expect(verdict).toMatchObject({
      agentType: "tech_lead",
      iteration: 2,
      details: { verdict: "CHANGES_REQUESTED", issues: 2 },
    });
    const bad = await t.db.event.findFirstOrThrow({ where: { ...where, kind: "pm_bazinga" } });
    expect(bad).toMatchObject({ agentType: "pm", details: { raw: "{not json" } });
    expect(await t.db.stateSnapshot.count({ where })).toBe(2);
    const tasks = await t.db.task.findMany({ where, orderBy: { externalId: "asc" } });
    expect(tasks.map((x) => [x.externalId, x.status, x.revisionCount])).toEqual([
      ["bazinga_20250112_143022/group_a", "completed", 2],
      ["bazinga_20250112_143022/group_b", "running", 0],
      ["bazinga_20250113_090000/group_a", "pending", 0],
    ]);
    const calls = await t.db.llmCall.findMany({ where });
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.estimated && c.costSource === "unknown")).toBe(true);
    expect(done.totalTokens).toBe(23_000);
    expect(await t.db.artifact.count({ where })).toBe(2);
    expect(await t.db.decision.count({ where })).toBe(1);
    expect(await t.db.config.findFirst({ where: { ...where, source: "bazinga", key: "testing_mode" } })).toMatchObject({
      value: { framework: "full", coverage_threshold: 80 },
    });
    const logs = summary.tables.find((x) => x.table === "orchestration_logs")!;
    expect(logs.issues).toEqual({ "invalid JSON in event_payload": 1, "unparseable timestamp in timestamp": 1 });
    expect(summary.tables.find((x) => x.table === "state_snapshots")!.issues).toEqual({
      "invalid JSON in state_data": 1,
    });
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { action: "import.completed" } });
    expect(audit).toMatchObject({ outcome: "success", details: { system: "bazinga", imported: 20 } });
  });

  it("changes nothing when imported again", async () => {
    const before = await Promise.all([
      t.db.session.count(),
      t.db.event.count(),
      t.db.llmCall.count(),
      t.db.task.count(),
    ]);
    const again = await importOnce({ db: t.db, system: "bazinga", location: source, projectSlug: "baz" });
    expect(again.totals.imported + again.totals.updated + again.totals.rejected).toBe(0);
    expect(
      await Promise.all([t.db.session.count(), t.db.event.count(), t.db.llmCall.count(), t.db.task.count()]),
    ).toEqual(before);
    // without the saved state (another target project), event ids still make it a no-op there
    const dry = await importOnce({ db: t.db, system: "bazinga", location: source, projectSlug: "baz", dryRun: true });
    expect(dry.totals.imported).toBe(20);
    expect(await t.db.session.count()).toBe(before[0]);
  });

  it("refuses bad sources with a one-line reason and writes nothing", async () => {
    const rows = await t.db.importSource.count();
    await expect(importOnce({ db: t.db, system: "bazinga", location: path.join(dir, "missing.db") })).rejects.toThrow(
      ImportError,
    );
    writeFileSync(path.join(dir, "notes.txt"), "hello");
    await expect(importOnce({ db: t.db, system: "bazinga", location: path.join(dir, "notes.txt") })).rejects.toThrow(
      /not a SQLite database/,
    );
    const tac = new Database(path.join(dir, "orchestrator.db"));
    tac.exec(
      "CREATE TABLE orchestrator_agents (id TEXT); CREATE TABLE agents (id TEXT); CREATE TABLE prompts (id TEXT);",
    );
    tac.close();
    await expect(
      importOnce({ db: t.db, system: "bazinga", location: path.join(dir, "orchestrator.db") }),
    ).rejects.toThrow(/looks like a tac database/);
    await expect(importOnce({ db: t.db, system: "nope", location: source })).rejects.toThrow(/unknown system/);
    expect(await t.db.importSource.count()).toBe(rows);
  });

  it("follows a live source and imports new and changed rows", async () => {
    const writer = new Database(source);
    const controller = new AbortController();
    const passes: number[] = [];
    const watching = watchImport({
      db: t.db,
      system: "bazinga",
      location: source,
      projectSlug: "baz",
      intervalMs: 100,
      signal: controller.signal,
      onPass: (s) => passes.push(s.totals.imported + s.totals.updated),
    });
    await new Promise((r) => setTimeout(r, 300));
    writer
      .prepare(
        "INSERT INTO orchestration_logs (session_id, timestamp, iteration, agent_type, agent_id, content) VALUES (?, ?, ?, ?, ?, ?)",
      )
      .run("bazinga_20250113_090000", "2025-01-13 09:30:00", 2, "qa_expert", "qa_1", "All tests green");
    writer
      .prepare("UPDATE sessions SET status = 'completed', end_time = '2025-01-13 09:31:00' WHERE session_id = ?")
      .run("bazinga_20250113_090000");
    const deadline = Date.now() + 10_000;
    let session = await t.db.session.findFirstOrThrow({ where: { externalId: "bazinga_20250113_090000" } });
    while (session.status !== "completed" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      session = await t.db.session.findFirstOrThrow({ where: { externalId: "bazinga_20250113_090000" } });
    }
    controller.abort();
    await watching;
    writer.close();
    expect(session.status).toBe("completed");
    expect(await t.db.event.count({ where: { message: "All tests green" } })).toBe(1);
    expect(passes.reduce((a, b) => a + b, 0)).toBe(2);
  });
});
