import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { ensureProject } from "@/lib/projects/projects";
import { ensureDefaultPrices } from "@/lib/usage/prices";
import { ingestEvents } from "./pipeline";
import { LIMITS, MAX_COUNT as LIMITS_MAX_COUNT, type IngestEventInput } from "./schemas";

const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

let seq = 0;
function ev<T extends IngestEventInput["type"]>(
  type: T,
  seconds: number,
  body: Extract<IngestEventInput, { type: T }>["body"],
  id?: string,
): IngestEventInput {
  return { id: id ?? `ev-${type}-${++seq}`, type, timestamp: at(seconds), body } as IngestEventInput;
}

describe.each(databaseKinds())("ingest pipeline on %s", (kind) => {
  let t: TestDatabase;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await ensureDefaultPrices(t.db);
    projectId = (await ensureProject(t.db, "p1")).id;
  });
  afterAll(async () => {
    await t.drop();
  });

  it("shows a session only other records named as unknown, never running, until its own row arrives", async () => {
    await ingestEvents(t.db, projectId, [
      ev("log", 0, { sessionId: "s-orphan", message: "a log whose session row does not exist" }),
    ]);
    const orphan = await t.db.session.findFirstOrThrow({ where: { projectId, externalId: "s-orphan" } });
    expect(orphan).toMatchObject({ placeholder: true, status: "unknown" });
    await ingestEvents(t.db, projectId, [ev("session", 1, { sessionId: "s-orphan", title: "now it exists" })]);
    expect(await t.db.session.findFirstOrThrow({ where: { projectId, externalId: "s-orphan" } })).toMatchObject({
      placeholder: false,
      status: "running",
    });
    await ingestEvents(t.db, projectId, [
      ev("session", 2, { sessionId: "s-merge", status: "approved_pending_merge" }),
      ev("task", 3, {
        taskId: "t-raw",
        sessionId: "s-merge",
        name: "T",
        status: "pending",
        sourceStatus: "approved_pending_merge",
      }),
    ]);
    expect(await t.db.session.findFirstOrThrow({ where: { projectId, externalId: "s-merge" } })).toMatchObject({
      status: "pending",
      sourceStatus: "approved_pending_merge",
    });
    expect(await t.db.task.findFirstOrThrow({ where: { projectId, externalId: "t-raw" } })).toMatchObject({
      status: "pending",
      sourceStatus: "approved_pending_merge",
    });
  });

  it("keeps a run longer than the duration column holds at its ceiling instead of failing", async () => {
    const results = await ingestEvents(t.db, projectId, [
      ev("run", 0, {
        runId: "r-month",
        sessionId: "s-month",
        agentType: "developer",
        status: "completed",
        startedAt: "2026-01-01T00:00:00Z",
        endedAt: "2026-03-01T00:00:00Z",
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual([201]);
    expect(await t.db.run.findFirstOrThrow({ where: { projectId, externalId: "r-month" } })).toMatchObject({
      durationMs: LIMITS_MAX_COUNT,
    });
  });

  it("stores every event type and answers 201 each", async () => {
    const events: IngestEventInput[] = [
      ev("session", 0, {
        sessionId: "s-all",
        title: "All types",
        mission: "Build it",
        mode: "parallel",
        status: "active",
        phase: "pm",
        iteration: 1,
        source: "bazinga",
        workDir: "/w",
      }),
      ev("agent", 1, {
        agentId: "developer_1",
        name: "Developer 1",
        type: "developer",
        model: "claude-sonnet-4-20250514",
        capabilities: ["code"],
        status: "active",
        heartbeatAt: at(1),
        maxWorkload: 5,
        currentWorkload: 2,
      }),
      ev("run", 2, {
        runId: "r-1",
        sessionId: "s-all",
        agentType: "developer",
        agentId: "developer_1",
        status: "completed",
        startedAt: at(2),
        endedAt: at(12),
        model: "claude-sonnet-4-20250514",
      }),
      ev("run", 3, {
        runId: "r-2",
        sessionId: "s-all",
        agentType: "qa_expert",
        parentRunId: "r-1",
        status: "running",
        startedAt: at(3),
      }),
      ev("llm_call", 4, {
        callId: "c-1",
        sessionId: "s-all",
        runId: "r-1",
        agentType: "developer",
        model: "claude-sonnet-4-20250514",
        inputTokens: 1_000_000,
        cacheReadTokens: 600_000,
        cacheWriteTokens: 100_000,
        outputTokens: 200_000,
        latencyMs: 900,
        prompt: "hi",
        response: "hello",
      }),
      ev("log", 5, {
        sessionId: "s-all",
        runId: "r-1",
        agentType: "developer",
        level: "ERROR",
        kind: "milestone",
        component: "orchestrator",
        iteration: 1,
        message: "tests failed",
        details: { failing: 2 },
      }),
      ev("message", 6, {
        messageId: "m-1",
        sessionId: "s-all",
        from: "pm",
        to: "developer_1",
        kind: "request",
        content: "Please implement",
        context: { group: "A" },
      }),
      ev("message", 7, {
        messageId: "m-2",
        sessionId: "s-all",
        from: "developer_1",
        to: "pm",
        kind: "response",
        content: "Done",
        replyTo: "m-1",
      }),
      ev("state", 8, { sessionId: "s-all", kind: "pm", data: { groups: ["A"] }, checkpointId: "cp-1" }),
      ev("task", 9, {
        taskId: "group_a",
        sessionId: "s-all",
        name: "Auth",
        status: "in_progress",
        assignee: "developer_1",
        revisionCount: 2,
        reviewStatus: "CHANGES_REQUESTED",
        priority: 1,
        dependsOn: ["group_b", { id: "group_c", type: "related" }],
      }),
      ev("decision", 10, {
        sessionId: "s-all",
        iteration: 1,
        decisionType: "spawn_agent",
        data: { agent: "developer" },
      }),
      ev("artifact", 11, {
        artifactId: "a-1",
        sessionId: "s-all",
        runId: "r-1",
        type: "skill_output",
        name: "security_scan",
        data: { severity: "high" },
        score: 0.8,
      }),
      ev("metric", 12, {
        name: "response_time",
        value: 1.5,
        unit: "s",
        sessionId: "s-all",
        agentId: "developer_1",
        labels: { k: "v" },
      }),
    ];
    const results = await ingestEvents(t.db, projectId, events);
    expect(results.map((r) => r.status)).toEqual(events.map(() => 201));
    const session = await t.db.session.findUniqueOrThrow({
      where: { projectId_externalId: { projectId, externalId: "s-all" } },
    });
    expect(session).toMatchObject({
      source: "bazinga",
      status: "running",
      sourceStatus: "active",
      phase: "pm",
      mode: "parallel",
      iteration: 1,
      errorCount: 1,
      placeholder: false,
    });
    expect(session.totalTokens).toBe(1_200_000);
    // 300k × $3 + 600k × $0.30 + 100k × $3.75 + 200k × $15 per 1M
    expect(session.costUsd).toBeCloseTo(4.455, 9);
    const counts = await Promise.all([
      t.db.run.count({ where: { sessionId: session.id } }),
      t.db.llmCall.count({ where: { sessionId: session.id } }),
      t.db.event.count({ where: { sessionId: session.id } }),
      t.db.message.count({ where: { sessionId: session.id } }),
      t.db.stateSnapshot.count({ where: { sessionId: session.id } }),
      t.db.task.count({ where: { sessionId: session.id } }),
      t.db.decision.count({ where: { sessionId: session.id } }),
      t.db.artifact.count({ where: { sessionId: session.id } }),
      t.db.metric.count({ where: { sessionId: session.id } }),
    ]);
    expect(counts).toEqual([2, 1, 1, 2, 1, 1, 1, 1, 1]);
    const child = await t.db.run.findFirstOrThrow({ where: { externalId: "r-2" }, include: { parent: true } });
    expect(child.parent?.externalId).toBe("r-1");
    const r1 = await t.db.run.findFirstOrThrow({ where: { externalId: "r-1" }, include: { agent: true } });
    expect(r1).toMatchObject({ status: "completed", durationMs: 10_000, source: "bazinga" });
    expect(r1.agent?.externalId).toBe("developer_1");
    const call = await t.db.llmCall.findFirstOrThrow({ where: { externalId: "c-1" }, include: { content: true } });
    expect(call).toMatchObject({ costSource: "computed", source: "bazinga", status: "completed" });
    expect(call.content).toMatchObject({ prompt: "hi", response: "hello", truncated: false });
    const log = await t.db.event.findFirstOrThrow({ where: { sessionId: session.id } });
    expect(log).toMatchObject({
      level: "error",
      kind: "milestone",
      component: "orchestrator",
      message: "tests failed",
    });
    const task = await t.db.task.findFirstOrThrow({
      where: { externalId: "group_a" },
      include: { dependencies: true },
    });
    expect(task).toMatchObject({ status: "running", sourceStatus: "in_progress", revisionCount: 2 });
    expect(task.dependencies.map((d) => `${d.dependsOnExternalId}:${d.type}`).sort()).toEqual([
      "group_b:blocks",
      "group_c:related",
    ]);
    const agent = await t.db.agent.findFirstOrThrow({ where: { externalId: "developer_1" } });
    expect(agent).toMatchObject({ type: "developer", maxWorkload: 5, currentWorkload: 2, placeholder: false });
  });

  it("answers 200 to a replayed batch and changes nothing", async () => {
    const batch = [
      ev("session", 0, { sessionId: "s-replay", status: "running" }, "replay-1"),
      ev(
        "llm_call",
        1,
        { callId: "c-replay", sessionId: "s-replay", model: "gpt-4o", inputTokens: 10, outputTokens: 5 },
        "replay-2",
      ),
      ev("log", 2, { sessionId: "s-replay", message: "once" }, "replay-3"),
    ];
    expect((await ingestEvents(t.db, projectId, batch)).map((r) => r.status)).toEqual([201, 201, 201]);
    const before = await t.db.session.findFirstOrThrow({ where: { externalId: "s-replay" } });
    expect((await ingestEvents(t.db, projectId, batch)).map((r) => r.status)).toEqual([200, 200, 200]);
    const after = await t.db.session.findFirstOrThrow({ where: { externalId: "s-replay" } });
    expect(after.totalTokens).toBe(15);
    expect(after).toEqual(before);
    expect(await t.db.event.count({ where: { sessionId: after.id } })).toBe(1);
    expect(await t.db.llmCall.count({ where: { sessionId: after.id } })).toBe(1);
  });

  it("answers 200 to a duplicate id inside one batch", async () => {
    const e = ev("log", 0, { sessionId: "s-dup", message: "x" }, "dup-1");
    expect((await ingestEvents(t.db, projectId, [e, e])).map((r) => r.status)).toEqual([201, 200]);
  });

  it("rejects a bad event with its field path and stores the others", async () => {
    const results = await ingestEvents(t.db, projectId, [
      ev("log", 0, { sessionId: "s-bad", message: "good one" }, "bad-batch-1"),
      {
        id: "bad-batch-2",
        type: "llm_call",
        timestamp: at(1),
        body: { callId: "c", sessionId: "s-bad", inputTokens: -3 },
      },
      { id: "bad-batch-3", type: "nope", timestamp: at(1), body: {} },
      ev("log", 2, { sessionId: "s-bad", message: "good two" }, "bad-batch-4"),
    ]);
    expect(results.map((r) => r.status)).toEqual([201, 400, 400, 201]);
    expect(results[1]?.error).toMatchObject({ code: "invalid_field", field: "body.inputTokens" });
    expect(results[2]?.error).toMatchObject({ field: "type" });
    expect(await t.db.llmCall.count({ where: { externalId: "c" } })).toBe(0);
  });

  it("refuses epoch milliseconds beyond year 9999 with a 400 naming timestamp, not a storage error", async () => {
    const [result] = await ingestEvents(t.db, projectId, [
      { id: "far-future", type: "metric", timestamp: 8.64e15, body: { name: "latency", value: 3 } },
    ]);
    expect(result).toMatchObject({ status: 400, error: { field: "timestamp" } });
  });

  it("creates placeholders for unseen references and fills them later", async () => {
    expect(
      (
        await ingestEvents(t.db, projectId, [
          ev("run", 5, {
            runId: "r-early",
            sessionId: "s-late",
            agentType: "planner",
            parentRunId: "r-parent",
            status: "executing",
          }),
        ])
      )[0]?.status,
    ).toBe(201);
    const placeholder = await t.db.session.findFirstOrThrow({ where: { externalId: "s-late" } });
    expect(placeholder.placeholder).toBe(true);
    const parent = await t.db.run.findFirstOrThrow({ where: { externalId: "r-parent" } });
    expect(parent.placeholder).toBe(true);
    await ingestEvents(t.db, projectId, [
      ev("session", 10, { sessionId: "s-late", mission: "Arrived late", status: "completed", source: "tac" }),
      ev("run", 9, { runId: "r-parent", sessionId: "s-late", agentType: "orchestrator", status: "completed" }),
    ]);
    const filled = await t.db.session.findFirstOrThrow({ where: { externalId: "s-late" } });
    expect(filled).toMatchObject({
      placeholder: false,
      mission: "Arrived late",
      status: "completed",
      source: "tac",
      id: placeholder.id,
    });
    expect(filled.startedAt.toISOString()).toBe(at(5));
    expect(await t.db.run.findFirstOrThrow({ where: { externalId: "r-parent" } })).toMatchObject({
      placeholder: false,
      agentType: "orchestrator",
      id: parent.id,
    });
  });

  it("lets the newest timestamp decide a session's status, whatever the arrival order", async () => {
    const updates = (sid: string) => [
      ev("session", 1, { sessionId: sid, status: "pending", phase: "pm" }),
      ev("session", 2, { sessionId: sid, status: "running", phase: "arch" }),
      ev("session", 3, { sessionId: sid, status: "awaiting_approval", phase: "human_gate" }),
      ev("session", 4, { sessionId: sid, status: "failed", phase: "qa" }),
    ];
    const forward = updates("s-forward");
    const backward = updates("s-backward").reverse();
    for (const e of forward) await ingestEvents(t.db, projectId, [e]);
    for (const e of backward) await ingestEvents(t.db, projectId, [e]);
    const a = await t.db.session.findFirstOrThrow({ where: { externalId: "s-forward" } });
    const b = await t.db.session.findFirstOrThrow({ where: { externalId: "s-backward" } });
    for (const s of [a, b]) {
      expect(s).toMatchObject({ status: "failed", phase: "qa" });
      expect((s.phaseHistory as { phase: string }[]).map((p) => p.phase)).toEqual(["pm", "arch", "human_gate", "qa"]);
      expect(s.startedAt.toISOString()).toBe(at(1));
      expect(s.updatedAt.toISOString()).toBe(at(4));
    }
  });

  it("counts tokens once when an LLM call is updated, and keeps cost sources apart", async () => {
    await ingestEvents(t.db, projectId, [
      ev("llm_call", 1, {
        callId: "c-stream",
        sessionId: "s-usage",
        model: "gpt-4o",
        inputTokens: 100,
        outputTokens: 0,
        status: "streaming",
      }),
    ]);
    await ingestEvents(t.db, projectId, [
      ev("llm_call", 2, {
        callId: "c-stream",
        sessionId: "s-usage",
        model: "gpt-4o",
        inputTokens: 1_000_000,
        outputTokens: 1_000_000,
        status: "completed",
      }),
      ev("llm_call", 3, {
        callId: "c-reported",
        sessionId: "s-usage",
        model: "gpt-4o",
        inputTokens: 10,
        outputTokens: 10,
        costUsd: 0.25,
      }),
      ev("llm_call", 4, {
        callId: "c-unknown",
        sessionId: "s-usage",
        model: "mystery-model",
        inputTokens: 7,
        outputTokens: 3,
      }),
      ev("llm_call", 5, {
        callId: "c-est",
        sessionId: "s-usage",
        agentType: "developer",
        totalTokens: 15_000,
        estimated: true,
      }),
    ]);
    const s = await t.db.session.findFirstOrThrow({ where: { externalId: "s-usage" } });
    expect(s.totalTokens).toBe(2_000_000 + 20 + 10 + 15_000);
    expect(s.costUsd).toBeCloseTo(2.5 + 10 + 0.25, 9);
    const calls = await t.db.llmCall.findMany({ where: { sessionId: s.id }, orderBy: { externalId: "asc" } });
    expect(calls.map((c) => [c.externalId, c.costSource, c.costUsd])).toEqual([
      ["c-est", "unknown", null],
      ["c-reported", "reported", 0.25],
      ["c-stream", "computed", 12.5],
      ["c-unknown", "unknown", null],
    ]);
    expect(calls.find((c) => c.externalId === "c-est")).toMatchObject({ estimated: true, totalTokens: 15_000 });
  });

  it("keeps large texts up to the cap with a visible marker", async () => {
    const big = "x".repeat(LIMITS.textCap + 10);
    await ingestEvents(t.db, projectId, [
      ev("llm_call", 1, { callId: "c-big", sessionId: "s-big", prompt: big, response: "short" }),
    ]);
    const content = await t.db.llmCallContent.findFirstOrThrow({ where: { llmCall: { externalId: "c-big" } } });
    expect(content.truncated).toBe(true);
    expect(content.prompt?.startsWith("x".repeat(LIMITS.textCap))).toBe(true);
    expect(content.prompt).toContain("truncated by Agent Observatory: 10 more characters");
    expect(content.response).toBe("short");
  });

  it("keeps unknown fields in metadata", async () => {
    await ingestEvents(t.db, projectId, [
      ev("session", 1, { sessionId: "s-meta", metadata: { a: 1 }, custom_field: "kept", project: "orig" } as never),
    ]);
    const s = await t.db.session.findFirstOrThrow({ where: { externalId: "s-meta" } });
    expect(s.metadata).toEqual({ a: 1, custom_field: "kept", project: "orig" });
  });

  it("takes a task's created and closed times from the source, and clears closedAt when it reopens", async () => {
    const created = "2026-01-02T03:04:05.000Z";
    const closed = "2026-01-05T06:07:08.000Z";
    await ingestEvents(t.db, projectId, [
      ev("task", 100, {
        taskId: "t-times",
        sessionId: "s-times",
        name: "Times",
        status: "closed",
        createdAt: created,
        closedAt: closed,
      }),
    ]);
    const first = await t.db.task.findFirstOrThrow({ where: { projectId, externalId: "t-times" } });
    expect([first.createdAt.toISOString(), first.closedAt?.toISOString()]).toEqual([created, closed]);
    // reopened later: closedAt null clears it, createdAt stays the source's
    await ingestEvents(t.db, projectId, [
      ev("task", 200, {
        taskId: "t-times",
        sessionId: "s-times",
        name: "Times",
        status: "open",
        createdAt: created,
        closedAt: null,
      }),
    ]);
    const reopened = await t.db.task.findFirstOrThrow({ where: { projectId, externalId: "t-times" } });
    expect([reopened.status, reopened.createdAt.toISOString(), reopened.closedAt]).toEqual(["pending", created, null]);
    // without the fields: the event's time, as before
    await ingestEvents(t.db, projectId, [
      ev("task", 300, { taskId: "t-plain", sessionId: "s-times", name: "Plain", status: "done" }),
    ]);
    const plain = await t.db.task.findFirstOrThrow({ where: { projectId, externalId: "t-plain" } });
    expect([plain.createdAt.toISOString(), plain.closedAt?.toISOString()]).toEqual([at(300), at(300)]);
  });

  it("redacts secrets in stored text and counts them in metadata.redactions", async () => {
    const key = `sk-proj-${"a1B2".repeat(12)}`;
    const results = await ingestEvents(t.db, projectId, [
      ev("llm_call", 1, { callId: "c-secret", sessionId: "s-secret", prompt: `call with ${key}`, response: "ok" }),
      ev("log", 2, {
        sessionId: "s-secret",
        message: "connecting to postgresql://app:hunter2@db/prod",
        details: { header: `Bearer ${"t0ken".repeat(5)}` },
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual([201, 201]);
    const call = await t.db.llmCall.findFirstOrThrow({
      where: { projectId, externalId: "c-secret" },
      include: { content: true },
    });
    expect(call.content?.prompt).toBe("call with [redacted:openai_key]");
    expect(call.metadata).toMatchObject({ redactions: 1 });
    const log = await t.db.event.findFirstOrThrow({ where: { projectId, session: { externalId: "s-secret" } } });
    expect(log.message).toBe("connecting to postgresql://app:[redacted:url_password]@db/prod");
    expect(JSON.stringify(log.details)).not.toContain("t0ken");
    expect(log.metadata).toMatchObject({ redactions: 2 });
  });

  it("never mixes projects", async () => {
    const other = (await ensureProject(t.db, "p2")).id;
    await ingestEvents(t.db, other, [ev("session", 1, { sessionId: "s-all", title: "Other project's s-all" })]);
    const mine = await t.db.session.findFirstOrThrow({ where: { projectId, externalId: "s-all" } });
    const theirs = await t.db.session.findFirstOrThrow({ where: { projectId: other, externalId: "s-all" } });
    expect(mine.title).toBe("All types");
    expect(theirs.title).toBe("Other project's s-all");
    expect(mine.id).not.toBe(theirs.id);
  });

  it("lets concurrent callers share transactions, storing an id sent by several callers once", async () => {
    const transactions = vi.spyOn(t.db, "$transaction");
    try {
      // 20 callers of 10 logs; each shares 5 ids with the next
      const calls = Array.from({ length: 20 }, (_, c) =>
        Array.from({ length: 10 }, (_, k) =>
          ev("log", c * 5 + k, { sessionId: "s-shared", message: `line ${c * 5 + k}` }, `shared-${c * 5 + k}`),
        ),
      );
      const results = await Promise.all(calls.map((events) => ingestEvents(t.db, projectId, events)));
      const created = results
        .flat()
        .filter((r) => r.status === 201)
        .map((r) => r.id);
      expect(results.flat().every((r) => r.status === 201 || r.status === 200)).toBe(true);
      expect(new Set(created).size).toBe(created.length);
      expect(created.length).toBe(105);
      expect(await t.db.event.count({ where: { projectId, externalId: { startsWith: "shared-" } } })).toBe(105);
      // coalesced: far fewer transactions than callers
      expect(transactions.mock.calls.length).toBeLessThan(10);
      const session = await t.db.session.findFirstOrThrow({ where: { projectId, externalId: "s-shared" } });
      expect(session.updatedAt.toISOString()).toBe(at(104));
    } finally {
      transactions.mockRestore();
    }
  });

  it("keeps one caller's storage failure its own when callers shared a transaction", async () => {
    const sqlite = kind === "sqlite";
    const create = sqlite
      ? [
          `CREATE TRIGGER poison BEFORE INSERT ON "Event" WHEN NEW."message" = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END`,
        ]
      : [
          `CREATE FUNCTION poison() RETURNS trigger AS $$ BEGIN IF NEW."message" = 'poison' THEN RAISE EXCEPTION 'poisoned'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
          `CREATE TRIGGER poison BEFORE INSERT ON "Event" FOR EACH ROW EXECUTE FUNCTION poison()`,
        ];
    for (const sql of create) await t.db.$executeRawUnsafe(sql);
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const [a, b, c] = await Promise.all([
        ingestEvents(t.db, projectId, [
          ev("log", 1, { sessionId: "s-poison", message: "fine a" }, "pa-1"),
          ev("log", 2, { sessionId: "s-poison", message: "poison" }, "pa-2"),
        ]),
        ingestEvents(t.db, projectId, [ev("log", 3, { sessionId: "s-poison", message: "fine b" }, "pb-1")]),
        ingestEvents(t.db, projectId, [ev("log", 4, { sessionId: "s-poison", message: "fine c" }, "pc-1")]),
      ]);
      expect(a!.map((r) => r.status)).toEqual([201, 500]);
      expect(a![1]!.error?.code).toBe("storage_error");
      expect(b!.map((r) => r.status)).toEqual([201]);
      expect(c!.map((r) => r.status)).toEqual([201]);
      const stored = await t.db.event.findMany({
        where: { projectId, session: { externalId: "s-poison" } },
        select: { externalId: true },
      });
      expect(stored.map((e) => e.externalId).sort()).toEqual(["pa-1", "pb-1", "pc-1"]);
    } finally {
      quiet.mockRestore();
      await t.db.$executeRawUnsafe(`DROP TRIGGER poison${sqlite ? "" : ` ON "Event"`}`);
      if (!sqlite) await t.db.$executeRawUnsafe(`DROP FUNCTION poison()`);
    }
  });

  it("answers 201 to the same event id sent to two projects in one transaction", async () => {
    const other = (await ensureProject(t.db, "p3")).id;
    const event = ev("log", 1, { sessionId: "s-twin", message: "same id" }, "twin-1");
    const [mine, theirs] = await Promise.all([
      ingestEvents(t.db, projectId, [event]),
      ingestEvents(t.db, other, [event]),
      ingestEvents(t.db, projectId, [ev("log", 2, { message: "x" })]),
    ]);
    expect(mine![0]!.status).toBe(201);
    expect(theirs![0]!.status).toBe(201);
  });
});
