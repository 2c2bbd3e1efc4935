import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { ensureDefaultPrices } from "@/lib/usage/prices";
import { createBazingaFixture } from "@/test/fixtures/bazinga-fixture";
import { ImportError } from "../import-error";
import { importOnce, watchImport } from "../import-source";
import { createOldTacFixture, createTacFixture, TAC_SESSION_DONE, TAC_SESSION_LIVE } from "@/test/fixtures/tac-fixture";
import { sessionStatus } from "./tac-importer";

describe("TAC session status", () => {
  it("is running while an agent is active, else the outcome of the root agents", () => {
    expect(
      sessionStatus([
        { id: "a", status: "completed" },
        { id: "b", parent: "a", status: "executing" },
      ]),
    ).toBe("running");
    expect(
      sessionStatus([
        { id: "a", status: "completed" },
        { id: "b", parent: "a", status: "failed" },
      ]),
    ).toBe("completed");
    expect(
      sessionStatus([
        { id: "a", status: "failed" },
        { id: "b", parent: "a", status: "completed" },
      ]),
    ).toBe("failed");
    expect(sessionStatus([{ id: "a", status: "cancelled" }])).toBe("cancelled");
    // a state we do not know keeps the session (like its run) running
    expect(sessionStatus([{ id: "a", status: "hibernating" }])).toBe("running");
  });
});

