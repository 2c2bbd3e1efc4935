// Imports every database BAZINGA's own code wrote (../shared/seed-data/bazinga/real, copied
// first: the originals are read-only). Expectations are computed from each copy with plain SQL,
// then the copy is changed the way the real system changes it and one more pass must show it.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { ensureDefaultPrices } from "@/lib/usage/prices";
import { importOnce, openImport, watchImport, type Follower } from "../import-source";
import type { PassSummary } from "../run-import";
import { BAZINGA_TABLES, SESSION_STATUSES, TASK_GROUP_STATUSES, tableRole } from "./bazinga-vocabulary";
import {
  columnsOf,
  copyRealDatabase,
  query,
  REAL_BAZINGA_DIR,
  realBazingaFiles,
  tablesOf,
} from "@/test/fixtures/bazinga-real-data";

const files = realBazingaFiles();
const ZONE = "Europe/Berlin"; // SOURCES.md: every call ran with TZ=Europe/Berlin

type Counts = Record<string, number>;

function count(file: string, sql: string, params: unknown[] = []): number {
  return Number(Object.values(query(file, sql, params)[0] ?? { n: 0 })[0] ?? 0);
}

/** Rows per canonical status of a status column, through the vocabulary's map. */
function statusBuckets(file: string, table: string, map: Readonly<Record<string, string>>): Counts {
  const out: Counts = {};
  for (const r of query<{ status: string | null; n: number }>(
    file,
    `SELECT status, count(*) AS n FROM "${table}" GROUP BY status`,
  )) {
    const bucket = r.status === null ? "pending" : map[r.status]!;
    out[bucket] = (out[bucket] ?? 0) + r.n;
  }
  return out;
}

function bucketsOf(rows: { status: string; _count: { _all: number } }[]): Counts {
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
}

/**
 * What a timestamp of these files means, by its spelling: Python isoformat() (T, no zone) is
 * Europe/Berlin wall time, in winter (CET, +01:00) on every date of these files; SQLite's
 * CURRENT_TIMESTAMP (space) is UTC; a zone is its own.
 */
function localIso(value: string): Date {
  if (/[Zz]|[+-]\d{2}:?\d{2}$/.test(value)) return new Date(value);
  return value.includes("T") ? new Date(`${value}+01:00`) : new Date(`${value.replace(" ", "T")}Z`);
}

