import { describe, expect, it } from "vitest";
import { parseEvent, type IngestEventInput } from "@/lib/ingest/schemas";
import { mapSpans, NO_STORED_STATE, otlpId, storedRunCandidates, type StoredTraceState } from "./map-spans";
import type { Attributes, OtlpSpan } from "./model";
import { INFERENCE_DETAILS_EVENT } from "./semconv";

const TRACE = "0af7651916cd43dd8448eb211c80319c";
const OTHER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const T0 = 1_780_000_000_000_000_000n; // 2026-05-28T20:26:40Z, in nanoseconds
const ms = (n: number) => BigInt(n) * 1_000_000n;

let nextIndex = 0;
function span(spanId: string, attributes: Attributes = {}, opts: Partial<OtlpSpan> = {}): OtlpSpan {
  return {
    index: nextIndex++,
    traceId: TRACE,
    spanId,
    name: `span ${spanId}`,
    kind: 1,
    startTimeUnixNano: T0,
    endTimeUnixNano: T0 + ms(1000),
    attributes,
    events: [],
    status: { code: 0 },
    resource: { "service.name": "support-bot" },
    scope: { name: "test-scope" },
    ...opts,
  };
}
const sid = (n: number) => n.toString(16).padStart(16, "0");
const id = (spanId: string, trace = TRACE) => otlpId(trace, spanId);

function ofType<K extends IngestEventInput["type"]>(events: readonly IngestEventInput[], type: K) {
  return events.filter((e): e is Extract<IngestEventInput, { type: K }> => e.type === type);
}
const bodies = <K extends IngestEventInput["type"]>(events: readonly IngestEventInput[], type: K) =>
  ofType(events, type).map((e) => e.body);

function stored(runs: Record<string, string>, withUsage: string[] = []): StoredTraceState {
  return {
    runs: new Map(Object.entries(runs).map(([runId, sessionId]) => [runId, { sessionId }])),
    runsWithUsage: new Set(withUsage),
  };
}

const agent = (name: string, extra: Attributes = {}): Attributes => ({
  "gen_ai.operation.name": "invoke_agent",
  "gen_ai.agent.name": name,
  ...extra,
});
const chat = (extra: Attributes = {}): Attributes => ({
  "gen_ai.operation.name": "chat",
  "gen_ai.request.model": "gpt-4o-mini",
  "gen_ai.provider.name": "openai",
  ...extra,
});

