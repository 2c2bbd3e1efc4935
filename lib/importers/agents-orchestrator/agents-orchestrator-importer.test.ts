import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { createBazingaFixture } from "@/test/fixtures/bazinga-fixture";
import { importOnce, watchImport } from "../import-source";
import {
  CHECKER_AGENT,
  createAgentsOrchestratorProject,
  HANDOVER_AGENT,
  OUTPUT_FILES,
  REVIEWER_AGENT,
  SESSION_1,
  SESSION_2,
  SESSION_3,
} from "@/test/fixtures/agents-orchestrator-fixture";
import { fileStateSessionId } from "./file-state-readers";

/** Code-point order: PostgreSQL's collation may order punctuation differently from SQLite. */
function sorted<T>(rows: T[], key: (row: T) => string): T[] {
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

describe.each(databaseKinds())("agents-orchestrator importer into %s", (kind) => {
  let t: TestDatabase;
  let dir: string;
  let root: string;
  let files: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    dir = mkdtempSync(path.join(tmpdir(), "agents-orchestrator-"));
    root = createAgentsOrchestratorProject(dir);
    files = fileStateSessionId(root);
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const request = () => ({ db: t.db, system: "agents-orchestrator", location: root, projectSlug: "ao" });
  const projectWhere = async () => ({
    projectId: (await t.db.project.findUniqueOrThrow({ where: { slug: "ao" } })).id,
  });

  it("imports the central database, the agent databases and the file-based state with exact counts", async () => {
    const summary = await importOnce(request());
    // one agent row per file-state agent (agent3 has an output but no session file)
    expect(summary.totals).toEqual({
      read: 41,
      imported: 41,
      updated: 0,
      skipped: 0,
      rejected: 0,
      keptRaw: 0,
      deleted: 0,
    });
    expect(summary.tables.map((x) => [x.table, x.read])).toEqual([
      ["sessions", 3],
      ["agents", 3],
      ["messages", 4],
      ["session_events", 5],
      ["agent_metrics", 4],
      ["orchestrate/sessions", 1],
      ["orchestrator_system/agents", 3],
      ["orchestrator_system/status", 3],
      ["orchestrate/outputs", 3],
      ["tests/work_log", 0],
      ["tests/signals", 0],
      ["tests/status", 0],
      ["orchestrate/unmapped files", 0],
      ["code-reviewer/reviews", 1],
      ["session-handover/handover_documents", 3],
      ["session-handover/validation_results", 5],
      ["session-handover/session_analysis", 2],
      ["session-handover/session_recommendations", 1],
    ]);
    const issues = Object.fromEntries(
      summary.tables.filter((x) => Object.keys(x.issues).length > 0).map((x) => [x.table, x.issues]),
    );
    expect(issues).toEqual({
      sessions: {
        "invalid JSON in metadata": 1,
        'unknown status "paused_forever" (counted as pending: waits for something)': 1,
        "unparseable timestamp in start_time": 1,
      },
      agents: { 'unknown status "zombie"': 1, "invalid pid": 1, "invalid JSON in capabilities": 1 },
      messages: {
        "session_id without a sessions row": 1,
        "from_agent without an agents row": 1,
        'unknown message_type "ping"': 1,
        "invalid JSON in context": 1,
        "unparseable timestamp in timestamp": 1,
      },
      session_events: {
        "invalid JSON in event_data": 1,
        "session_id without a sessions row": 1,
        "agent_id without an agents row": 1,
      },
      agent_metrics: { "invalid metric_value": 1 },
      "orchestrator_system/status": { "invalid JSON in status/agent3.json": 1 },
      "session-handover/handover_documents": {
        "session_id without a sessions row": 1,
        "invalid version": 1,
        'unknown validation_status "needs_review" (counted as awaiting_approval: waits for a person)': 1,
      },
      "session-handover/validation_results": {
        "handover_id without a handover_documents row": 1,
        'unknown status "skipped" (counted as cancelled: ended without finishing)': 1,
      },
      "session-handover/session_analysis": { "invalid JSON in analysis_data": 1 },
    });

    const where = await projectWhere();
    const sessions = sorted(await t.db.session.findMany({ where }), (s) => s.externalId);
    expect(sessions.map((s) => [s.externalId, s.status, s.sourceStatus, s.placeholder, s.errorCount])).toEqual([
      [files, "running", "running", false, 0],
      [SESSION_1, "completed", "ended", false, 2],
      [SESSION_2, "running", "active", false, 0],
      [SESSION_3, "pending", "paused_forever", false, 0],
      // a session only other rows name: unknown, never running (main's placeholder rule)
      ["session_missing", "unknown", null, true, 0],
    ]);
    expect(sessions.every((s) => s.source === "agents-orchestrator")).toBe(true);
    const s1 = sessions.find((s) => s.externalId === SESSION_1)!;
    expect(s1).toMatchObject({
      title: "claude-orchestrator session",
      workDir: root,
      metadata: {
        purpose: "feature work",
        summary: "2 agent tasks",
        main_agent_id: "claude-main-01",
        project: "claude-orchestrator",
      },
    });
    expect([s1.startedAt.toISOString(), s1.endedAt?.toISOString()]).toEqual([
      "2025-08-12T14:00:00.000Z",
      "2025-08-12T16:30:00.000Z",
    ]);
    const s2 = sessions.find((s) => s.externalId === SESSION_2)!;
    expect(s2.startedAt.toISOString()).toBe("2025-08-12T14:40:00.000Z");
    expect(s2.metadata).toMatchObject({ metadata: { raw: "{broken" }, main_agent_id: "claude-main-02" });
    const s3 = sessions.find((s) => s.externalId === SESSION_3)!;
    expect(s3.startedAt.toISOString()).toBe("2025-08-11T09:00:00.000Z");
    expect(s3.metadata).toMatchObject({ start_time: "sometime", git_branch: "main" });
    const fileSession = sessions.find((s) => s.externalId === files)!;
    expect(fileSession).toMatchObject({ title: "claude-orchestrator orchestrator_system", workDir: root });
    expect(fileSession.startedAt.toISOString()).toBe("2025-08-12T16:12:58.490Z");

    // agents: heartbeats, pids, ports; file-based agents carry their Claude session
    const agents = sorted(await t.db.agent.findMany({ where }), (a) => a.externalId);
    expect(agents.map((a) => [a.externalId, a.type, a.status, a.pid, a.port, a.placeholder])).toEqual([
      // file-state agents carry their status file's word; agent3 (an output, a half-written status) is kept as an agent
      ["agent1", "claude-code", "completed", null, null, false],
      ["agent2", "claude-code", "completed", null, null, false],
      ["agent3", "claude-code", null, null, null, false],
      [REVIEWER_AGENT, "reviewer", "busy", 43122, 3201, false],
      [CHECKER_AGENT, "doc-checker", "zombie", null, null, false],
      ["agent_ghost", null, null, null, null, true],
      [HANDOVER_AGENT, "handover", "active", 43121, 3101, false],
    ]);
    const handoverAgent = agents.find((a) => a.externalId === HANDOVER_AGENT)!;
    expect(handoverAgent).toMatchObject({
      name: "session-handover",
      capabilities: ["analyze_session", "generate_handover", "validate_handover"],
      config: { model: "claude-3-5-haiku" },
      workspacePath: `${root}/.agents/session-handover`,
    });
    expect(handoverAgent.heartbeatAt?.toISOString()).toBe("2025-08-12T16:29:00.000Z");
    expect(agents.find((a) => a.externalId === CHECKER_AGENT)).toMatchObject({
      capabilities: { raw: "{oops" },
      metadata: { pid: -1 },
    });
    expect(agents.find((a) => a.externalId === "agent1")!.metadata).toMatchObject({
      claude_session_id: "400d788c-bfa8-4ca2-984d-9fb83bb5a3bf",
    });

    // messages, with replies and the processed flag
    const messages = sorted(await t.db.message.findMany({ where, include: { session: true } }), (m) => m.externalId);
    expect(
      messages.map((m) => [m.externalId, m.session?.externalId, m.fromAgent, m.toAgent, m.kind, m.replyTo]),
    ).toEqual([
      ["msg_1755000600000_a1", SESSION_1, "claude-main-01", REVIEWER_AGENT, "request", null],
      ["msg_1755000720000_a2", SESSION_1, REVIEWER_AGENT, "claude-main-01", "response", "msg_1755000600000_a1"],
      ["msg_1755001200000_a3", "session_missing", "agent_ghost", "claude-main-01", "ping", null],
      ["msg_1755010100000_b1", SESSION_2, "claude-main-02", HANDOVER_AGENT, "request", null],
    ]);
    expect(messages.map((m) => (m.metadata as { processed?: boolean }).processed)).toEqual([true, false, false, false]);
    expect(messages[2]!.context).toEqual({ raw: "not json" });

    // session_events, validation results, an invalid measure and a half-written status file → logs
    const logs = await t.db.event.findMany({
      where,
      include: { session: true, agent: true },
      orderBy: [{ timestamp: "asc" }, { externalId: "asc" }],
    });
    const logRows = logs.map((e) => [e.kind, e.level, e.session?.externalId ?? null, e.agent?.externalId ?? null]);
    expect(logRows.filter((r) => r[0] !== "status_file")).toEqual([
      ["agent_spawned", "info", SESSION_1, REVIEWER_AGENT],
      ["file_modified", "info", SESSION_1, null],
      ["check_failed", "warn", SESSION_1, REVIEWER_AGENT],
      ["agent_spawned", "info", "session_missing", "agent_ghost"],
      ["validation", "error", SESSION_1, HANDOVER_AGENT],
      ["validation", "error", SESSION_1, HANDOVER_AGENT],
      ["handover_created", "info", SESSION_1, HANDOVER_AGENT],
      ["validation", "info", SESSION_1, HANDOVER_AGENT],
      ["validation", "warn", SESSION_1, HANDOVER_AGENT],
      ["validation", "info", null, HANDOVER_AGENT],
      ["invalid_metric", "warn", SESSION_1, HANDOVER_AGENT],
    ]);
    expect(logRows.filter((r) => r[0] === "status_file")).toEqual([["status_file", "warn", files, "agent3"]]);
    expect(logs.find((e) => e.kind === "handover_created")).toMatchObject({
      details: { raw: "{bad" },
      message: `handover_created (${HANDOVER_AGENT})`,
    });
    expect(logs.find((e) => e.kind === "validation" && e.level === "warn")).toMatchObject({
      message: "files_exist: warning — README.md not found",
      details: { handover_id: "ho_2", rule_type: "quality_check" },
    });
    expect(logs.find((e) => e.kind === "invalid_metric")).toMatchObject({
      message: "success_rate: -0.5",
      details: { metric_name: "success_rate", metric_value: -0.5 },
    });

    const metrics = sorted(await t.db.metric.findMany({ where, include: { agent: true } }), (m) => m.externalId);
    expect(metrics.map((m) => [m.name, m.value, m.agent?.externalId, m.labels])).toEqual([
      ["response_time", 2400.5, REVIEWER_AGENT, { agent_type: "reviewer" }],
      ["tasks_completed", 3, REVIEWER_AGENT, { agent_type: "reviewer" }],
      ["success_rate", 1, HANDOVER_AGENT, { agent_type: "handover" }],
    ]);

    // file-based runs: one per task a status file records, with the output it names
    const runs = sorted(
      await t.db.run.findMany({ where, include: { agent: true, session: true } }),
      (r) => r.externalId,
    );
    expect(
      runs.map((r) => [
        r.externalId,
        r.session.externalId,
        r.agent?.externalId,
        r.status,
        r.durationMs,
        r.input?.slice(0, 20),
      ]),
    ).toEqual([
      [`${files}:agent1:2025-08-12T16:12:58.490954`, files, "agent1", "completed", 2822, "What is 2+2?"],
      [`${files}:agent2:2025-08-12T16:22:22.098349`, files, "agent2", "completed", 7203, "Please generate a li"],
    ]);
    expect(runs[0]!.output).toBe(OUTPUT_FILES["agent1_latest.txt"]);
    expect(runs[0]!.startedAt?.toISOString()).toBe("2025-08-12T16:12:58.490Z");

    const artifacts = sorted(
      await t.db.artifact.findMany({ where, include: { session: true, run: true } }),
      (a) => a.externalId,
    );
    expect(
      artifacts.map((a) => [
        a.externalId.replace(files, "<files>"),
        a.type,
        a.name,
        a.session?.externalId,
        a.run?.externalId.replace(files, "<files>") ?? null,
        a.status,
        a.version,
      ]),
    ).toEqual([
      ["code-reviewer:reviews:rv_1", "review", "review", SESSION_1, null, null, null],
      [
        "<files>:.orchestrate/orchestrator_system/outputs/agent1_latest.txt",
        "agent_output",
        "agent1_latest.txt",
        files,
        "<files>:agent1:2025-08-12T16:12:58.490954",
        null,
        null,
      ],
      [
        "<files>:.orchestrate/orchestrator_system/outputs/agent2_latest.txt",
        "agent_output",
        "agent2_latest.txt",
        files,
        "<files>:agent2:2025-08-12T16:22:22.098349",
        null,
        null,
      ],
      [
        "<files>:.orchestrate/orchestrator_system/outputs/agent3_latest.txt",
        "agent_output",
        "agent3_latest.txt",
        files,
        null,
        null,
        null,
      ],
      ["session-handover:handover:ho_1", "handover", "Session handover v1", SESSION_1, null, "failed", 1],
      ["session-handover:handover:ho_2", "handover", "Session handover v2", SESSION_1, null, "passed", 2],
      [
        "session-handover:handover:ho_3",
        "handover",
        "Session handover v1",
        "session_missing",
        null,
        "needs_review",
        null,
      ],
      ["session-handover:session_analysis:an_1", "session_analysis", "git_analysis", SESSION_1, null, null, null],
      ["session-handover:session_analysis:an_2", "session_analysis", "todo_analysis", SESSION_1, null, null, null],
      [
        "session-handover:session_recommendations:rec_1",
        "session_recommendation",
        "files_to_read",
        SESSION_1,
        null,
        null,
        null,
      ],
    ]);
    const ho1 = artifacts.find((a) => a.externalId === "session-handover:handover:ho_1")!;
    expect(ho1).toMatchObject({
      path: ".agents/session-handover/output/handover_2025-08-12_v1.md",
      content: "# Session handover\n\n## Next steps\n{{NEXT_STEPS}}\n",
      data: {
        template_name: "default-handover.md",
        placeholders_remaining: ["{{NEXT_STEPS}}"],
        validation_errors: ["Section Next steps is empty"],
        validation_results: [
          {
            rule_name: "has_next_steps",
            rule_type: "mandatory_section",
            status: "failed",
            message: "Section Next steps is empty",
          },
          {
            rule_name: "no_placeholders",
            rule_type: "validation_rule",
            status: "failed",
            message: "1 placeholder remaining",
          },
        ],
      },
      metadata: { agent: "session-handover" },
    });
    expect(artifacts.find((a) => a.externalId === "session-handover:handover:ho_3")!.metadata).toMatchObject({
      version: "two",
    });
    expect(artifacts.find((a) => a.externalId.endsWith("agent1_latest.txt"))!.content).toBe(
      OUTPUT_FILES["agent1_latest.txt"],
    );
    expect(artifacts.find((a) => a.externalId === "code-reviewer:reviews:rv_1")).toMatchObject({
      data: { file: "src/orchestrator.py", findings: ["unused import"], severity: "low" },
    });
    expect(artifacts.find((a) => a.externalId.endsWith("rec_1"))).toMatchObject({
      score: 0.85,
      scores: { confidence: 0.85 },
      data: ["src/orchestrator.py"],
    });
    expect(artifacts.find((a) => a.externalId.endsWith("an_2"))).toMatchObject({ data: { raw: "{open_todos: 3" } });
  });

  it("changes nothing when imported again", async () => {
    const count = () =>
      Promise.all([
        t.db.session.count(),
        t.db.agent.count(),
        t.db.message.count(),
        t.db.event.count(),
        t.db.metric.count(),
        t.db.run.count(),
        t.db.artifact.count(),
      ]);
    const before = await count();
    const again = await importOnce(request());
    // nothing changed (databases, files, staleness): the pass reads nothing
    expect(again.unchanged).toBe(true);
    expect(again.totals).toEqual({ read: 0, imported: 0, updated: 0, skipped: 0, rejected: 0, keptRaw: 0, deleted: 0 });
    expect(await count()).toEqual(before);
    const dry = await importOnce({ ...request(), dryRun: true });
    expect(dry.totals).toMatchObject({ read: 41, imported: 41 });
    expect(await count()).toEqual(before);
  });

  it("imports the central database given by its file", async () => {
    const summary = await importOnce({
      db: t.db,
      system: "agents-orchestrator",
      location: path.join(root, ".agents-orchestrator", "session.db"),
      projectSlug: "ao-file",
    });
    // inside its project folder: the whole project is imported
    expect(summary.totals).toMatchObject({ read: 41, imported: 41, rejected: 0 });
  });

  it("refuses bad sources with a one-line reason and writes nothing", async () => {
    const rows = await t.db.importSource.count();
    const sessions = await t.db.session.count();
    const attempt = (location: string) =>
      importOnce({ db: t.db, system: "agents-orchestrator", location, projectSlug: "bad" });
    await expect(attempt(path.join(dir, "missing"))).rejects.toThrow(/no such file or folder/);
    mkdirSync(path.join(dir, "empty"));
    await expect(attempt(path.join(dir, "empty"))).rejects.toThrow(
      /has no agents-orchestrator state: expected .agents-orchestrator\/session.db/,
    );
    // a project's own tests/ folder is not the orchestrator's state
    mkdirSync(path.join(dir, "plain", "tests"), { recursive: true });
    await expect(attempt(path.join(dir, "plain"))).rejects.toThrow(/has no agents-orchestrator state/);
    writeFileSync(path.join(dir, "notes.txt"), "hello");
    await expect(attempt(path.join(dir, "notes.txt"))).rejects.toThrow(/notes.txt is not a SQLite database/);
    const foreign = path.join(dir, "foreign");
    mkdirSync(path.join(foreign, ".agents-orchestrator"), { recursive: true });
    createBazingaFixture(path.join(foreign, ".agents-orchestrator", "session.db")).close();
    await expect(attempt(foreign)).rejects.toThrow(/looks like a bazinga database/);
    const broken = path.join(dir, "broken");
    mkdirSync(path.join(broken, ".agents", "reviewer", "data"), { recursive: true });
    writeFileSync(path.join(broken, ".agents", "reviewer", "data", "reviews.db"), "not a database");
    await expect(attempt(broken)).rejects.toThrow(/reviews.db is not a SQLite database/);
    const unrelated = path.join(dir, "unrelated.db");
    const db = new Database(unrelated);
    db.exec("CREATE TABLE things (id TEXT)");
    db.close();
    await expect(attempt(unrelated)).rejects.toThrow(/is not an agents-orchestrator central database/);
    await expect(attempt("postgresql://postgres@127.0.0.1:1/orchestrator")).rejects.toThrow(/cannot connect/);
    expect(await t.db.importSource.count()).toBe(rows);
    expect(await t.db.session.count()).toBe(sessions);
  });

  it("follows a live project: new events, heartbeats and rewritten status files", async () => {
    const central = new Database(path.join(root, ".agents-orchestrator", "session.db"));
    const where = await projectWhere();
    const controller = new AbortController();
    const watching = watchImport({ ...request(), intervalMs: 100, signal: controller.signal, onPass: () => {} });
    const until = async (check: () => Promise<boolean>) => {
      const deadline = Date.now() + 10_000;
      while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      return check();
    };
    try {
      await new Promise((r) => setTimeout(r, 300));
      central
        .prepare(
          "INSERT INTO session_events (id, session_id, event_type, agent_id, event_data, timestamp) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .run("event_a", SESSION_2, "agent_spawned", HANDOVER_AGENT, "{}", "2025-08-12 14:45:00");
      central
        .prepare("UPDATE agents SET status = 'inactive', last_heartbeat = '2025-08-12 16:35:00' WHERE id = ?")
        .run(REVIEWER_AGENT);
      const status = path.join(root, ".orchestrate", "orchestrator_system", "status");
      writeFileSync(
        path.join(status, "agent3.json"),
        JSON.stringify({
          agent: "agent3",
          task: "Draw a cat",
          status: "running",
          started: "2025-08-12T16:30:00",
          output_file: ".orchestrate/orchestrator_system/outputs/agent3_latest.txt",
        }),
      );
      expect(
        await until(
          async () =>
            (await t.db.event.count({
              where: { ...where, kind: "agent_spawned", session: { externalId: SESSION_2 } },
            })) === 1,
        ),
      ).toBe(true);
      expect(
        await until(
          async () =>
            (await t.db.agent.findFirst({ where: { ...where, externalId: REVIEWER_AGENT } }))?.status === "inactive",
        ),
      ).toBe(true);
      expect(
        await until(
          async () =>
            (await t.db.run.count({ where: { ...where, agent: { externalId: "agent3" }, status: "running" } })) === 1,
        ),
      ).toBe(true);
      const agent3 = await t.db.agent.findFirstOrThrow({ where: { ...where, externalId: "agent3" } });
      // an agent of the file state (its output file), not a placeholder
      expect(agent3.placeholder).toBe(false);
      expect((await t.db.run.findFirstOrThrow({ where: { ...where, agent: { externalId: "agent3" } } })).output).toBe(
        OUTPUT_FILES["agent3_latest.txt"],
      );
    } finally {
      controller.abort();
      await watching;
      central.close();
    }
  });
});
