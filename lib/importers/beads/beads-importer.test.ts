import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { ImportError } from "../import-error";
import { importOnce, watchImport } from "../import-source";
import { createBazingaFixture } from "@/test/fixtures/bazinga-fixture";
import { createBeadsDbFixture, createCoordinationFixture, writeIssueStore } from "@/test/fixtures/beads-fixture";

const STORE_SESSION = "beads-issues:project/.beads/issues.jsonl";

describe.each(databaseKinds())("beads importer into %s", (kind) => {
  let t: TestDatabase;
  let dir: string;
  let source: string;
  let store: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    dir = mkdtempSync(path.join(tmpdir(), "beads-"));
    source = path.join(dir, "coordination.db");
    store = path.join(dir, "project", ".beads", "issues.jsonl");
    createCoordinationFixture(source).close();
    writeIssueStore(store);
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const request = () => ({
    db: t.db,
    system: "beads",
    location: source,
    projectSlug: "beads",
    options: { beads: store },
  });

  it("imports workflows, runs, results, metrics, config and the issue store with exact counts", async () => {
    const summary = await importOnce(request());
    expect(summary.totals).toEqual({
      read: 36,
      imported: 35,
      updated: 0,
      skipped: 0,
      rejected: 1,
      keptRaw: 0,
      deleted: 0,
    });
    const table = (name: string) => summary.tables.find((x) => x.table === name)!;
    expect(summary.tables.map((x) => [x.table, x.read])).toEqual([
      ["agent_configurations", 3],
      ["workflow_mappings", 4],
      ["issue_store", 1],
      ["issues", 8],
      ["agent_assignments", 6],
      ["workflow_results", 3],
      ["research_findings", 2],
      ["poc_results", 1],
      ["workflow_performance", 3],
      ["workflow_analytics", 3],
      ["workflow_templates", 2],
    ]);
    expect(table("agent_configurations").issues).toEqual({
      "invalid JSON in capabilities": 1,
      'unknown status "sleeping" (counted as pending: waits for something)': 1,
      "unparseable timestamp in last_heartbeat": 1,
    });
    expect(table("workflow_mappings").issues).toEqual({
      "invalid JSON in metadata": 1,
      "invalid priority": 1,
      "parent_workflow_id without a workflow_mappings row": 1,
      "unparseable timestamp in created_at": 1,
      'unknown status "on_hold" (counted as pending: waits for something)': 1,
    });
    expect(table("issues").issues).toEqual({
      "dependency on an issue not in the store": 2,
      "invalid priority": 1,
      'unknown status "wontfix"': 1,
      "unparseable timestamp in updated_at": 1,
      "unparseable timestamp in comments.created_at": 1,
    });
    expect(table("issues").reasons).toEqual({ "could not map: line 8 is not a JSON object": 1 });
    expect(table("agent_assignments").issues).toEqual({
      "workflow_id without a workflow_mappings row": 1,
      'unknown status "exploded"': 1,
    });
    expect(table("workflow_results").issues).toEqual({
      "invalid JSON in result_data": 1,
      "invalid confidence_score": 1,
    });
    expect(table("workflow_performance").issues).toEqual({ "invalid cpu_usage_percent": 1 });
    expect(table("workflow_templates").issues).toEqual({ "invalid JSON in template_def": 1 });

    const project = await t.db.project.findUniqueOrThrow({ where: { slug: "beads" } });
    const where = { projectId: project.id };
    const session = (externalId: string) => t.db.session.findFirstOrThrow({ where: { ...where, externalId } });

    // workflows → sessions, named by their issue
    const sessions = await t.db.session.findMany({ where, orderBy: { externalId: "asc" } });
    expect(sessions.map((s) => [s.externalId, s.status, s.sourceStatus, s.kind, s.placeholder])).toEqual([
      [STORE_SESSION, "running", "active", "issue_store", false],
      ["wf-docs-003", "pending", "on_hold", "documentation", false],
      // a workflow only other rows name: unknown, never running (main's placeholder rule)
      ["wf-ghost-999", "unknown", null, null, true],
      ["wf-poc-002", "failed", "failed", "poc", false],
      ["wf-research-001", "completed", "completed", "research", false],
      ["wf-val-004", "running", "active", "review", false],
    ]);
    expect(sessions.every((s) => s.source === "beads")).toBe(true);
    const research = await session("wf-research-001");
    expect(research).toMatchObject({
      title: "Evaluate vector stores for semantic search",
      mission: "Pick an embedded vector store.",
      priority: 1,
      errorCount: 1,
    });
    expect(research.metadata).toMatchObject({
      beads_issue_id: "bd-a1b2c",
      tempolite_workflow_id: "wf-research-001",
      metadata: { title: "Evaluate vector stores", requested_by: "mayor" },
    });
    expect(research.startedAt.toISOString()).toBe("2026-01-10T09:00:00.000Z");
    expect(research.endedAt?.toISOString()).toBe("2026-01-10T11:00:00.000Z");
    const poc = await session("wf-poc-002");
    expect(poc.parentSessionId).toBe(research.id);
    expect(poc.endedAt?.toISOString()).toBe("2026-01-10T10:45:00.000Z");
    expect(poc.metadata).toMatchObject({ metadata: { raw: "{not json" }, parent_workflow_id: "bd-a1b2c" });
    const docs = await session("wf-docs-003");
    expect(docs).toMatchObject({ title: "Document the sync protocol", priority: null, parentSessionId: null });
    expect(docs.metadata).toMatchObject({
      priority: "high",
      created_at: "not a date",
      parent_workflow_id: "bd-missing",
    });
    expect((await session("wf-val-004")).metadata).toMatchObject({ owner_team: "platform" });
    expect(await session(STORE_SESSION)).toMatchObject({
      title: "Beads issues",
      metadata: { issues: 2, open: 2, store: "jsonl" },
    });

    // issues → tasks with parents, dependencies and comments
    const tasks = await t.db.task.findMany({
      where,
      include: { session: true, parent: true },
      orderBy: { externalId: "asc" },
    });
    expect(
      tasks.map((x) => [
        x.externalId,
        x.session?.externalId,
        x.status,
        x.sourceStatus,
        x.priority,
        x.parent?.externalId ?? null,
      ]),
    ).toEqual([
      ["bd-a1b2c", "wf-research-001", "completed", "closed", 1, null],
      ["bd-a1b2c.1", "wf-poc-002", "running", "in_progress", 2, "bd-a1b2c"],
      ["bd-a1b2c.2", "wf-poc-002", "pending", "open", null, "bd-a1b2c.1"],
      ["bd-lone1", STORE_SESSION, "pending", "open", 3, null],
      ["bd-lone2", STORE_SESSION, "pending", "wontfix", 4, null],
      ["bd-q1w2e", "wf-val-004", "completed", "closed", 0, null],
      ["bd-x9y8z", "wf-docs-003", "pending", "hooked", 2, null],
    ]);
    expect(tasks.every((x) => x.source === "beads" && !x.placeholder)).toBe(true);
    const lone1 = tasks.find((x) => x.externalId === "bd-lone1")!;
    expect(lone1).toMatchObject({
      kind: "bug",
      labels: ["tests", "sync"],
      metadata: { updated_at: "garbage", work_type: "mutex", created_at: "2026-01-10T12:00:00.000Z" },
    });
    expect(tasks.find((x) => x.externalId === "bd-a1b2c.2")!.metadata).toMatchObject({ priority: "urgent" });
    const deps = await t.db.taskDependency.findMany({
      where: { task: where },
      include: { task: true },
      orderBy: [{ taskId: "asc" }, { dependsOnExternalId: "asc" }],
    });
    expect(deps.map((d) => `${d.task.externalId}→${d.dependsOnExternalId}:${d.type}`).sort()).toEqual([
      "bd-a1b2c.1→bd-a1b2c:parent-child",
      "bd-a1b2c.1→bd-wisp-zzz:blocks",
      "bd-a1b2c.2→bd-a1b2c.1:parent-child",
      "bd-a1b2c.2→bd-a1b2c:blocks",
      "bd-lone2→bd-nowhere:parent-child",
    ]);
    const comments = await t.db.taskComment.findMany({ include: { task: true }, orderBy: { externalId: "asc" } });
    expect(comments.map((c) => [c.task.externalId, c.externalId, c.author, c.body, c.createdAt.toISOString()])).toEqual(
      [
        ["bd-a1b2c", "1", "mayor", "Kicking this off", "2026-01-10T08:56:00.000Z"],
        ["bd-q1w2e", "2", "validation-agent-01", "2 of 5 claims reproduced", "2026-01-11T08:30:00.000Z"],
        ["bd-q1w2e", "3", "mayor", "Closing anyway", "2026-01-11T09:00:00.000Z"],
      ],
    );

    // assignments → runs, timed by workflow_performance; a step without assignment is a run of its own
    const runs = await t.db.run.findMany({ where, include: { agent: true }, orderBy: { externalId: "asc" } });
    expect(
      runs.map((r) => [
        r.externalId,
        r.agentType,
        r.agent?.externalId ?? null,
        r.status,
        r.sourceStatus,
        r.step,
        r.durationMs,
      ]),
    ).toEqual([
      ["wf-ghost-999:assignment:5", "validation", "validation-agent-01", "running", "exploded", 1, null],
      ["wf-poc-002:assignment:4", "poc", "poc-agent-01", "failed", "failed", 1, 0],
      ["wf-research-001:assignment:1", "supervisor", "supervisor-01", "completed", "completed", 1, 110_000],
      ["wf-research-001:assignment:2", "research", "research-agent-01", "completed", "completed", 2, 3_320_000],
      [
        "wf-research-001:assignment:3",
        "documentation",
        "documentation-agent-01",
        "completed",
        "completed",
        3,
        3_480_500,
      ],
      ["wf-research-001:performance:3", "validation", null, "failed", "failed", null, 60_000],
      ["wf-val-004:assignment:6", "validation", "validation-agent-01", "pending", "assigned", 1, null],
    ]);
    const researchRun = runs.find((r) => r.externalId === "wf-research-001:assignment:2")!;
    expect(researchRun.startedAt?.toISOString()).toBe("2026-01-10T09:03:00.000Z");
    expect(researchRun.metadata).toMatchObject({
      performance_id: 1,
      duration_ms: 3_320_000,
      success: true,
      handoff_from: "supervisor-01",
      started_at: "2026-01-10T09:03:00.000Z",
    });
    expect(runs.find((r) => r.externalId === "wf-research-001:performance:3")).toMatchObject({
      error: "timeout",
      stepName: "validate_results",
    });

    // handoffs: one message per handoff, even when both sides record it
    const messages = await t.db.message.findMany({ where, orderBy: { timestamp: "asc" } });
    expect(messages.map((m) => [m.fromAgent, m.toAgent, m.kind, m.timestamp.toISOString()])).toEqual([
      ["supervisor-01", "research-agent-01", "handoff", "2026-01-10T09:02:00.000Z"],
      ["research-agent-02", "poc-agent-01", "handoff", "2026-01-10T09:31:00.000Z"],
      ["research-agent-01", "documentation-agent-01", "handoff", "2026-01-10T10:00:00.000Z"],
    ]);

    // results → artifacts, linked to the run of their agent type
    const artifacts = await t.db.artifact.findMany({ where, include: { run: true }, orderBy: { externalId: "asc" } });
    expect(artifacts.map((a) => [a.externalId, a.type, a.name, a.run?.externalId ?? null, a.score, a.status])).toEqual([
      ["wf-poc-002:poc:poc-1", "poc_result", "module in go", "wf-poc-002:assignment:4", 6.5, "failed"],
      ["wf-poc-002:result:3", "workflow_result", "poc_results", "wf-poc-002:assignment:4", null, null],
      [
        "wf-research-001:finding:rf-1",
        "research_finding",
        "sqlite-vec 0.1.6",
        "wf-research-001:assignment:2",
        0.8,
        null,
      ],
      ["wf-research-001:finding:rf-2", "research_finding", "chromem-go", "wf-research-001:assignment:2", 0.6, null],
      ["wf-research-001:result:1", "workflow_result", "findings", "wf-research-001:assignment:2", 0.82, null],
      ["wf-research-001:result:2", "workflow_result", "documentation", "wf-research-001:assignment:3", 0.9, null],
    ]);
    const broken = artifacts.find((a) => a.externalId === "wf-poc-002:result:3")!;
    expect(broken).toMatchObject({
      data: { raw: "{broken" },
      scores: { quality: 3 },
      metadata: { confidence_score: -0.5 },
    });
    expect(artifacts.find((a) => a.externalId === "wf-research-001:result:1")).toMatchObject({
      scores: { confidence: 0.82, quality: 8.5 },
      data: { recommended: "sqlite-vec", candidates: 3 },
    });

    // performance (finished steps) and closed days of analytics → metrics
    const metrics = await t.db.metric.findMany({
      where,
      include: { run: true },
      orderBy: [{ name: "asc" }, { value: "asc" }],
    });
    expect(metrics).toHaveLength(18);
    const perf = metrics.filter((m) => m.run !== null).map((m) => [m.run!.externalId, m.name, m.value, m.unit]);
    expect(perf).toEqual([
      ["wf-research-001:assignment:2", "cpu_usage_percent", 35.5, "%"],
      ["wf-research-001:assignment:2", "disk_io_bytes", 1_048_576, "bytes"],
      ["wf-research-001:performance:3", "memory_usage_mb", 128, "MB"],
      ["wf-research-001:assignment:2", "memory_usage_mb", 512, "MB"],
      ["wf-research-001:assignment:2", "network_io_bytes", 2_097_152, "bytes"],
      ["wf-research-001:performance:3", "step_duration_ms", 60_000, "ms"],
      ["wf-research-001:assignment:2", "step_duration_ms", 3_320_000, "ms"],
    ]);
    const daily = metrics.filter((m) => m.run === null);
    expect(daily).toHaveLength(11);
    expect(daily.find((m) => m.name === "total_workflows" && m.value === 3)).toMatchObject({
      labels: { date: "2026-01-09", workflow_type: "research", agent_type: "research" },
    });
    expect(daily.find((m) => m.name === "total_workflows" && m.value === 3)!.timestamp.toISOString()).toBe(
      "2026-01-09T00:00:00.000Z",
    );

    // agent configurations → agents with workload; agents only named by assignments are placeholders
    const agents = await t.db.agent.findMany({ where, orderBy: { externalId: "asc" } });
    expect(
      agents.map((a) => [a.externalId, a.type, a.status, a.maxWorkload, a.currentWorkload, a.placeholder]),
    ).toEqual([
      ["documentation-agent-01", "documentation", null, null, null, true],
      ["poc-agent-01", "poc", "sleeping", 2, 1, false],
      ["research-agent-01", "research", "busy", 5, 2, false],
      ["supervisor-01", "supervisor", "active", 3, 0, false],
      ["validation-agent-01", "validation", null, null, null, true],
    ]);
    const researcher = agents.find((a) => a.externalId === "research-agent-01")!;
    expect(researcher).toMatchObject({
      capabilities: ["web_search", "doc_review"],
      config: { model: "gpt-4o", temperature: 0.4 },
      metadata: { configuration_id: "cfg-1", performance_metrics: { success_rate: 0.93 } },
    });
    expect(researcher.heartbeatAt?.toISOString()).toBe("2026-01-10T10:00:00.000Z");
    expect(agents.find((a) => a.externalId === "poc-agent-01")).toMatchObject({
      capabilities: { raw: "{bad json" },
      heartbeatAt: null,
      metadata: { last_heartbeat: "yesterday" },
    });

    // templates → config
    const configs = await t.db.config.findMany({ where: { ...where, source: "beads" }, orderBy: { key: "asc" } });
    expect(configs.map((c) => c.key)).toEqual(["workflow_template:poc-default", "workflow_template:research-default"]);
    expect(configs[1]!.value).toMatchObject({
      agent_sequence: ["supervisor", "research", "documentation", "validation"],
      template_def: { steps: 4 },
      is_active: true,
      usage_count: 12,
    });
    expect(configs[0]!.value).toMatchObject({ template_def: { raw: "{oops" }, is_active: false });
  });

  it("changes nothing when imported again", async () => {
    const count = () =>
      Promise.all([
        t.db.session.count(),
        t.db.run.count(),
        t.db.task.count(),
        t.db.taskDependency.count(),
        t.db.taskComment.count(),
        t.db.message.count(),
        t.db.artifact.count(),
        t.db.metric.count(),
        t.db.agent.count(),
        t.db.config.count(),
      ]);
    const before = await count();
    // the source is unchanged: the pass reads nothing
    const quiet = await importOnce(request());
    expect(quiet.unchanged).toBe(true);
    expect(quiet.totals.read).toBe(0);
    // without the saved change token every table is read again
    for (const s of await t.db.importSource.findMany({ where: { system: "beads" } }))
      await t.db.importSource.update({
        where: { id: s.id },
        data: { state: { ...(s.state as Record<string, string>), token: "" } },
      });
    const again = await importOnce(request());
    // the line that is not JSON is still refused; nothing else is sent again
    // workflow_results is read past its watermark
    expect(again.totals).toEqual({
      read: 33,
      imported: 0,
      updated: 0,
      skipped: 32,
      rejected: 1,
      keptRaw: 0,
      deleted: 0,
    });
    expect(await count()).toEqual(before);
    // without saved state (a dry run reads everything) the event ids still match what is stored
    const dry = await importOnce({ ...request(), dryRun: true });
    expect(dry.totals.imported).toBe(35);
    expect(await count()).toEqual(before);
  });

  it("imports the coordination database alone, naming sessions from their metadata", async () => {
    const summary = await importOnce({ db: t.db, system: "beads", location: source, projectSlug: "beads-alone" });
    expect(summary.totals).toEqual({
      read: 27,
      imported: 27,
      updated: 0,
      skipped: 0,
      rejected: 0,
      keptRaw: 0,
      deleted: 0,
    });
    const project = await t.db.project.findUniqueOrThrow({ where: { slug: "beads-alone" } });
    const titles = await t.db.session.findMany({
      where: { projectId: project.id, placeholder: false },
      orderBy: { externalId: "asc" },
      select: { externalId: true, title: true },
    });
    expect(titles).toEqual([
      { externalId: "wf-docs-003", title: "documentation bd-x9y8z" },
      { externalId: "wf-poc-002", title: "poc bd-a1b2c.1" },
      { externalId: "wf-research-001", title: "Evaluate vector stores" },
      { externalId: "wf-val-004", title: "review bd-q1w2e" },
    ]);
    expect(await t.db.task.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("imports an issue store given as the source", async () => {
    const summary = await importOnce({ db: t.db, system: "beads", location: store, projectSlug: "beads-store" });
    expect(summary.totals).toEqual({
      read: 9,
      imported: 8,
      updated: 0,
      skipped: 0,
      rejected: 1,
      keptRaw: 0,
      deleted: 0,
    });
    const project = await t.db.project.findUniqueOrThrow({ where: { slug: "beads-store" } });
    const tasks = await t.db.task.findMany({ where: { projectId: project.id }, include: { session: true } });
    expect(tasks).toHaveLength(7);
    expect(new Set(tasks.map((x) => x.session?.externalId))).toEqual(new Set([STORE_SESSION]));
    expect(await t.db.session.findFirstOrThrow({ where: { projectId: project.id } })).toMatchObject({
      status: "running",
      metadata: { issues: 7, open: 5 },
    });
  });

  it("reads a beads.db issue store like its JSONL export", async () => {
    const file = path.join(dir, "other", ".beads", "beads.db");
    createBeadsDbFixture(file);
    const summary = await importOnce({
      db: t.db,
      system: "beads",
      location: source,
      projectSlug: "beads-db",
      options: { beads: file },
    });
    expect(summary.tables.find((x) => x.table === "issues")).toMatchObject({
      read: 3,
      imported: 3,
      rejected: 0,
      issues: { "dependency on an issue not in the store": 1 },
    });
    const project = await t.db.project.findUniqueOrThrow({ where: { slug: "beads-db" } });
    const tasks = await t.db.task.findMany({
      where: { projectId: project.id },
      include: { session: true, parent: true, dependencies: true, comments: true },
      orderBy: { externalId: "asc" },
    });
    expect(
      tasks.map((x) => [
        x.externalId,
        x.session?.externalId,
        x.sourceStatus,
        x.parent?.externalId ?? null,
        x.labels,
        x.dependencies.length,
        x.comments.length,
      ]),
    ).toEqual([
      ["bd-a1b2c", "wf-research-001", "closed", null, ["research", "vectors"], 0, 1],
      ["bd-a1b2c.1", "wf-poc-002", "in_progress", "bd-a1b2c", null, 2, 0],
      ["bd-db01", "beads-issues:other/.beads/beads.db", "tombstone", null, null, 0, 0],
    ]);
    // '' columns of beads.db are left out; the others go to metadata
    expect(tasks[2]!.metadata).toMatchObject({ deleted_by: "mayor", compaction_level: 0 });
    expect(tasks[2]!.metadata).not.toHaveProperty("design");
    expect(tasks[2]!.status).toBe("cancelled");
  });

  it("refuses bad sources with a one-line reason and writes nothing", async () => {
    const rows = await t.db.importSource.count();
    const sessions = await t.db.session.count();
    const attempt = (location: string, beads?: string) =>
      importOnce({ db: t.db, system: "beads", location, projectSlug: "bad", options: { beads } });
    await expect(attempt(path.join(dir, "missing.db"))).rejects.toThrow(/no such file or folder/);
    writeFileSync(path.join(dir, "notes.txt"), "hello");
    await expect(attempt(path.join(dir, "notes.txt"))).rejects.toThrow(/not a SQLite database/);
    createBazingaFixture(path.join(dir, "bazinga.db")).close();
    await expect(attempt(path.join(dir, "bazinga.db"))).rejects.toThrow(/looks like a bazinga database/);
    const empty = new Database(path.join(dir, "empty.db"));
    empty.exec("CREATE TABLE something (id TEXT)");
    empty.close();
    await expect(attempt(path.join(dir, "empty.db"))).rejects.toThrow(
      /not a Beads coordination database: it has no workflow_mappings table/,
    );
    await expect(attempt("postgresql://postgres@127.0.0.1:1/coordination")).rejects.toThrow(
      /cannot connect to postgresql:\/\/postgres@127.0.0.1:1\/coordination/,
    );
    await expect(attempt(source, path.join(dir, "nope.jsonl"))).rejects.toThrow(/no such Beads issue store/);
    await expect(attempt(source, path.join(dir, "notes.txt"))).rejects.toThrow(/is not a Beads issue store/);
    await expect(attempt(source, path.join(dir, "bazinga.db"))).rejects.toThrow(
      /looks like a bazinga database, not a Beads issue store/,
    );
    await expect(attempt(source, path.join(dir, "notes.txt"))).rejects.toBeInstanceOf(ImportError);
    expect(await t.db.importSource.count()).toBe(rows);
    expect(await t.db.session.count()).toBe(sessions);
  });

  it("follows a live source: changed rows update, finished steps get their metrics once", async () => {
    const writer = new Database(source);
    const controller = new AbortController();
    const watching = watchImport({ ...request(), intervalMs: 100, signal: controller.signal, onPass: () => {} });
    const until = async (check: () => Promise<boolean>) => {
      const deadline = Date.now() + 10_000;
      while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      return check();
    };
    const { id: projectId } = await t.db.project.findUniqueOrThrow({ where: { slug: "beads" } });
    const run = async (externalId: string) =>
      (await t.db.run.findFirst({ where: { projectId, externalId } })) ?? { status: undefined, endedAt: undefined };
    const stepMetrics = () =>
      t.db.metric.count({
        where: { projectId, name: "step_duration_ms", run: { externalId: "wf-poc-002:assignment:4" } },
      });
    try {
      await new Promise((r) => setTimeout(r, 300));
      writer
        .prepare("UPDATE agent_assignments SET status = 'started', started_at = '2026-01-11 08:10:00' WHERE id = 6")
        .run();
      writer
        .prepare("UPDATE workflow_performance SET end_time = '2026-01-10 10:40:00', duration_ms = 4080000 WHERE id = 2")
        .run();
      writer
        .prepare(
          "INSERT INTO workflow_results (workflow_id, agent_type, result_type, result_data, confidence_score, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .run("wf-val-004", "validation", "validation", '{"checks":5,"passed":5}', 0.95, "2026-01-11 09:00:00");
      appendFileSync(
        store,
        JSON.stringify({
          id: "bd-new01",
          title: "Follow-up",
          status: "open",
          priority: 2,
          issue_type: "task",
          created_at: "2026-01-12T10:00:00Z",
          updated_at: "2026-01-12T10:00:00Z",
        }) + "\n",
      );
      expect(await until(async () => (await run("wf-val-004:assignment:6")).status === "running")).toBe(true);
      expect(await until(async () => (await stepMetrics()) === 1)).toBe(true);
      expect(
        await until(async () => (await t.db.task.count({ where: { projectId, externalId: "bd-new01" } })) === 1),
      ).toBe(true);
      expect(
        await until(
          async () => (await t.db.artifact.count({ where: { projectId, externalId: "wf-val-004:result:4" } })) === 1,
        ),
      ).toBe(true);
      expect((await run("wf-poc-002:assignment:4")).endedAt?.toISOString()).toBe("2026-01-10T10:40:00.000Z");
      // the row changes again: its new measure is added, the step duration is not stored twice
      writer.prepare("UPDATE workflow_performance SET memory_usage_mb = 300 WHERE id = 2").run();
      expect(
        await until(
          async () => (await t.db.metric.count({ where: { projectId, name: "memory_usage_mb", value: 300 } })) === 1,
        ),
      ).toBe(true);
      expect(await stepMetrics()).toBe(1);
    } finally {
      controller.abort();
      await watching;
      writer.close();
    }
  });
});