describe("mapSpans", () => {
  it("maps an agent with a chat call and a tool call to a run, an LLM call and a tool event on that run", () => {
    const root = span(
      sid(1),
      agent("triage", {
        "gen_ai.agent.id": "agent-7",
        "gen_ai.conversation.id": "conv-1",
        "gen_ai.agent.description": "Routes requests",
      }),
    );
    const call = span(
      sid(2),
      chat({
        "gen_ai.usage.input_tokens": 1200,
        "gen_ai.usage.output_tokens": 300,
        "gen_ai.usage.cache_read.input_tokens": 1000,
        "gen_ai.usage.reasoning.output_tokens": 100,
      }),
      {
        parentSpanId: sid(1),
        startTimeUnixNano: T0 + ms(100),
        endTimeUnixNano: T0 + ms(600),
      },
    );
    const tool = span(
      sid(3),
      {
        "gen_ai.operation.name": "execute_tool",
        "gen_ai.tool.name": "lookup_order",
        "gen_ai.tool.call.id": "call_1",
        "gen_ai.tool.call.arguments": '{"id":42}',
        "gen_ai.tool.call.result": "shipped",
      },
      { parentSpanId: sid(1) },
    );
    const { events, rejected } = mapSpans([call, tool, root]);
    expect(rejected).toEqual([]);
    for (const e of events) expect(parseEvent(e)).toMatchObject({ ok: true });

    expect(bodies(events, "session")).toEqual([
      expect.objectContaining({
        sessionId: "conv-1",
        status: "completed",
        startedAt: "2026-05-28T20:26:40.000Z",
        metadata: { service: "support-bot", resource: { "service.name": "support-bot" } },
      }),
    ]);
    expect(bodies(events, "agent")).toEqual([
      expect.objectContaining({
        agentId: "agent-7",
        name: "triage",
        metadata: { description: "Routes requests", service: "support-bot" },
      }),
    ]);
    const [run] = bodies(events, "run");
    expect(ofType(events, "run")).toHaveLength(1);
    expect(run).toMatchObject({
      runId: id(sid(1)),
      sessionId: "conv-1",
      agentType: "triage",
      agentId: "agent-7",
      status: "completed",
      stepName: `span ${sid(1)}`,
    });
    expect(run?.parentRunId).toBeUndefined();
    expect(bodies(events, "llm_call")).toEqual([
      expect.objectContaining({
        callId: id(sid(2)),
        sessionId: "conv-1",
        runId: id(sid(1)),
        agentType: "triage",
        agentId: "agent-7",
        model: "gpt-4o-mini",
        provider: "openai",
        promptType: "chat",
        inputTokens: 1200,
        outputTokens: 300,
        cacheReadTokens: 1000,
        reasoningTokens: 100,
        latencyMs: 500,
        status: "completed",
      }),
    ]);
    expect(bodies(events, "log")).toEqual([
      expect.objectContaining({
        sessionId: "conv-1",
        runId: id(sid(1)),
        kind: "tool_call",
        level: "info",
        message: "lookup_order",
        details: expect.objectContaining({
          tool: "lookup_order",
          toolCallId: "call_1",
          arguments: '{"id":42}',
          result: "shipped",
          status: "completed",
        }),
      }),
    ]);
    // session first, then agents, then runs (parents first), then calls and logs
    expect(events.map((e) => e.type)).toEqual(["session", "agent", "run", "llm_call", "log"]);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it("reads the older and the OpenInference names of model, provider and tokens", () => {
    const older = span(sid(1), {
      "gen_ai.operation.name": "text_completion",
      "gen_ai.response.model": "gpt-4o-2024-08-06",
      "gen_ai.system": "openai",
      "gen_ai.usage.prompt_tokens": "70",
      "gen_ai.usage.completion_tokens": 30,
    });
    const openInference = span(sid(2), {
      "openinference.span.kind": "LLM",
      "llm.model_name": "claude-sonnet-4",
      "llm.provider": "anthropic",
      "llm.token_count.prompt": 500,
      "llm.token_count.completion": 50,
      "llm.token_count.prompt_details.cache_read": 400,
      "gen_ai.usage.cost": 0.0123,
    });
    const embeddings = span(sid(3), {
      "gen_ai.operation.name": "embeddings",
      "gen_ai.request.model": "text-embedding-3-small",
      "gen_ai.usage.input_tokens": 8,
    });
    const calls = bodies(mapSpans([older, openInference, embeddings]).events, "llm_call");
    expect(
      calls.map((c) => [
        c.model,
        c.provider,
        c.promptType,
        c.inputTokens,
        c.outputTokens,
        c.cacheReadTokens,
        c.costUsd,
      ]),
    ).toEqual([
      ["gpt-4o-2024-08-06", "openai", "text_completion", 70, 30, undefined, undefined],
      ["claude-sonnet-4", "anthropic", "chat", 500, 50, 400, 0.0123],
      ["text-embedding-3-small", undefined, "embeddings", 8, undefined, undefined, undefined],
    ]);
  });

  it("stores the response model (the snapshot billed) with the request model beside it, and ignores token counts that are not counts", () => {
    const s = span(
      sid(1),
      chat({
        "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
        "gen_ai.usage.input_tokens": -5,
        "gen_ai.usage.output_tokens": 1.5,
        "gen_ai.usage.cost": "NaN",
      }),
    );
    const [call] = bodies(mapSpans([s]).events, "llm_call");
    expect(call).toMatchObject({
      model: "gpt-4o-mini-2024-07-18",
      metadata: expect.objectContaining({ requestModel: "gpt-4o-mini" }),
    });
    expect([call?.inputTokens, call?.outputTokens, call?.costUsd]).toEqual([undefined, undefined, undefined]);
  });

  describe("sessions", () => {
    it("takes gen_ai.conversation.id, else session.id, else the trace id", () => {
      const a = span(sid(1), chat({ "gen_ai.conversation.id": "conv-a", "session.id": "ignored" }));
      const b = span(sid(2), chat({ "session.id": "sess-b" }), { traceId: OTHER_TRACE });
      const c = span(sid(3), chat(), { traceId: "11111111111111111111111111111111" });
      expect(bodies(mapSpans([a, b, c]).events, "llm_call").map((x) => x.sessionId)).toEqual([
        "conv-a",
        "sess-b",
        "11111111111111111111111111111111",
      ]);
    });

    it("lets a span without one inherit from its ancestors, then from its trace, then from stored runs", () => {
      const root = span(sid(1), { "http.route": "/chat" });
      const agentSpan = span(sid(2), agent("a", { "gen_ai.conversation.id": "conv-9" }), { parentSpanId: sid(1) });
      const call = span(sid(3), chat(), { parentSpanId: sid(2) });
      const { events } = mapSpans([root, agentSpan, call]);
      const sessions = events
        .filter((e) => e.type !== "agent")
        .map((e) => (e.body as { sessionId?: string }).sessionId);
      expect(new Set(sessions)).toEqual(new Set(["conv-9"]));

      // the root arrives alone later: its run was stored by the agent's reference, in conv-9
      const later = mapSpans([span(sid(1), { "http.route": "/chat" })], stored({ [id(sid(1))]: "conv-9" }));
      expect(bodies(later.events, "run")).toEqual([
        expect.objectContaining({ runId: id(sid(1)), sessionId: "conv-9" }),
      ]);
      expect(bodies(later.events, "session").map((s) => s.sessionId)).toEqual(["conv-9"]);
    });

    it("marks the session completed or failed when its trace's root span ends", () => {
      const ok = mapSpans([span(sid(1), agent("a"))]);
      expect(bodies(ok.events, "session")[0]).toMatchObject({
        sessionId: TRACE,
        status: "completed",
        endedAt: "2026-05-28T20:26:41.000Z",
      });
      const failed = mapSpans([span(sid(1), agent("a"), { status: { code: 2, message: "boom" } })]);
      expect(bodies(failed.events, "session")[0]).toMatchObject({ status: "failed" });
      const childOnly = mapSpans([span(sid(2), chat(), { parentSpanId: sid(1) })]);
      expect(bodies(childOnly.events, "session")[0]?.status).toBeUndefined();
    });
  });

  describe("runs", () => {
    it("keeps the parent/child structure of nested agents, in this export or across exports", () => {
      const parent = span(sid(1), agent("planner"));
      const child = span(sid(2), agent("coder"), { parentSpanId: sid(1) });
      const runs = bodies(mapSpans([child, parent]).events, "run");
      expect(runs.map((r) => [r.runId, r.parentRunId, r.agentType])).toEqual([
        [id(sid(1)), undefined, "planner"],
        [id(sid(2)), id(sid(1)), "coder"],
      ]);
      // the child exported alone still names its parent's run (a placeholder until it arrives)
      expect(
        bodies(mapSpans([span(sid(2), agent("coder"), { parentSpanId: sid(1) })]).events, "run")[0]?.parentRunId,
      ).toBe(id(sid(1)));
    });

    it("makes every span above GenAI work a run, and an ordinary span a run once a stored child refers to it", () => {
      const http = span(sid(1), { "http.route": "/chat" }, { name: "POST /chat" });
      const call = span(sid(2), chat({ "gen_ai.usage.input_tokens": 10 }), { parentSpanId: sid(1) });
      const { events } = mapSpans([http, call]);
      expect(bodies(events, "run")).toEqual([
        expect.objectContaining({ runId: id(sid(1)), agentType: "support-bot", stepName: "POST /chat" }),
      ]);
      expect(bodies(events, "llm_call")[0]?.runId).toBe(id(sid(1)));
      expect(bodies(events, "log")).toEqual([]);

      const alone = mapSpans([span(sid(1), { "http.route": "/chat" }, { name: "POST /chat" })]);
      expect(ofType(alone.events, "run")).toEqual([]);
      expect(bodies(alone.events, "log")).toEqual([expect.objectContaining({ kind: "span", message: "POST /chat" })]);
      const promoted = mapSpans(
        [span(sid(1), { "http.route": "/chat" }, { name: "POST /chat" })],
        stored({ [id(sid(1))]: TRACE }),
      );
      expect(bodies(promoted.events, "run").map((r) => r.runId)).toEqual([id(sid(1))]);
    });

    it("maps span status and error.type to the run's status and error", () => {
      const failed = span(sid(1), agent("a", { "error.type": "TimeoutError" }), {
        status: { code: 2, message: "deadline exceeded" },
      });
      const typed = span(sid(2), agent("b", { "error.type": "RateLimitError" }), { traceId: OTHER_TRACE });
      const exception = span(sid(3), agent("c"), {
        traceId: "22222222222222222222222222222222",
        status: { code: 2 },
        events: [
          {
            name: "exception",
            timeUnixNano: T0,
            attributes: { "exception.type": "ValueError", "exception.message": "bad input" },
          },
        ],
      });
      const ok = span(sid(4), agent("d"), { traceId: "33333333333333333333333333333333", status: { code: 1 } });
      const runs = bodies(mapSpans([failed, typed, exception, ok]).events, "run");
      expect(runs.map((r) => [r.status, r.error])).toEqual([
        ["failed", "TimeoutError: deadline exceeded"],
        ["failed", "RateLimitError"],
        ["failed", "bad input"],
        ["completed", undefined],
      ]);
    });

    it("treats a span naming gen_ai.agent.name or .id as an agent run, and create_agent too", () => {
      const named = span(sid(1), { "gen_ai.agent.name": "writer" });
      const created = span(
        sid(2),
        { "gen_ai.operation.name": "create_agent", "gen_ai.agent.id": "asst_1" },
        { traceId: OTHER_TRACE },
      );
      const runs = bodies(mapSpans([named, created]).events, "run");
      expect(runs.map((r) => [r.agentType, r.agentId])).toEqual([
        ["writer", "writer"],
        ["support-bot", "asst_1"],
      ]);
    });
  });

  describe("no double counting", () => {
    const usage = (input: number, output: number): Attributes => ({
      "gen_ai.usage.input_tokens": input,
      "gen_ai.usage.output_tokens": output,
    });

    it("does not count an invoke_agent span's usage when its child LLM spans carry their own", () => {
      const root = span(sid(1), agent("a", usage(3000, 300)));
      const c1 = span(sid(2), chat(usage(1000, 100)), { parentSpanId: sid(1) });
      const c2 = span(sid(3), chat(usage(2000, 200)), { parentSpanId: sid(1) });
      const { events } = mapSpans([c1, c2, root]);
      const calls = bodies(events, "llm_call");
      expect(calls.map((c) => [c.callId, c.inputTokens, c.outputTokens])).toEqual([
        [id(sid(2)), 1000, 100],
        [id(sid(3)), 2000, 200],
      ]);
      const [run] = bodies(events, "run");
      expect(run).toMatchObject({
        reportedTokens: 3300,
        metadata: expect.objectContaining({ uncountedUsage: { inputTokens: 3000, outputTokens: 300 } }),
      });
    });

    it("counts an aggregate span's usage when nothing below it carries usage (a remote agent)", () => {
      const remote = span(
        sid(1),
        agent("bedrock-agent", {
          ...usage(400, 40),
          "gen_ai.request.model": "claude-3-haiku",
          "gen_ai.provider.name": "aws.bedrock",
        }),
      );
      const toolChild = span(
        sid(2),
        { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "search" },
        { parentSpanId: sid(1) },
      );
      const { events } = mapSpans([remote, toolChild]);
      expect(bodies(events, "llm_call")).toEqual([
        expect.objectContaining({
          callId: id(sid(1)),
          runId: id(sid(1)),
          promptType: "invoke_agent",
          inputTokens: 400,
          outputTokens: 40,
          model: "claude-3-haiku",
          metadata: expect.objectContaining({ aggregate: true }),
        }),
      ]);
      expect(bodies(events, "run")[0]?.metadata).not.toHaveProperty("uncountedUsage");
    });

    it("does not count it when usage below it was stored by an earlier export", () => {
      const root = span(sid(1), agent("a", usage(3000, 300)));
      const { events } = mapSpans([root], { ...stored({ [id(sid(1))]: TRACE }), runsWithUsage: new Set([id(sid(1))]) });
      expect(ofType(events, "llm_call")).toEqual([]);
      expect(bodies(events, "run")[0]?.reportedTokens).toBe(3300);
    });

    it("handles invoke_workflow aggregates and nested agents: only the leaf LLM calls count", () => {
      const workflow = span(sid(1), {
        "gen_ai.operation.name": "invoke_workflow",
        "gen_ai.workflow.name": "support",
        ...usage(600, 60),
      });
      const a = span(sid(2), agent("a", usage(600, 60)), { parentSpanId: sid(1) });
      const call = span(sid(3), chat(usage(600, 60)), { parentSpanId: sid(2) });
      const { events } = mapSpans([workflow, a, call]);
      expect(bodies(events, "llm_call").map((c) => c.callId)).toEqual([id(sid(3))]);
      expect(bodies(events, "run").map((r) => [r.runId, r.agentType, r.parentRunId, r.reportedTokens])).toEqual([
        [id(sid(1)), "support", undefined, 660],
        [id(sid(2)), "a", id(sid(1)), 660],
      ]);
    });

    it("treats a model-call span wrapping other model calls as a run, counting only the inner calls", () => {
      const outer = span(sid(1), chat(usage(50, 5)), { name: "ChatOpenAI" });
      const inner = span(sid(2), chat(usage(50, 5)), { parentSpanId: sid(1), name: "openai.chat" });
      const { events } = mapSpans([outer, inner]);
      expect(bodies(events, "llm_call").map((c) => [c.callId, c.runId])).toEqual([[id(sid(2)), id(sid(1))]]);
      expect(bodies(events, "run").map((r) => r.runId)).toEqual([id(sid(1))]);
    });
  });

  describe("other spans and content", () => {
    it("maps other spans to span events on the nearest run, with their attributes in details", () => {
      const root = span(sid(1), agent("a"));
      const db = span(
        sid(2),
        { "db.system": "postgresql", "db.statement": "select 1" },
        { parentSpanId: sid(1), name: "SELECT", kind: 3, status: { code: 2, message: "timeout" } },
      );
      const nested = span(sid(3), { "http.method": "GET" }, { parentSpanId: sid(2), name: "GET" });
      const orphan = span(sid(4), {}, { parentSpanId: sid(9), name: "orphan" });
      const { events } = mapSpans([root, db, nested, orphan], stored({ [id(sid(9))]: TRACE }));
      const logs = bodies(events, "log");
      // parents before children, then in request order
      expect(logs.map((l) => [l.message, l.runId, l.level, l.kind])).toEqual([
        ["orphan", id(sid(9)), "debug", "span"],
        ["SELECT failed: timeout", id(sid(1)), "error", "span"],
        ["GET", id(sid(1)), "debug", "span"],
      ]);
      expect(logs[1]).toMatchObject({
        component: "test-scope",
        details: expect.objectContaining({
          durationMs: 1000,
          attributes: { "db.system": "postgresql", "db.statement": "select 1" },
        }),
        metadata: expect.objectContaining({
          otlp: expect.objectContaining({ spanKind: "client", parentSpanId: sid(1) }),
          service: "support-bot",
        }),
      });
      // an ordinary span never invents a run: unknown parents are left out
      const unknownParent = mapSpans([span(sid(5), {}, { parentSpanId: sid(8) })]);
      expect(bodies(unknownParent.events, "log")[0]?.runId).toBeUndefined();
    });

    it("stores gen_ai.input.messages and gen_ai.output.messages as prompt and response, with system instructions in front", () => {
      const messages = [{ role: "user", parts: [{ type: "text", content: "Where is my order?" }] }];
      const output = [{ role: "assistant", parts: [{ type: "text", content: "It shipped." }], finish_reason: "stop" }];
      const structured = span(
        sid(1),
        chat({
          "gen_ai.input.messages": messages,
          "gen_ai.output.messages": JSON.stringify(output),
          "gen_ai.system_instructions": [{ type: "text", content: "Be brief." }],
        }),
      );
      const onEvent = span(sid(2), chat(), {
        traceId: OTHER_TRACE,
        events: [
          {
            name: INFERENCE_DETAILS_EVENT,
            timeUnixNano: T0,
            attributes: { "gen_ai.input.messages": JSON.stringify(messages) },
          },
        ],
      });
      const [a, b] = bodies(mapSpans([structured, onEvent]).events, "llm_call");
      expect(JSON.parse(a?.prompt as string)).toEqual([
        { role: "system", parts: [{ type: "text", content: "Be brief." }] },
        ...messages,
      ]);
      expect(JSON.parse(a?.response as string)).toEqual(output);
      expect(a?.metadata).not.toHaveProperty(["attributes", "gen_ai.input.messages"]);
      expect(JSON.parse(b?.prompt as string)).toEqual(messages);
    });

    it("caps long tool arguments and results like ingest caps texts", () => {
      const big = "x".repeat(300 * 1024);
      const tool = span(sid(1), {
        "gen_ai.operation.name": "execute_tool",
        "gen_ai.tool.name": "write_file",
        "gen_ai.tool.call.arguments": big,
      });
      const [log] = bodies(mapSpans([tool]).events, "log");
      const args = (log?.details as { arguments: string }).arguments;
      expect(args.length).toBeLessThan(big.length);
      expect(args).toContain("[truncated by Agent Observatory");
    });
  });

  describe("robustness", () => {
    it("survives parent cycles, duplicate spans and impossible times; every event is valid ingest input", () => {
      const a = span(sid(1), agent("a"), { parentSpanId: sid(2) });
      const b = span(sid(2), chat(), { parentSpanId: sid(1) });
      const dup = { ...span(sid(2), chat()), index: 99 };
      const future = span(sid(3), {}, { startTimeUnixNano: 10n ** 21n, endTimeUnixNano: 10n ** 21n });
      const { events, rejected } = mapSpans([a, b, dup, future]);
      expect(rejected).toEqual([{ index: future.index, reason: "the span's times are not between 1970 and 9999" }]);
      expect(ofType(events, "llm_call")).toHaveLength(1);
      for (const e of events) expect(parseEvent(e)).toMatchObject({ ok: true });
    });

    it("derives the same events from the same spans (stable ids for retries)", () => {
      const spans = [span(sid(1), agent("a")), span(sid(2), chat(), { parentSpanId: sid(1) })];
      expect(mapSpans(spans)).toEqual(mapSpans(spans));
    });

    it("asks the store about each span's run and its parent's", () => {
      const candidates = storedRunCandidates([
        span(sid(2), {}, { parentSpanId: sid(1) }),
        span(sid(3), {}, { parentSpanId: sid(2) }),
      ]);
      expect(candidates.runIds.sort()).toEqual([id(sid(1)), id(sid(2)), id(sid(3))]);
      expect(candidates.usageRoots.sort()).toEqual([id(sid(2)), id(sid(3))]);
      expect(NO_STORED_STATE.runs.size).toBe(0);
    });
  });
});
