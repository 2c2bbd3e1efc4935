import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { ensureDefaultPrices } from "@/lib/usage/prices";
import { createBazingaFixture } from "@/test/fixtures/bazinga-fixture";
import { detectSystem } from "../detect";
import { ImportError } from "../import-error";
import { importOnce } from "../import-source";
import { createTacFixture } from "@/test/fixtures/tac-fixture";
import {
  createStudioPostgresSource,
  createStudioSqliteFixture,
  type PostgresSource,
} from "@/test/fixtures/studio-fixture";

const PG_SERVER = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

describe("studio detection", () => {
  it("knows the development database by its sessions.user_mission column", () => {
    expect(detectSystem(["sessions"], ["session_id", "user_mission", "state_json"])).toBe("studio");
    expect(detectSystem(["sessions"], ["session_id", "status"])).toBeUndefined();
    expect(detectSystem(["sessions", "orchestration_logs"], ["session_id", "user_mission"])).toBe("bazinga");
    expect(detectSystem(["sessions", "checkpoints", "agent_executions"])).toBe("studio");
  });
});

describe.each(databaseKinds())("studio importer into %s", (kind) => {
  let t: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await ensureDefaultPrices(t.db);
    dir = mkdtempSync(path.join(tmpdir(), "studio-"));
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe("from the SQLite development database", () => {
    let source: string;
    beforeAll(() => {
      source = path.join(dir, "orchestrator.db");
      createStudioSqliteFixture(source).close();
    });

    it("imports sessions, and runs with token usage from their execution logs", async () => {
      const summary = await importOnce({ db: t.db, system: "studio", location: source, projectSlug: "studio-dev" });
      expect(summary.totals).toEqual({
        read: 4,
        imported: 4,
        updated: 0,
        skipped: 0,
        rejected: 0,
        keptRaw: 0,
        deleted: 0,
      });
      expect(summary.tables[0]!.issues).toEqual({
        "invalid execution_log entry": 1,
        "unparseable timestamp in execution_log.timestamp": 1,
        "invalid execution_log.tokens_input": 1,
        'unknown status "zombie"': 1,
        'unknown current_phase "design"': 1,
        "unparseable timestamp in created_at": 1,
        "invalid JSON in state_json": 1,
        "invalid JSON in metadata": 1,
      });
      const project = await t.db.project.findUniqueOrThrow({ where: { slug: "studio-dev" } });
      const where = { projectId: project.id };

      const sessions = await t.db.session.findMany({ where, orderBy: { externalId: "asc" } });
      expect(
        sessions.map((s) => [
          s.externalId,
          s.status,
          s.sourceStatus,
          s.phase,
          s.totalTokens,
          s.errorCount,
          s.placeholder,
        ]),
      ).toEqual([
        ["sess-broken", "running", "zombie", "design", 0, 0, false],
        ["sess-min", "expired", "expired", "qa", 0, 0, false],
        ["sess-oauth", "awaiting_approval", "awaiting_approval", "human_gate", 1_500, 0, false],
        ["sess-todo", "completed", "completed", "complete", 20_000, 1, false],
      ]);
      const todo = sessions[3]!;
      expect(todo).toMatchObject({
        source: "studio",
        mission: "Build a todo app",
        iteration: 2,
        qaPassed: true,
        workDir: "/work/todo",
      });
      expect(todo.metadata).toEqual({ priority: "high", owner: "alice", project: "todo" });
      expect(todo.costUsd).toBeCloseTo(0.039, 9);
      expect(todo.startedAt.toISOString()).toBe("2025-02-01T08:00:00.000Z");
      expect(todo.endedAt?.toISOString()).toBe("2025-02-01T09:00:00.000Z");
      expect((todo.state as { execution_log: unknown[] }).execution_log).toHaveLength(5);
      const broken = sessions[0]!;
      expect(broken.state).toEqual({ raw: "{broken" });
      expect(broken.startedAt.toISOString()).toBe("2025-02-03T12:00:00.000Z");
      expect(broken.metadata).toEqual({ raw: "{also broken", created_at: "not-a-date" });

      const runs = await t.db.run.findMany({ where, orderBy: { externalId: "asc" } });
      expect(
        runs.map((r) => [r.externalId, r.agentType, r.status, r.sourceStatus, r.reportedTokens, r.durationMs]),
      ).toEqual([
        ["sess-oauth:exec:0", "pm", "completed", "completed", 500, 240_000],
        ["sess-oauth:exec:1", "arch", "completed", "completed", 1_000, 600_000],
        ["sess-oauth:exec:3", "eng", "running", "running", null, null],
        ["sess-todo:exec:0", "pm", "completed", "completed", 1_500, 300_000],
        ["sess-todo:exec:1", "arch", "completed", "completed", 3_500, 600_000],
        ["sess-todo:exec:2", "eng", "failed", "failed", 9_000, 1_200_000],
        ["sess-todo:exec:3", "eng", "completed", "completed", 5_000, 500_500],
        ["sess-todo:exec:4", "qa", "completed", "passed", 1_000, 60_000],
      ]);
      const run = (id: string) => runs.find((r) => r.externalId === id)!;
      expect(run("sess-todo:exec:2")).toMatchObject({ error: "build broke" });
      expect(run("sess-todo:exec:3").startedAt?.toISOString()).toBe("2025-02-01T08:41:39.500Z");
      expect(run("sess-todo:exec:3").endedAt?.toISOString()).toBe("2025-02-01T08:50:00.000Z");
      expect(run("sess-todo:exec:4").metadata).toMatchObject({ retries: 1, durationSeconds: 60 });
      expect(run("sess-oauth:exec:1").metadata).toMatchObject({ sourceAgentType: "Architect" });
      expect(run("sess-oauth:exec:3").metadata).toMatchObject({ tokens_input: -5, timestamp: "soon" });

      const calls = await t.db.llmCall.findMany({ where, include: { run: true }, orderBy: { externalId: "asc" } });
      expect(calls.map((c) => [c.run?.externalId, c.inputTokens, c.outputTokens, c.totalTokens, c.costSource])).toEqual(
        [
          ["sess-oauth:exec:0", 400, 100, 500, "unknown"],
          ["sess-oauth:exec:1", 700, 300, 1_000, "unknown"],
          ["sess-todo:exec:0", 1_000, 500, 1_500, "unknown"],
          ["sess-todo:exec:1", 2_000, 1_500, 3_500, "unknown"],
          ["sess-todo:exec:2", 5_000, 4_000, 9_000, "unknown"],
          ["sess-todo:exec:3", 3_000, 2_000, 5_000, "computed"],
          ["sess-todo:exec:4", 800, 200, 1_000, "unknown"],
        ],
      );
      expect(calls[5]!.costUsd).toBeCloseTo(0.039, 9);
    });

    it("changes nothing when imported again, and follows a growing execution log", async () => {
      const counts = () => Promise.all([t.db.session.count(), t.db.run.count(), t.db.llmCall.count()]);
      const before = await counts();
      // the source is unchanged: the pass reads nothing
      const quiet = await importOnce({ db: t.db, system: "studio", location: source, projectSlug: "studio-dev" });
      expect(quiet.unchanged).toBe(true);
      expect(quiet.totals.read).toBe(0);
      // without the saved change token every table is read again, and nothing is sent again
      for (const s of await t.db.importSource.findMany({ where: { system: "studio" } }))
        await t.db.importSource.update({
          where: { id: s.id },
          data: { state: { ...(s.state as Record<string, string>), token: "" } },
        });
      const again = await importOnce({ db: t.db, system: "studio", location: source, projectSlug: "studio-dev" });
      expect(again.totals).toEqual({
        read: 4,
        imported: 0,
        updated: 0,
        skipped: 4,
        rejected: 0,
        keptRaw: 0,
        deleted: 0,
      });
      expect(await counts()).toEqual(before);

      const writer = new Database(source);
      const row = writer.prepare("SELECT state_json FROM sessions WHERE session_id = 'sess-oauth'").get() as {
        state_json: string;
      };
      const state = JSON.parse(row.state_json) as { execution_log: unknown[] };
      state.execution_log.push({
        agent: "eng",
        timestamp: "2025-02-02T11:00:00Z",
        status: "completed",
        duration_seconds: 100,
        tokens_input: 2000,
        tokens_output: 1000,
      });
      writer
        .prepare(
          "UPDATE sessions SET state_json = ?, status = 'running', current_phase = 'eng', updated_at = '2025-02-02 11:00:00' WHERE session_id = 'sess-oauth'",
        )
        .run(JSON.stringify(state));
      writer.close();
      const grown = await importOnce({ db: t.db, system: "studio", location: source, projectSlug: "studio-dev" });
      expect(grown.totals).toEqual({
        read: 4,
        imported: 0,
        updated: 1,
        skipped: 3,
        rejected: 0,
        keptRaw: 0,
        deleted: 0,
      });
      expect(await counts()).toEqual([before[0], before[1]! + 1, before[2]! + 1]);
      const oauth = await t.db.session.findFirstOrThrow({ where: { externalId: "sess-oauth" } });
      expect(oauth).toMatchObject({ status: "running", phase: "eng", totalTokens: 4_500 });
      expect((oauth.phaseHistory as { phase: string }[]).map((p) => p.phase)).toEqual(["human_gate", "eng"]);
    });

    it("refuses bad sources with a one-line reason and writes nothing", async () => {
      const rows = await Promise.all([t.db.importSource.count(), t.db.project.count(), t.db.session.count()]);
      await expect(importOnce({ db: t.db, system: "studio", location: path.join(dir, "missing.db") })).rejects.toThrow(
        /no such file or folder/,
      );
      writeFileSync(path.join(dir, "notes.txt"), "hello");
      await expect(importOnce({ db: t.db, system: "studio", location: path.join(dir, "notes.txt") })).rejects.toThrow(
        /not a SQLite database/,
      );
      createTacFixture(path.join(dir, "tac.db")).close();
      await expect(importOnce({ db: t.db, system: "studio", location: path.join(dir, "tac.db") })).rejects.toThrow(
        /looks like a tac database/,
      );
      createBazingaFixture(path.join(dir, "bazinga.db")).close();
      await expect(importOnce({ db: t.db, system: "studio", location: path.join(dir, "bazinga.db") })).rejects.toThrow(
        /looks like a bazinga database/,
      );
      const other = new Database(path.join(dir, "other.db"));
      other.exec("CREATE TABLE sessions (id TEXT PRIMARY KEY, status TEXT)");
      other.close();
      await expect(importOnce({ db: t.db, system: "studio", location: path.join(dir, "other.db") })).rejects.toThrow(
        /not a studio database/,
      );
      const unreachable = await importOnce({
        db: t.db,
        system: "studio",
        location: "postgresql://studio:hunter2@127.0.0.1:1/studio",
      }).catch((e: unknown) => e);
      expect(unreachable).toBeInstanceOf(ImportError);
      expect((unreachable as Error).message).toMatch(
        /^cannot connect to postgresql:\/\/studio:\*\*\*@127\.0\.0\.1:1\/studio: /,
      );
      expect((unreachable as Error).message).not.toContain("hunter2");
      expect(await Promise.all([t.db.importSource.count(), t.db.project.count(), t.db.session.count()])).toEqual(rows);
    });
  });

  describe.skipIf(process.env.OBSERVATORY_TEST_PG !== "1")("from PostgreSQL with the full schema", () => {
    let pgSource: PostgresSource;
    beforeAll(async () => {
      pgSource = await createStudioPostgresSource(PG_SERVER);
    });
    afterAll(async () => {
      await pgSource?.drop();
    });

    it("imports every table with exact counts, tokens and statuses", async () => {
      const summary = await importOnce({
        db: t.db,
        system: "studio",
        location: pgSource.url,
        projectSlug: "studio-pg",
      });
      expect(summary.tables.map((x) => [x.table, x.read, x.imported])).toEqual([
        ["agent_settings", 5, 5],
        ["prompt_versions", 4, 4],
        ["sessions", 4, 4],
        ["checkpoints", 5, 5],
        ["agent_executions", 7, 7],
        ["artifacts", 3, 3],
        ["audit_log", 4, 4],
        ["metrics", 3, 3],
      ]);
      expect(summary.totals).toEqual({
        read: 35,
        imported: 35,
        updated: 0,
        skipped: 0,
        rejected: 0,
        keptRaw: 0,
        deleted: 0,
      });
      expect(Object.fromEntries(summary.tables.map((x) => [x.table, x.issues]))).toEqual({
        agent_settings: { 'unknown usage_unit "credits"': 1 },
        prompt_versions: { "prompt version of an unknown profile": 1 },
        sessions: { 'unknown status "on_hold" (counted as pending: waits for something)': 1 },
        checkpoints: { "dangling parent_checkpoint_id": 1, "dangling thread_id": 1 },
        agent_executions: { 'unknown agent_type "devops"': 1, 'unknown status "stalled"': 1 },
        artifacts: { 'unknown artifact_type "diagram"': 1 },
        audit_log: { 'unknown event_type "custom_event"': 1 },
        metrics: { "invalid metric_value": 1 },
      });
      const project = await t.db.project.findUniqueOrThrow({ where: { slug: "studio-pg" } });
      const where = { projectId: project.id };

      const sessions = await t.db.session.findMany({ where, orderBy: { externalId: "asc" } });
      expect(
        sessions.map((s) => [
          s.externalId,
          s.status,
          s.sourceStatus,
          s.phase,
          s.totalTokens,
          s.errorCount,
          s.placeholder,
        ]),
      ).toEqual([
        ["pg-arch", "running", "running", "arch", 2_500, 0, false],
        ["pg-done", "completed", "completed", "complete", 15_000, 1, false],
        ["pg-gate", "awaiting_approval", "awaiting_approval", "human_gate", 0, 0, false],
        ["pg-hold", "pending", "on_hold", "eng", 100, 0, false],
        ["thread-unknown", "unknown", null, null, 0, 0, true],
      ]);
      const done = sessions[1]!;
      expect(done).toMatchObject({
        source: "studio",
        mission: "Build a blog",
        qaPassed: true,
        iteration: 2,
        costUsd: 0,
      });
      expect(done.metadata).toEqual({ team: "core", priority: 2, project: "blog" });
      expect(done.startedAt.toISOString()).toBe("2025-03-01T08:00:00.000Z");
      expect(done.endedAt?.toISOString()).toBe("2025-03-01T10:00:00.000Z");
      expect(sessions[0]!.metadata).toEqual({ metadata: [1, 2], sourcePhase: "Architecture" });
      expect(sessions[2]!.startedAt.toISOString()).toBe("2025-03-02T08:00:00.000Z");

      // agent_executions are the runs; the execution_log inside pg-done's state is not read
      const runs = await t.db.run.findMany({ where, include: { session: true }, orderBy: { startedAt: "asc" } });
      expect(runs.map((r) => [r.session.externalId, r.agentType, r.status, r.sourceStatus, r.reportedTokens])).toEqual([
        ["pg-done", "pm", "completed", "completed", 1_500],
        ["pg-done", "arch", "completed", "completed", 3_500],
        ["pg-done", "eng", "failed", "failed", 9_000],
        ["pg-done", "qa", "completed", "completed", 1_000],
        ["pg-gate", "pm", "running", "running", 0],
        ["pg-arch", "arch", "completed", "success", 2_500],
        ["pg-hold", "devops", "running", "stalled", 100],
      ]);
      expect(runs[2]).toMatchObject({
        error: "compile error",
        input: "Tech spec",
        durationMs: 1_800_000,
        metadata: { attempt: 1, durationSeconds: 1800 },
      });
      expect(runs[5]!.metadata).toMatchObject({ sourceAgentType: "Architect", durationSeconds: 600.5 });
      const calls = await t.db.llmCall.findMany({ where });
      expect(calls).toHaveLength(6);
      expect(calls.reduce((n, c) => n + c.totalTokens, 0)).toBe(17_600);
      expect(calls.every((c) => c.costSource === "unknown" && c.costUsd === null)).toBe(true);

      const states = await t.db.stateSnapshot.findMany({ where, orderBy: { id: "asc" } });
      expect(states.map((s) => [s.checkpointId, s.parentCheckpointId, s.kind])).toEqual([
        ["cp-1", null, "checkpoint"],
        ["cp-2", "cp-1", "checkpoint"],
        ["cp-3", "cp-2", "checkpoint"],
        ["cp-a", "cp-missing", "checkpoint"],
        ["cp-x", null, "checkpoint"],
      ]);
      expect(states[1]).toMatchObject({ data: { phase: "arch" }, metadata: { step: 2 } });
      expect(states[4]!.data).toBe("just a string");

      const artifacts = await t.db.artifact.findMany({ where, orderBy: { externalId: "asc" } });
      expect(artifacts.map((a) => [a.externalId, a.type, a.name, a.path, a.contentHash, a.version])).toEqual([
        ["1", "prd", "PRD.md", "docs/PRD.md", "abc123", 1],
        ["2", "tech_spec", "TECH_SPEC.md", "docs/TECH_SPEC.md", "def456", 2],
        ["3", "diagram", "arch.png", "docs/arch.png", null, 1],
      ]);

      const profiles = await t.db.agentProfile.findMany({
        where,
        include: { promptVersions: { orderBy: { versionNumber: "asc" } } },
        orderBy: { name: "asc" },
      });
      expect(
        profiles.map((p) => [
          p.name,
          p.source,
          p.model,
          p.hasApiKey,
          p.usageUnit,
          p.dailyLimit,
          p.promptVersions.map((v) => [v.versionNumber, v.isActive]),
        ]),
      ).toEqual([
        ["arch", "studio", "claude-sonnet-4-20250514", false, "runs", 0, []],
        ["eng", "studio", "claude-sonnet-4-20250514", true, "tokens", 50, [[1, true]]],
        ["ghost", "studio", null, false, "runs", 0, [[1, true]]],
        [
          "pm",
          "studio",
          "claude-sonnet-4-20250514",
          false,
          "runs",
          0,
          [
            [1, false],
            [2, true],
          ],
        ],
        ["qa", "studio", "claude-sonnet-4-20250514", false, "runs", 0, []],
        ["reviewer", "studio", "gpt-4o", false, "runs", 10, []],
      ]);
      const eng = profiles[1]!;
      expect(eng).toMatchObject({
        hardLimit: true,
        usageToday: 1234,
        envOverrides: { MAX_TOKENS: "8000" },
        activePromptPath: "prompts/eng_v2.md",
        authType: "api_key",
        provider: "anthropic",
      });
      expect(eng.lastResetDate?.toISOString()).toBe("2025-03-01T00:00:00.000Z");
      expect(JSON.stringify(profiles)).not.toContain("secret-ciphertext");
      expect(profiles[2]!.metadata).toEqual({ placeholder: true });
      expect(profiles[5]!.metadata).toMatchObject({ sourceUsageUnit: "credits" });
      expect(profiles[3]!.promptVersions[1]).toMatchObject({
        content: "You are a meticulous product manager.",
        note: "stricter",
      });

      // the studio's audit history is kept apart from our own chain
      const audit = await t.db.sourceAuditRecord.findMany({ where, orderBy: { timestamp: "asc" } });
      expect(audit.map((a) => [a.eventType, a.sessionRef, a.userAction, a.ipAddress, a.source])).toEqual([
        ["settings_changed", null, "update eng", "::1", "studio"],
        ["session_created", "pg-done", "create", "10.0.0.1", "studio"],
        ["session_approved", "pg-gate", "approve", null, "studio"],
        ["custom_event", "no-such-session", null, null, "studio"],
      ]);
      expect(await t.db.auditEntry.count({ where: { action: { not: "import.completed" } } })).toBe(0);

      const metrics = await t.db.metric.findMany({ where, orderBy: { name: "asc" } });
      expect(metrics.map((m) => [m.name, m.value, m.labels])).toEqual([
        ["latency_delta", 0, {}],
        ["sessions_total", 4, {}],
        ["tokens_per_session", 1234.5, { agent: "eng" }],
      ]);
      expect(metrics[0]!.metadata).toEqual({ metric_value: "-3" });
    });

    it("changes nothing when imported again, with or without the saved state", async () => {
      const counts = () =>
        Promise.all([
          t.db.session.count(),
          t.db.run.count(),
          t.db.llmCall.count(),
          t.db.stateSnapshot.count(),
          t.db.agentProfile.count(),
          t.db.promptVersion.count(),
          t.db.sourceAuditRecord.count(),
          t.db.metric.count(),
        ]);
      const before = await counts();
      const again = await importOnce({ db: t.db, system: "studio", location: pgSource.url, projectSlug: "studio-pg" });
      expect(again.totals).toMatchObject({ imported: 0, updated: 0, rejected: 0 });
      const source = await t.db.importSource.findFirstOrThrow({
        where: { system: "studio", location: { startsWith: "postgresql:" } },
      });
      await t.db.importSource.delete({ where: { id: source.id } });
      const fresh = await importOnce({ db: t.db, system: "studio", location: pgSource.url, projectSlug: "studio-pg" });
      expect(fresh.totals).toEqual({
        read: 35,
        imported: 0,
        updated: 0,
        skipped: 35,
        rejected: 0,
        keptRaw: 0,
        deleted: 0,
      });
      expect(await counts()).toEqual(before);
      // a dry run maps everything and writes nothing, direct records included
      const dry = await importOnce({
        db: t.db,
        system: "studio",
        location: pgSource.url,
        projectSlug: "studio-dry",
        dryRun: true,
      });
      expect(dry.totals).toEqual({
        read: 35,
        imported: 35,
        updated: 0,
        skipped: 0,
        rejected: 0,
        keptRaw: 0,
        deleted: 0,
      });
      expect(await counts()).toEqual(before);
      expect(await t.db.project.count({ where: { slug: "studio-dry" } })).toBe(0);
    });
  });
});