describe.skipIf(files.length === 0).each(databaseKinds())("real BAZINGA databases into %s", (kind) => {
  let t: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await ensureDefaultPrices(t.db);
    dir = mkdtempSync(path.join(tmpdir(), "bazinga-real-"));
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe.each(files)("%s", (name) => {
    let file: string;
    let slug: string;
    let projectId: string;
    let first: PassSummary;

    beforeAll(async () => {
      file = copyRealDatabase(name, mkdtempSync(path.join(dir, "copy-")));
      slug = name.replace(/\.db$/, "");
      first = await importOnce({
        db: t.db,
        system: "bazinga",
        location: file,
        projectSlug: slug,
        options: { timeZone: ZONE },
      });
      projectId = (await t.db.project.findUniqueOrThrow({ where: { slug } })).id;
    });

    it("imports every row, counted as the source counts it", async () => {
      const tables = tablesOf(file);
      const has = (x: string) => tables.includes(x);
      const where = { projectId };
      expect(first.totals.rejected).toBe(0);
      expect(first.timeZone).toBe(ZONE);
      const sessions = count(file, "SELECT count(*) FROM sessions");
      expect(await t.db.session.count({ where: { ...where, placeholder: false } })).toBe(sessions);
      expect(await t.db.session.count({ where: { ...where, placeholder: true } })).toBe(0);
      expect(await t.db.event.count({ where })).toBe(count(file, "SELECT count(*) FROM orchestration_logs"));
      expect(await t.db.llmCall.count({ where })).toBe(count(file, "SELECT count(*) FROM token_usage"));
      const tokens = await t.db.llmCall.aggregate({ where, _sum: { totalTokens: true } });
      expect(tokens._sum.totalTokens ?? 0).toBe(
        count(file, "SELECT coalesce(sum(tokens_estimated), 0) FROM token_usage"),
      );
      expect(await t.db.task.count({ where })).toBe(count(file, "SELECT count(*) FROM task_groups"));
      expect(await t.db.stateSnapshot.count({ where })).toBe(
        has("state_snapshots") ? count(file, "SELECT count(*) FROM state_snapshots") : 0,
      );
      const artifactTables = ["skill_outputs", "development_plans", "success_criteria", "context_packages"].filter(has);
      const artifacts = artifactTables.reduce((n, x) => n + count(file, `SELECT count(*) FROM "${x}"`), 0);
      expect(await t.db.artifact.count({ where })).toBe(artifacts);
      // per table: every row read and imported or kept
      for (const table of first.tables) {
        expect(table.read, table.table).toBe(count(file, `SELECT count(*) FROM "${table.table}"`));
        expect(table.imported + table.skipped, table.table).toBe(table.read);
      }
    });

    it("counts each status in its canonical bucket and keeps the source's word", async () => {
      const where = { projectId };
      const sessions = await t.db.session.groupBy({
        by: ["status"],
        where: { ...where, placeholder: false },
        _count: { _all: true },
      });
      expect(bucketsOf(sessions)).toEqual(statusBuckets(file, "sessions", SESSION_STATUSES));
      const tasks = await t.db.task.groupBy({ by: ["status"], where, _count: { _all: true } });
      expect(bucketsOf(tasks)).toEqual(statusBuckets(file, "task_groups", TASK_GROUP_STATUSES));
      const rows = query<{ session_id: string; id: string; status: string }>(
        file,
        "SELECT session_id, id, status FROM task_groups",
      );
      const stored = await t.db.task.findMany({ where, select: { externalId: true, sourceStatus: true } });
      expect(new Map(stored.map((x) => [x.externalId, x.sourceStatus]))).toEqual(
        new Map(rows.map((r) => [`${r.session_id}/${r.id}`, r.status])),
      );
      const words = await t.db.session.findMany({ where, select: { externalId: true, sourceStatus: true } });
      const sourceWords = query<{ session_id: string; status: string }>(
        file,
        "SELECT session_id, status FROM sessions",
      );
      expect(new Map(words.map((x) => [x.externalId, x.sourceStatus]))).toEqual(
        new Map(sourceWords.map((r) => [r.session_id, r.status])),
      );
    });

    it("keeps every table without a canonical home as raw records, with the row's own time", async () => {
      const tables = tablesOf(file);
      for (const table of tables) {
        const role = tableRole(table);
        const records = await t.db.sourceRecord.findMany({ where: { projectId, table } });
        if (role.kind !== "raw") {
          expect(
            records.filter((r) => r.reason === "unmapped table"),
            table,
          ).toEqual([]);
          continue;
        }
        const rows = count(file, `SELECT count(*) FROM "${table}"`);
        expect(records, table).toHaveLength(rows);
        expect(first.tables.find((x) => x.table === table)?.keptRaw, table).toBe(rows);
        const columns = columnsOf(file, table);
        // on its session when the row names one (context_package_consumers: by its package)
        if (columns.includes("session_id"))
          expect(
            records.every((r) => r.sessionRef !== null),
            table,
          ).toBe(true);
        if (table === "context_package_consumers") {
          const orphans = count(
            file,
            "SELECT count(*) FROM context_package_consumers c LEFT JOIN context_packages p ON p.id = c.package_id WHERE p.session_id IS NULL",
          );
          expect(records.filter((r) => r.sessionRef !== null)).toHaveLength(rows - orphans);
        }
        const timed = role.timeColumns.filter((c) => columns.includes(c));
        const withTime =
          timed.length === 0
            ? 0
            : count(
                file,
                `SELECT count(*) FROM "${table}" WHERE ${timed.map((c) => `"${c}" IS NOT NULL`).join(" OR ")}`,
              );
        expect(
          records.filter((r) => r.recordedAt !== null),
          table,
        ).toHaveLength(withTime);
      }
      // no table the map does not name
      expect(tables.filter((x) => !(x in BAZINGA_TABLES))).toEqual([]);
    });

    it("reads end_time as local time and knows the schema version", async () => {
      const ended = query<{ session_id: string; end_time: string }>(
        file,
        "SELECT session_id, end_time FROM sessions WHERE end_time IS NOT NULL",
      );
      for (const r of ended) {
        const s = await t.db.session.findFirstOrThrow({ where: { projectId, externalId: r.session_id } });
        expect(s.endedAt?.toISOString(), r.session_id).toBe(localIso(r.end_time).toISOString());
      }
      const tables = tablesOf(file);
      // development_plans.phases[].completed_at is local isoformat() too
      if (tables.includes("development_plans")) {
        for (const r of query<{ session_id: string; id: number; phases: string }>(
          file,
          "SELECT session_id, id, phases FROM development_plans",
        )) {
          const plan = await t.db.artifact.findFirstOrThrow({
            where: { projectId, externalId: `bazinga:development_plans:${r.session_id}/${r.id}:artifact` },
          });
          const stored = (plan.data as { phases: { completed_at?: string }[] }).phases.map(
            (p) => p.completed_at ?? null,
          );
          const source = (JSON.parse(r.phases) as { completed_at?: string }[]).map((p) =>
            p.completed_at ? localIso(p.completed_at).toISOString() : null,
          );
          expect(stored).toEqual(source);
        }
      }
      if (tables.includes("schema_version")) {
        const v = count(file, "SELECT max(version) FROM schema_version");
        expect(first.version).toContain(
          columnsOf(file, "schema_version").includes("applied_at") ? `v${v} ` : `schema_version ${v}`,
        );
      } else {
        expect(first.version).toMatch(/schema/);
      }
    });

    it("keeps the original agent spelling on logs and token rows, and a model named in agent_id as the model", async () => {
      const logs = query<{ id: number; agent_type: string }>(file, "SELECT id, agent_type FROM orchestration_logs");
      const events = await t.db.event.findMany({
        where: { projectId },
        select: { externalId: true, agentType: true, metadata: true },
      });
      const byRow = new Map(events.map((e) => [e.externalId.split(":")[2], e]));
      for (const r of logs) {
        const e = byRow.get(String(r.id))!;
        const original = (e.metadata as { sourceAgentType?: string } | null)?.sourceAgentType ?? e.agentType;
        expect(original, `log ${r.id}`).toBe(r.agent_type);
      }
      const pmTypes = new Set(
        events
          .filter((e) =>
            ["pm", "project_manager"].includes(
              (e.metadata as { sourceAgentType?: string } | null)?.sourceAgentType ?? e.agentType ?? "",
            ),
          )
          .map((e) => e.agentType),
      );
      if (pmTypes.size > 0) expect([...pmTypes]).toEqual(["pm"]);
      const tokens = query<{ id: number; agent_type: string; agent_id: string | null }>(
        file,
        "SELECT id, agent_type, agent_id FROM token_usage",
      );
      const calls = await t.db.llmCall.findMany({
        where: { projectId },
        select: { externalId: true, agentType: true, model: true, metadata: true },
      });
      for (const r of tokens) {
        const c = calls.find((x) => x.externalId === `bazinga:token_usage:${r.id}:call`)!;
        expect(
          (c.metadata as { sourceAgentType?: string } | null)?.sourceAgentType ?? c.agentType,
          `token ${r.id}`,
        ).toBe(r.agent_type);
      }
      const models = count(file, "SELECT count(*) FROM token_usage WHERE agent_id IN ('haiku', 'sonnet', 'opus')");
      expect(calls.filter((c) => c.model !== null)).toHaveLength(models);
      // event rows: kind is the subtype
      const subtypes = columnsOf(file, "orchestration_logs").includes("event_subtype")
        ? count(file, "SELECT count(*) FROM orchestration_logs WHERE log_type = 'event' AND event_subtype IS NOT NULL")
        : 0;
      const eventKinds = columnsOf(file, "orchestration_logs").includes("event_subtype")
        ? new Set(
            query<{ s: string }>(
              file,
              "SELECT DISTINCT event_subtype AS s FROM orchestration_logs WHERE event_subtype IS NOT NULL",
            ).map((r) => r.s),
          )
        : new Set<string>();
      expect(await t.db.event.count({ where: { projectId, kind: { in: [...eventKinds] } } })).toBe(subtypes);
    });

    it("changes nothing when imported again", async () => {
      const before = await Promise.all([
        t.db.session.count(),
        t.db.event.count(),
        t.db.llmCall.count(),
        t.db.task.count(),
        t.db.artifact.count(),
        t.db.stateSnapshot.count(),
        t.db.sourceRecord.count(),
      ]);
      const again = await importOnce({
        db: t.db,
        system: "bazinga",
        location: file,
        projectSlug: slug,
        options: { timeZone: ZONE },
      });
      expect(again.totals.imported + again.totals.updated + again.totals.rejected + again.totals.deleted).toBe(0);
      // without the change token: every row read again, none re-applied
      const source = await t.db.importSource.findFirstOrThrow({ where: { projectId } });
      await t.db.importSource.update({
        where: { id: source.id },
        data: { state: { ...(source.state as object), token: null } },
      });
      const full = await importOnce({
        db: t.db,
        system: "bazinga",
        location: file,
        projectSlug: slug,
        options: { timeZone: ZONE },
      });
      expect(full.unchanged).toBe(false);
      expect(full.totals.imported + full.totals.updated + full.totals.rejected + full.totals.deleted).toBe(0);
      expect(
        await Promise.all([
          t.db.session.count(),
          t.db.event.count(),
          t.db.llmCall.count(),
          t.db.task.count(),
          t.db.artifact.count(),
          t.db.stateSnapshot.count(),
          t.db.sourceRecord.count(),
        ]),
      ).toEqual(before);
    });

    it("gives the same counts when a pass dies midway and is run again", async () => {
      const copy = copyRealDatabase(name, mkdtempSync(path.join(dir, "crash-")));
      const request = {
        db: t.db,
        system: "bazinga",
        location: copy,
        projectSlug: `${slug}-crash`,
        options: { timeZone: ZONE },
      };
      let batches = 0;
      const dies = (_table: string, done: number) => {
        if (done > 0 && ++batches === 3) throw new Error("killed mid-import");
      };
      await expect(importOnce({ ...request, onProgress: dies })).rejects.toThrow("killed mid-import");
      await importOnce(request);
      const crashed = (await t.db.project.findUniqueOrThrow({ where: { slug: `${slug}-crash` } })).id;
      const counts = (id: string) =>
        Promise.all([
          t.db.session.count({ where: { projectId: id } }),
          t.db.event.count({ where: { projectId: id } }),
          t.db.llmCall.count({ where: { projectId: id } }),
          t.db.task.count({ where: { projectId: id } }),
          t.db.artifact.count({ where: { projectId: id } }),
          t.db.stateSnapshot.count({ where: { projectId: id } }),
          t.db.sourceRecord.count({ where: { projectId: id } }),
        ]);
      expect(await counts(crashed)).toEqual(await counts(projectId));
    });
  });

  describe("live changes the way the real code makes them", () => {
    let file: string;
    let projectId: string;
    let follower: Follower;
    let writer: Database.Database;

    beforeAll(async () => {
      file = copyRealDatabase("bazinga-head.db", mkdtempSync(path.join(dir, "live-")));
      follower = await openImport(
        { db: t.db, system: "bazinga", location: file, projectSlug: "live-head", options: { timeZone: ZONE } },
        "on-change",
      );
      await follower.pass();
      projectId = (await t.db.project.findUniqueOrThrow({ where: { slug: "live-head" } })).id;
      writer = new Database(file);
    });
    afterAll(async () => {
      writer.close();
      await follower.close();
    });

    it("re-applies a state snapshot overwritten in place (the v19 upsert)", async () => {
      const row = writer
        .prepare(
          "SELECT id, session_id, state_type FROM state_snapshots WHERE state_type = 'orchestrator' ORDER BY id DESC LIMIT 1",
        )
        .get() as { id: number; session_id: string; state_type: string };
      // save-state: INSERT … ON CONFLICT(session_id, state_type, group_id) DO UPDATE, whole JSON replaced
      writer
        .prepare("UPDATE state_snapshots SET state_data = ?, timestamp = datetime('now') WHERE id = ?")
        .run(JSON.stringify({ phase: "clarification", iteration: 10 }), row.id);
      const summary = await follower.pass();
      expect(summary.tables.find((x) => x.table === "state_snapshots")).toMatchObject({ updated: 1, imported: 0 });
      const session = await t.db.session.findFirstOrThrow({ where: { projectId, externalId: row.session_id } });
      const latest = await t.db.stateSnapshot.findFirstOrThrow({
        where: { sessionId: session.id, kind: row.state_type },
        orderBy: [{ timestamp: "desc" }, { id: "desc" }],
      });
      expect(latest.data).toEqual({ phase: "clarification", iteration: 10 });
    });

    it("follows a task group through approved_pending_merge and merging", async () => {
      const g = writer.prepare("SELECT id, session_id FROM task_groups WHERE status = 'in_progress' LIMIT 1").get() as {
        id: string;
        session_id: string;
      };
      const externalId = `${g.session_id}/${g.id}`;
      for (const word of ["approved_pending_merge", "merging"]) {
        writer
          .prepare(
            "UPDATE task_groups SET status = ?, updated_at = datetime('now', '+1 second') WHERE id = ? AND session_id = ?",
          )
          .run(word, g.id, g.session_id);
        const summary = await follower.pass();
        expect(summary.tables.find((x) => x.table === "task_groups")?.updated).toBe(1);
        const task = await t.db.task.findFirstOrThrow({ where: { projectId, externalId } });
        expect(task.sourceStatus).toBe(word);
        expect(task.status).toBe(TASK_GROUP_STATUSES[word]);
        const groups = await t.db.task.groupBy({ by: ["status"], where: { projectId }, _count: { _all: true } });
        expect(bucketsOf(groups)).toEqual(statusBuckets(file, "task_groups", TASK_GROUP_STATUSES));
      }
    });

    it("imports an inserted log, and an orphan log only under a placeholder that is not counted as running", async () => {
      const sid = (
        writer.prepare("SELECT session_id FROM sessions WHERE status = 'active'").get() as { session_id: string }
      ).session_id;
      const insert = writer.prepare(
        "INSERT INTO orchestration_logs (session_id, iteration, agent_type, agent_id, content, log_type) VALUES (?, ?, ?, ?, ?, 'interaction')",
      );
      insert.run(sid, 9, "developer", "developer_EXPORT", "Streaming export implemented");
      // the session row is gone (or never written): SQLite checks no foreign key unless asked
      writer.pragma("foreign_keys = OFF");
      insert.run("bazinga_20260123_000000_gone", 1, "pm", "pm_main", "Log of a session row that does not exist");
      const summary = await follower.pass();
      expect(summary.tables.find((x) => x.table === "orchestration_logs")?.imported).toBe(2);
      expect(await t.db.event.count({ where: { projectId, message: "Streaming export implemented" } })).toBe(1);
      const orphan = await t.db.session.findFirstOrThrow({
        where: { projectId, externalId: "bazinga_20260123_000000_gone" },
        include: { events: true },
      });
      // no session event was sent for it: the pipeline's placeholder, status unknown
      expect(orphan).toMatchObject({ placeholder: true, status: "unknown", sourceStatus: null });
      expect(orphan.events).toHaveLength(1);
      // sessions counted as running: exactly the source's active rows
      const running = await t.db.session.count({ where: { projectId, status: "running" } });
      expect(running).toBe(count(file, "SELECT count(*) FROM sessions WHERE status = 'active'"));
    });

    it("follows deletes: a task group is no longer in flight, a raw row is marked deleted", async () => {
      const g = writer
        .prepare("SELECT id, session_id, name FROM task_groups WHERE status = 'completed' LIMIT 1")
        .get() as { id: string; session_id: string; name: string };
      writer.prepare("DELETE FROM task_groups WHERE id = ? AND session_id = ?").run(g.id, g.session_id);
      const strategy = writer.prepare("SELECT strategy_id FROM strategies LIMIT 1").get() as { strategy_id: string };
      writer.prepare("DELETE FROM strategies WHERE strategy_id = ?").run(strategy.strategy_id);
      const summary = await follower.pass();
      expect(summary.tables.find((x) => x.table === "task_groups")?.deleted).toBe(1);
      expect(summary.tables.find((x) => x.table === "strategies")?.deleted).toBe(1);
      const task = await t.db.task.findFirstOrThrow({ where: { projectId, externalId: `${g.session_id}/${g.id}` } });
      expect(task).toMatchObject({ status: "cancelled", sourceStatus: "deleted", name: g.name });
      const record = await t.db.sourceRecord.findFirstOrThrow({
        where: { projectId, table: "strategies", rowKey: strategy.strategy_id },
      });
      expect(record.deletedAt).not.toBeNull();
    });

    it("ends a session with its local-time end_time, and a pass after that changes nothing", async () => {
      const sid = (
        writer.prepare("SELECT session_id FROM sessions WHERE status = 'active'").get() as { session_id: string }
      ).session_id;
      // complete-session: status and datetime.now().isoformat() (local, T, microseconds)
      writer
        .prepare("UPDATE sessions SET status = 'completed', end_time = ? WHERE session_id = ?")
        .run("2026-01-22T14:55:01.123456", sid);
      await follower.pass();
      const session = await t.db.session.findFirstOrThrow({ where: { projectId, externalId: sid } });
      expect(session).toMatchObject({ status: "completed", sourceStatus: "completed" });
      expect(session.endedAt?.toISOString()).toBe(localIso("2026-01-22T14:55:01.123456").toISOString());
      const idle = await follower.pass();
      expect(idle.totals.imported + idle.totals.updated + idle.totals.deleted).toBe(0);
    });

    it("sees an in-place edit while watching, by the first pass that starts after it", async () => {
      const watchFile = copyRealDatabase("bazinga-head.db", mkdtempSync(path.join(dir, "watch-")));
      const controller = new AbortController();
      const passes: PassSummary[] = [];
      const watching = watchImport({
        db: t.db,
        system: "bazinga",
        location: watchFile,
        projectSlug: "watch-head",
        options: { timeZone: ZONE },
        intervalMs: 100,
        signal: controller.signal,
        onPass: (p) => passes.push(p),
      });
      const waitFor = async (n: number) => {
        const deadline = Date.now() + 30_000;
        while (passes.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      };
      await waitFor(1);
      const edit = new Database(watchFile);
      const row = edit.prepare("SELECT id, session_id FROM state_snapshots WHERE state_type = 'pm' LIMIT 1").get() as {
        id: number;
        session_id: string;
      };
      edit
        .prepare("UPDATE state_snapshots SET state_data = ?, timestamp = datetime('now') WHERE id = ?")
        .run(JSON.stringify({ mode: "simple", clarified: true }), row.id);
      edit.close();
      // a pass running during the write may have read before it; the one after must see it
      const seenBy = passes.length + 2;
      await waitFor(seenBy);
      controller.abort();
      await watching;
      expect(
        passes
          .slice(0, seenBy)
          .reduce((n, p) => n + (p.tables.find((x) => x.table === "state_snapshots")?.updated ?? 0), 0),
      ).toBe(1);
      const project = await t.db.project.findUniqueOrThrow({ where: { slug: "watch-head" } });
      const session = await t.db.session.findFirstOrThrow({
        where: { projectId: project.id, externalId: row.session_id },
      });
      const latest = await t.db.stateSnapshot.findFirstOrThrow({
        where: { sessionId: session.id, kind: "pm" },
        orderBy: [{ timestamp: "desc" }, { id: "desc" }],
      });
      expect(latest.data).toEqual({ mode: "simple", clarified: true });
    });

    it("still follows the documented schema's append-only state rows", async () => {
      const oldFile = copyRealDatabase("bazinga-old.db", mkdtempSync(path.join(dir, "old-")));
      const old = await openImport(
        { db: t.db, system: "bazinga", location: oldFile, projectSlug: "live-old", options: { timeZone: ZONE } },
        "on-change",
      );
      try {
        await old.pass();
        const w = new Database(oldFile);
        const sid = (
          w.prepare("SELECT session_id FROM sessions WHERE status = 'active'").get() as { session_id: string }
        ).session_id;
        w.prepare("INSERT INTO state_snapshots (session_id, state_type, state_data) VALUES (?, 'pm', ?)").run(
          sid,
          JSON.stringify({ iteration: 3 }),
        );
        w.close();
        const summary = await old.pass();
        expect(summary.tables.find((x) => x.table === "state_snapshots")).toMatchObject({ imported: 1, updated: 0 });
        const project = await t.db.project.findUniqueOrThrow({ where: { slug: "live-old" } });
        expect(await t.db.stateSnapshot.count({ where: { projectId: project.id } })).toBe(
          count(oldFile, "SELECT count(*) FROM state_snapshots"),
        );
      } finally {
        await old.close();
      }
    });

    it("never writes beside the read-only originals", () => {
      for (const name of files) {
        expect(existsSync(path.join(REAL_BAZINGA_DIR, `${name}-wal`))).toBe(false);
        expect(existsSync(path.join(REAL_BAZINGA_DIR, `${name}-shm`))).toBe(false);
      }
    });
  });
});