describe.each(databaseKinds())("tac importer into %s", (kind) => {
  let t: TestDatabase;
  let dir: string;
  let source: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await ensureDefaultPrices(t.db);
    dir = mkdtempSync(path.join(tmpdir(), "tac-"));
    source = path.join(dir, "orchestrator.db");
    createTacFixture(source).close();
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("imports definitions, sessions, runs, LLM calls and logs with exact counts, tokens and costs", async () => {
    const summary = await importOnce({ db: t.db, system: "tac", location: source, projectSlug: "tac" });
    expect(summary.tables.map((x) => [x.table, x.read, x.imported])).toEqual([
      ["orchestrator_agents", 5, 5],
      ["sessions", 2, 2],
      ["agents", 7, 7],
      ["prompts", 7, 7],
      ["agent_logs", 5, 5],
      ["system_logs", 4, 4],
      // a table the mapping does not know is kept raw, not dropped
      ["schema_version", 1, 1],
    ]);
    expect(summary.totals).toEqual({
      read: 31,
      imported: 31,
      updated: 0,
      skipped: 0,
      rejected: 0,
      keptRaw: 1,
      deleted: 0,
    });
    expect(summary.version).toBe("SQLite model (5 of 7 tables)");
    const issues = Object.fromEntries(summary.tables.map((x) => [x.table, x.issues]));
    expect(issues).toEqual({
      orchestrator_agents: { 'unknown agent_type "researcher"': 1, "invalid JSON in capabilities": 1 },
      sessions: {},
      agents: {
        "dangling orchestrator_agent_id": 1,
        "invalid JSON in context": 1,
        "dangling parent_agent_id": 1,
        'unknown status "hibernating" (counted as pending: waits for something)': 1,
        "unparseable timestamp in started_at": 1,
        "invalid cost_usd": 1,
      },
      prompts: {
        "invalid tokens_input": 1,
        "unparseable timestamp in created_at": 1,
        "dangling agent_id": 1,
        'unknown prompt_type "brainstorm"': 1,
      },
      agent_logs: {
        "invalid JSON in details": 1,
        "dangling agent_id": 1,
        'unknown log_level "VERBOSE"': 1,
        'unknown log_type "heartbeat"': 1,
      },
      // components are free text (the writing module): no closed list to flag against
      system_logs: { "unparseable timestamp in created_at": 1 },
      schema_version: {},
    });

    const project = await t.db.project.findUniqueOrThrow({ where: { slug: "tac" } });
    const where = { projectId: project.id };

    const definitions = await t.db.agent.findMany({ where, orderBy: { externalId: "asc" } });
    expect(definitions.map((a) => [a.externalId, a.kind, a.name, a.type, a.model, a.source])).toEqual([
      ["def-builder", "definition", "sdlc_implementor", "builder", "claude-sonnet-4-20250514", "tac"],
      ["def-orch", "definition", "adw_orchestrator", "orchestrator", "claude-opus-4-20250514", "tac"],
      ["def-planner", "definition", "sdlc_planner", "planner", "claude-sonnet-4-20250514", "tac"],
      ["def-research", "definition", "web_researcher", "researcher", null, "tac"],
      ["def-reviewer", "definition", "code_reviewer", "reviewer", "gpt-4o", "tac"],
    ]);
    expect(definitions.find((a) => a.externalId === "def-planner")!.capabilities).toEqual(["plan", "spec"]);
    expect(definitions.find((a) => a.externalId === "def-reviewer")!.capabilities).toEqual({ raw: "{broken" });

    const done = await t.db.session.findFirstOrThrow({ where: { ...where, externalId: TAC_SESSION_DONE } });
    expect(done).toMatchObject({
      source: "tac",
      status: "completed",
      placeholder: false,
      totalTokens: 10_100,
      errorCount: 2,
    });
    expect(done.costUsd).toBeCloseTo(0.0156 + 0.06 + 0 + 0.00025, 9);
    expect(done.startedAt.toISOString()).toBe("2025-03-01T10:00:00.000Z");
    expect(done.endedAt?.toISOString()).toBe("2025-03-01T10:30:00.000Z");
    const live = await t.db.session.findFirstOrThrow({ where: { ...where, externalId: TAC_SESSION_LIVE } });
    expect(live).toMatchObject({ source: "tac", status: "running", endedAt: null, totalTokens: 1_000, errorCount: 0 });
    expect(live.costUsd).toBeCloseTo(0.021, 9);
    expect(live.startedAt.toISOString()).toBe("2025-03-02T09:00:00.000Z");
    // the prompt whose agent is gone lands in a placeholder session, counted above
    const orphans = await t.db.session.findFirstOrThrow({ where: { ...where, externalId: "unknown-session" } });
    expect(orphans).toMatchObject({ placeholder: true, totalTokens: 1_500 });
    expect(orphans.costUsd).toBeCloseTo(0.0012, 9);
    expect(await t.db.session.count({ where })).toBe(3);

    const runs = await t.db.run.findMany({
      where,
      include: { parent: true, agent: true },
      orderBy: { externalId: "asc" },
    });
    expect(
      runs.map((r) => [
        r.externalId,
        r.agentType,
        r.status,
        r.sourceStatus,
        r.parent?.externalId ?? null,
        r.agent?.externalId ?? null,
        r.reportedCostUsd,
      ]),
    ).toEqual([
      ["ag-build", "builder", "failed", "failed", "ag-root", "def-builder", 0.25],
      ["ag-live", "planner", "running", "executing", null, "def-planner", 0.01],
      ["ag-odd", "researcher", "pending", "hibernating", null, "def-research", null],
      ["ag-orphan", "unknown", "completed", "completed", null, null, 0.03],
      ["ag-plan", "planner", "completed", "completed", "ag-root", "def-planner", 0.12],
      ["ag-review", "reviewer", "cancelled", "cancelled", "ag-build", "def-reviewer", 0],
      ["ag-root", "orchestrator", "completed", "completed", null, "def-orch", 0.42],
    ]);
    expect(runs.every((r) => !r.placeholder && r.source === "tac")).toBe(true);
    const byId = new Map(runs.map((r) => [r.externalId, r]));
    expect(byId.get("ag-plan")).toMatchObject({ model: "claude-sonnet-4-5-20250929", durationMs: 240_000 });
    expect(byId.get("ag-build")).toMatchObject({ error: "tests failed", model: "claude-sonnet-4-20250514" });
    expect(byId.get("ag-root")!.metadata).toMatchObject({
      agentName: "adw_orchestrator",
      context: { issue: 42 },
      worktree_path: "trees/a1b2c3",
    });
    expect(byId.get("ag-odd")!.metadata).toMatchObject({
      parentAgentId: "ag-ghost",
      cost_usd: -1,
      started_at: "not a time",
    });
    expect(byId.get("ag-odd")!.startedAt?.toISOString()).toBe("2025-03-02T09:15:00.000Z");
    expect(byId.get("ag-orphan")!.metadata).toMatchObject({
      orchestratorAgentId: "def-deleted",
      context: { raw: "{not json" },
    });

    const calls = await t.db.llmCall.findMany({
      where,
      include: { run: true, content: true },
      orderBy: { externalId: "asc" },
    });
    expect(
      calls.map((c) => [
        c.externalId,
        c.run?.externalId ?? null,
        c.agentType,
        c.model,
        c.inputTokens,
        c.outputTokens,
        c.totalTokens,
        c.costSource,
        c.status,
        c.sourceStatus,
        c.latencyMs,
      ]),
    ).toEqual([
      [
        "pr-1",
        "ag-plan",
        "planner",
        "claude-sonnet-4-20250514",
        1200,
        800,
        2000,
        "reported",
        "completed",
        "completed",
        4200,
      ],
      [
        "pr-2",
        "ag-build",
        "builder",
        "claude-sonnet-4-20250514",
        5000,
        3000,
        8000,
        "computed",
        "completed",
        "completed",
        61_000,
      ],
      ["pr-3", "ag-build", "builder", "claude-sonnet-4-20250514", 0, 0, 0, "reported", "failed", "failed", 900],
      ["pr-4", "ag-review", "reviewer", "gpt-4o", 100, 0, 100, "computed", "running", "streaming", null],
      ["pr-5", "ag-live", "planner", "claude-opus-4-20250514", 0, 0, 0, "computed", "pending", "pending", null],
      ["pr-6", null, null, "gpt-4o-mini", 1000, 500, 1500, "reported", "completed", "done", 1500],
      [
        "pr-7",
        "ag-orphan",
        null,
        "claude-sonnet-4-20250514",
        0,
        1000,
        1000,
        "reported",
        "completed",
        "completed",
        3000,
      ],
    ]);
    const cost = Object.fromEntries(calls.map((c) => [c.externalId, c.costUsd]));
    expect(cost["pr-1"]).toBeCloseTo(0.0156, 9);
    expect(cost["pr-2"]).toBeCloseTo(0.06, 9);
    expect(cost["pr-3"]).toBe(0);
    expect(cost["pr-4"]).toBeCloseTo(0.00025, 9);
    expect(cost["pr-5"]).toBe(0);
    expect(cost["pr-6"]).toBeCloseTo(0.0012, 9);
    expect(cost["pr-7"]).toBeCloseTo(0.021, 9);
    const pr1 = calls[0]!;
    expect(pr1.content).toMatchObject({ prompt: "Plan issue #42", response: "1. Add login" });
    expect(pr1.startedAt.toISOString()).toBe("2025-03-01T10:01:10.000Z");
    expect(calls[2]!.error).toBe("rate limited");
    expect(calls[5]!.metadata).toMatchObject({ agentId: "ag-ghost" });
    // an unparseable start falls back to its agent's start
    expect(calls[6]!.startedAt.toISOString()).toBe("2025-03-02T09:10:00.000Z");
    expect(calls[6]!.metadata).toMatchObject({ tokens_input: "2k", created_at: "garbage" });

    const logs = await t.db.event.findMany({ where, include: { run: true }, orderBy: { timestamp: "asc" } });
    expect(logs).toHaveLength(9);
    const agentLogs = logs.filter((l) => l.component === "agent");
    expect(agentLogs.map((l) => [l.message, l.level, l.kind, l.run?.externalId ?? null, l.agentType])).toEqual([
      ["Workflow started", "info", "state_change", "ag-root", "orchestrator"],
      ["Tests failed", "error", "error", "ag-build", "builder"],
      ["Cost is now $0.25", "warn", "cost_update", "ag-build", "builder"],
      ["still working", "info", "heartbeat", "ag-live", "planner"],
      ["Orphan milestone", "info", "milestone", null, null],
    ]);
    expect(agentLogs.find((l) => l.message === "Orphan milestone")).toMatchObject({
      sessionId: null,
      metadata: { agentId: "ag-ghost" },
    });
    expect(agentLogs.find((l) => l.kind === "cost_update")!.details).toEqual({ raw: "{broken" });
    expect(agentLogs.find((l) => l.kind === "heartbeat")!.metadata).toMatchObject({ sourceLevel: "VERBOSE" });
    const systemLogs = logs.filter((l) => l.kind === "system");
    expect(systemLogs).toHaveLength(4);
    expect(systemLogs.every((l) => l.sessionId === null && l.source === "tac")).toBe(true);
    expect(systemLogs.map((l) => l.component).sort()).toEqual(["database", "orchestrator", "scheduler", "websocket"]);
    expect(systemLogs.find((l) => l.component === "orchestrator")).toMatchObject({
      level: "info",
      details: { version: "0.9.5" },
    });
    expect(systemLogs.find((l) => l.component === "database")).toMatchObject({
      level: "critical",
      metadata: { created_at: "bad time" },
    });
  });

  it("changes nothing when imported again", async () => {
    const counts = () =>
      Promise.all([
        t.db.session.count(),
        t.db.run.count(),
        t.db.llmCall.count(),
        t.db.event.count(),
        t.db.agent.count(),
      ]);
    const before = await counts();
    const session = await t.db.session.findFirstOrThrow({ where: { externalId: TAC_SESSION_DONE } });
    // the source's change token has not moved: nothing is read
    const again = await importOnce({ db: t.db, system: "tac", location: source, projectSlug: "tac" });
    expect(again.unchanged).toBe(true);
    expect(again.totals).toEqual({ read: 0, imported: 0, updated: 0, skipped: 0, rejected: 0, keptRaw: 0, deleted: 0 });
    expect(await counts()).toEqual(before);
    expect(await t.db.session.findFirstOrThrow({ where: { externalId: TAC_SESSION_DONE } })).toMatchObject({
      totalTokens: session.totalTokens,
      costUsd: session.costUsd,
      errorCount: 2,
    });
    // without the saved state (a fresh source record), the event ids still make it a no-op
    await t.db.importSource.deleteMany({});
    const fresh = await importOnce({ db: t.db, system: "tac", location: source, projectSlug: "tac" });
    expect(fresh.totals).toMatchObject({ imported: 0, updated: 0, skipped: 31, rejected: 0, keptRaw: 1 });
    expect(await counts()).toEqual(before);
  });

  it("takes a TAC project folder and an older schema with fewer columns and tables", async () => {
    const project = path.join(dir, "project");
    mkdirSync(path.join(project, "adws", "schema"), { recursive: true });
    createOldTacFixture(path.join(project, "adws", "schema", "orchestrator.db"));
    const summary = await importOnce({ db: t.db, system: "tac", location: project, projectSlug: "tac-old" });
    expect(summary.tables.map((x) => x.table)).toEqual(["orchestrator_agents", "sessions", "agents", "prompts"]);
    expect(summary.totals).toEqual({
      read: 4,
      imported: 4,
      updated: 0,
      skipped: 0,
      rejected: 0,
      keptRaw: 0,
      deleted: 0,
    });
    const old = await t.db.session.findFirstOrThrow({ where: { externalId: "adw-old" } });
    expect(old).toMatchObject({ status: "completed", totalTokens: 1_100 });
    expect(old.costUsd).toBeCloseTo(1000 * 2.5e-6 + 100 * 10e-6, 9);
  });

  it("refuses bad sources with a one-line reason and writes nothing", async () => {
    const rows = await Promise.all([t.db.importSource.count(), t.db.project.count(), t.db.session.count()]);
    await expect(importOnce({ db: t.db, system: "tac", location: path.join(dir, "missing.db") })).rejects.toThrow(
      /no such file or folder/,
    );
    writeFileSync(path.join(dir, "notes.txt"), "hello");
    await expect(importOnce({ db: t.db, system: "tac", location: path.join(dir, "notes.txt") })).rejects.toThrow(
      /not a SQLite database/,
    );
    mkdirSync(path.join(dir, "empty-folder"));
    await expect(importOnce({ db: t.db, system: "tac", location: path.join(dir, "empty-folder") })).rejects.toThrow(
      /folder without adws\/schema\/orchestrator.db/,
    );
    createBazingaFixture(path.join(dir, "bazinga.db")).close();
    await expect(importOnce({ db: t.db, system: "tac", location: path.join(dir, "bazinga.db") })).rejects.toThrow(
      /looks like a bazinga database/,
    );
    const studio = new Database(path.join(dir, "studio.db"));
    studio.exec("CREATE TABLE sessions (session_id TEXT PRIMARY KEY, user_mission TEXT NOT NULL, state_json TEXT)");
    studio.close();
    await expect(importOnce({ db: t.db, system: "tac", location: path.join(dir, "studio.db") })).rejects.toThrow(
      /looks like a studio database/,
    );
    const empty = new Database(path.join(dir, "empty.db"));
    empty.exec("CREATE TABLE notes (id INTEGER)");
    empty.close();
    const error = await importOnce({ db: t.db, system: "tac", location: path.join(dir, "empty.db") }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(/is not a TAC orchestrator database/);
    expect((error as Error).message).not.toContain("\n");
    expect(await Promise.all([t.db.importSource.count(), t.db.project.count(), t.db.session.count()])).toEqual(rows);
  });

  it("follows the orchestrator while it writes in WAL mode", async () => {
    const writer = new Database(source);
    const controller = new AbortController();
    const passes: number[] = [];
    const watching = watchImport({
      db: t.db,
      system: "tac",
      location: source,
      projectSlug: "tac",
      intervalMs: 100,
      signal: controller.signal,
      onPass: (s) => passes.push(s.totals.imported + s.totals.updated),
    });
    await new Promise((r) => setTimeout(r, 200));
    // the importer holds no lock: the orchestrator's write transactions go through
    writer
      .transaction(() => {
        writer
          .prepare(
            "UPDATE agents SET status = 'completed', completed_at = '2025-03-02 09:40:00', cost_usd = 0.05 WHERE id = 'ag-live'",
          )
          .run();
        writer
          .prepare(
            "INSERT INTO prompts (id, agent_id, prompt_type, prompt_text, status, model_used, tokens_input, tokens_output, cost_usd, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          )
          .run("pr-8", "ag-live", "followup", "Finish", "completed", "gpt-4o", 400, 100, 0.002, "2025-03-02 09:39:00");
        writer
          .prepare("INSERT INTO agent_logs (agent_id, log_level, log_type, message, created_at) VALUES (?, ?, ?, ?, ?)")
          .run("ag-live", "INFO", "milestone", "Plan done", "2025-03-02 09:40:00");
      })
      .immediate();
    const deadline = Date.now() + 10_000;
    const done = async () =>
      (await t.db.event.count({ where: { message: "Plan done" } })) === 1 &&
      (await t.db.run.findFirstOrThrow({ where: { externalId: "ag-live" } })).status === "completed";
    while (!(await done()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    await watching;
    writer.close();
    const run = await t.db.run.findFirstOrThrow({ where: { externalId: "ag-live" } });
    expect(run).toMatchObject({ status: "completed", reportedCostUsd: 0.05 });
    // ag-live finished, ag-odd is still in a state we do not know: the session stays running
    const live = await t.db.session.findFirstOrThrow({ where: { externalId: TAC_SESSION_LIVE } });
    expect(live).toMatchObject({ status: "running", totalTokens: 1_500 });
    expect(live.costUsd).toBeCloseTo(0.021 + 0.002, 9);
    // the derived session, the agent, the new prompt and the log; nothing else was re-sent
    expect(passes.reduce((a, b) => a + b, 0)).toBe(4);
  });
});
