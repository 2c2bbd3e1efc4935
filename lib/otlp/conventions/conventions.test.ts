import { describe, expect, it } from "vitest";
import { parseEvent, type IngestEventInput } from "@/lib/ingest/schemas";
import { mapSpans, otlpId, type StoredTraceState } from "../map-spans";
import type { Attributes, OtlpSpan } from "../model";
import { usageOf } from "../semconv";
import { attributeCatalog, CONVENTIONS } from "./conventions";

const TRACE = "0af7651916cd43dd8448eb211c80319c";
const T0 = 1_780_000_000_000_000_000n;
const ms = (n: number) => BigInt(n) * 1_000_000n;
let index = 0;
function span(spanId: string, attributes: Attributes, opts: Partial<OtlpSpan> = {}): OtlpSpan {
  return {
    index: index++,
    traceId: TRACE,
    spanId,
    name: `span ${spanId}`,
    kind: 1,
    startTimeUnixNano: T0,
    endTimeUnixNano: T0 + ms(1000),
    attributes,
    events: [],
    status: { code: 0 },
    resource: { "service.name": "app" },
    scope: {},
    ...opts,
  };
}
const sid = (n: number) => n.toString(16).padStart(16, "0");
const bodies = <K extends IngestEventInput["type"]>(events: readonly IngestEventInput[], type: K) =>
  events.filter((e): e is Extract<IngestEventInput, { type: K }> => e.type === type).map((e) => e.body);

describe("the convention tables", () => {
  it("list every attribute the mapping looks for (the docs are generated from them)", () => {
    const documented = new Set(attributeCatalog().flatMap((c) => c.attributes.map((a) => a.split(" ")[0])));
    const probed = new Set<string>();
    // Attributes objects that record every key the mapping asks for and does not find.
    const probe = (attrs: Attributes): Attributes =>
      new Proxy(attrs, {
        get(target, key) {
          if (typeof key === "string" && !(key in target)) probed.add(key);
          return Reflect.get(target, key) as unknown;
        },
      });
    const kinds: Attributes[] = [
      { "gen_ai.operation.name": "invoke_agent" },
      { "gen_ai.operation.name": "chat" },
      { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "transfer_to_x" },
      { "openinference.span.kind": "CHAIN", metadata: '{"langgraph_node":"span 0000000000000004"}' },
      { "ai.operationId": "ai.generateText", "ai.telemetry.functionId": "f" },
      { "langfuse.observation.type": "generation", "langfuse.observation.usage_details": '{"input":1}' },
      { "traceloop.span.kind": "agent", "traceloop.entity.name": "a" },
      { "openai.agents.span.type": "handoff" },
      {},
    ];
    const spans = kinds.map((a, i) => span(sid(i + 1), probe(a), i > 0 ? { parentSpanId: sid(1) } : {}));
    mapSpans(spans);
    const undocumented = [...probed].filter((k) => !documented.has(k) && k !== "service.name" && k !== "then");
    expect(undocumented).toEqual([]);
    expect(probed.size).toBeGreaterThan(50);
  });

  it("name a source for each convention, in a fixed precedence", () => {
    expect(CONVENTIONS.map((c) => c.name)).toEqual([
      "OpenTelemetry GenAI",
      "OpenInference",
      "Vercel AI SDK",
      "Langfuse",
      "OpenLLMetry (Traceloop)",
      "OpenAI Agents SDK (Observatory processor)",
    ]);
    for (const c of CONVENTIONS) expect(c.source).toMatch(/^https:\/\//);
  });
});

describe("sessions", () => {
  const sessionOf = (attributes: Attributes) =>
    bodies(mapSpans([span(sid(1), { "gen_ai.operation.name": "chat", ...attributes })]).events, "llm_call")[0]
      ?.sessionId;

  it("take the ids users set, in the documented precedence, else the trace id", () => {
    const all: Attributes = {
      "gen_ai.conversation.id": "conv",
      "session.id": "oi",
      "ai.telemetry.metadata.sessionId": "ai",
      "langfuse.session.id": "lf",
      "traceloop.association.properties.session_id": "tl",
      metadata: JSON.stringify({ thread_id: "thread" }),
    };
    const order = [
      "gen_ai.conversation.id",
      "session.id",
      "ai.telemetry.metadata.sessionId",
      "langfuse.session.id",
      "traceloop.association.properties.session_id",
      "metadata",
    ];
    for (let i = 0; i < order.length; i++) {
      const rest = Object.fromEntries(Object.entries(all).filter(([k]) => order.indexOf(k) >= i));
      expect(sessionOf(rest)).toBe(["conv", "oi", "ai", "lf", "tl", "thread"][i]);
    }
    expect(sessionOf({ "ai.telemetry.metadata.session_id": "snake" })).toBe("snake");
    expect(sessionOf({ "ai.telemetry.metadata.conversationId": "c" })).toBe("c");
    expect(sessionOf({ metadata: "not json" })).toBe(TRACE);
  });
});

describe("tokens in every spelling", () => {
  it("reads the AI SDK's input and output details", () => {
    expect(
      usageOf({
        "ai.usage.inputTokens": 1000,
        "ai.usage.inputTokenDetails.cacheReadTokens": 600,
        "ai.usage.inputTokenDetails.cacheWriteTokens": 100,
        "ai.usage.outputTokens": 300,
        "ai.usage.outputTokenDetails.reasoningTokens": 200,
      }),
    ).toEqual({
      inputTokens: 1000,
      outputTokens: 300,
      cacheReadTokens: 600,
      cacheWriteTokens: 100,
      reasoningTokens: 200,
    });
    expect(
      usageOf({ "ai.usage.promptTokens": 10, "ai.usage.completionTokens": 5, "ai.usage.cachedInputTokens": 4 }),
    ).toEqual({
      inputTokens: 10,
      outputTokens: 5,
      cacheReadTokens: 4,
    });
  });

  it("adds Langfuse's disjoint usage types back into input and output, and takes its total cost", () => {
    expect(
      usageOf({
        "langfuse.observation.usage_details": JSON.stringify({
          input: 400,
          input_cached_tokens: 600,
          output: 100,
          output_reasoning_tokens: 200,
        }),
        "langfuse.observation.cost_details": JSON.stringify({ input: 0.001, total: 0.003 }),
      }),
    ).toEqual({ inputTokens: 1000, outputTokens: 300, cacheReadTokens: 600, reasoningTokens: 200, costUsd: 0.003 });
    expect(usageOf({ "langfuse.observation.usage_details": "{broken" })).toBeUndefined();
  });

  it("reads OpenLLMetry's names and OpenInference's details", () => {
    expect(
      usageOf({
        "gen_ai.usage.prompt_tokens": 50,
        "gen_ai.usage.completion_tokens": 20,
        "gen_ai.usage.cache_read_input_tokens": 30,
        "gen_ai.usage.cache_creation_input_tokens": 5,
        "llm.usage.reasoning_tokens": 7,
      }),
    ).toEqual({ inputTokens: 50, outputTokens: 20, cacheReadTokens: 30, cacheWriteTokens: 5, reasoningTokens: 7 });
    expect(
      usageOf({ "llm.token_count.prompt": 9, "llm.token_count.prompt_details.cache_write": 2, "llm.cost.total": 0.5 }),
    ).toEqual({
      inputTokens: 9,
      cacheWriteTokens: 2,
      costUsd: 0.5,
    });
  });
});

describe("agents and delegation", () => {
  it("makes an AI SDK generateText with a functionId an agent, its doGenerate steps its calls, and counts its usage once", () => {
    const events = mapSpans([
      span(sid(1), {
        "ai.operationId": "ai.generateText",
        "ai.telemetry.functionId": "writer",
        "ai.usage.inputTokens": 30,
        "ai.usage.outputTokens": 6,
      }),
      span(
        sid(2),
        {
          "ai.operationId": "ai.generateText.doGenerate",
          "ai.telemetry.functionId": "writer",
          "gen_ai.request.model": "m",
          "ai.response.model": "m-1",
          "gen_ai.usage.input_tokens": 10,
          "gen_ai.usage.output_tokens": 2,
        },
        { parentSpanId: sid(1) },
      ),
      span(
        sid(3),
        {
          "ai.operationId": "ai.generateText.doGenerate",
          "ai.telemetry.functionId": "writer",
          "gen_ai.request.model": "m",
          "gen_ai.usage.input_tokens": 20,
          "gen_ai.usage.output_tokens": 4,
        },
        { parentSpanId: sid(1) },
      ),
      span(sid(4), { "ai.operationId": "ai.generateText" }, { traceId: "4bf92f3577b34da6a3ce929d0e0e4736" }),
    ]).events;
    for (const e of events) expect(parseEvent(e)).toMatchObject({ ok: true });
    expect(bodies(events, "agent").map((a) => a.agentId)).toEqual(["writer"]);
    expect(bodies(events, "llm_call").map((c) => [c.agentType, c.model, c.inputTokens])).toEqual([
      ["writer", "m-1", 10],
      ["writer", "m", 20],
    ]);
    expect(bodies(events, "run").find((r) => r.runId === otlpId(TRACE, sid(1)))).toMatchObject({
      agentType: "writer",
      reportedTokens: 36,
    });
  });

  it("makes a handoff span a message and hangs the next run of the agent handed to under the run that handed off", () => {
    const events = mapSpans([
      span(
        sid(1),
        { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "Triage" },
        { parentSpanId: sid(9) },
      ),
      span(
        sid(2),
        {
          "openai.agents.span.type": "handoff",
          "openai.agents.handoff.from_agent": "Triage",
          "openai.agents.handoff.to_agent": "Billing",
        },
        { parentSpanId: sid(1) },
      ),
      span(
        sid(3),
        { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "Billing" },
        { parentSpanId: sid(9), startTimeUnixNano: T0 + ms(1500), endTimeUnixNano: T0 + ms(2000) },
      ),
    ]).events;
    expect(bodies(events, "message")).toEqual([
      expect.objectContaining({ from: "Triage", to: "Billing", kind: "handoff" }),
    ]);
    const billing = bodies(events, "run").find((r) => r.agentType === "Billing");
    expect(billing?.parentRunId).toBe(otlpId(TRACE, sid(1)));
  });

  it("hands stored runs on to the agent above when a span inside an agent arrives after them, with the delegation message", () => {
    const tool = otlpId(TRACE, sid(2));
    const stored: StoredTraceState = {
      runs: new Map([[tool, { sessionId: "s" }]]),
      runsWithUsage: new Set(),
      childRuns: new Map([
        [
          tool,
          [
            {
              runId: otlpId(TRACE, sid(3)),
              sessionId: "s",
              agentType: "researcher",
              isAgent: true,
              status: "completed",
            },
          ],
        ],
      ]),
    };
    const events = mapSpans(
      [
        span(
          sid(2),
          {
            "ai.operationId": "ai.toolCall",
            "ai.telemetry.functionId": "supervisor",
            "ai.toolCall.name": "research",
            "ai.toolCall.args": '{"q":1}',
          },
          { parentSpanId: sid(1) },
        ),
      ],
      stored,
    ).events;
    expect(bodies(events, "run")).toEqual([
      expect.objectContaining({
        runId: otlpId(TRACE, sid(3)),
        agentType: "researcher",
        parentRunId: otlpId(TRACE, sid(1)),
      }),
    ]);
    expect(bodies(events, "message")).toEqual([
      expect.objectContaining({ from: "supervisor", to: "researcher", kind: "delegation", content: '{"q":1}' }),
    ]);
    expect(bodies(events, "log")).toEqual([
      expect.objectContaining({
        kind: "tool_call",
        agentType: "supervisor",
        component: "research",
        runId: otlpId(TRACE, sid(1)),
      }),
    ]);
  });

  it("treats a LangGraph node running its subgraph as one invocation of the node's agent", () => {
    const meta = (node: string, ns: string) =>
      JSON.stringify({ langgraph_node: node, langgraph_checkpoint_ns: ns, thread_id: "t-1" });
    const events = mapSpans([
      span(sid(1), { "openinference.span.kind": "CHAIN" }, { name: "LangGraph" }),
      span(
        sid(2),
        { "openinference.span.kind": "CHAIN", metadata: meta("research", "research:1") },
        { name: "research", parentSpanId: sid(1) },
      ),
      span(
        sid(3),
        { "openinference.span.kind": "CHAIN", metadata: meta("research", "research:1") },
        { name: "research", parentSpanId: sid(2) },
      ),
      span(
        sid(4),
        { "openinference.span.kind": "CHAIN", metadata: meta("agent", "research:1|agent:2") },
        { name: "agent", parentSpanId: sid(3) },
      ),
      span(
        sid(5),
        {
          "openinference.span.kind": "LLM",
          "llm.model_name": "m",
          "llm.token_count.prompt": 5,
          metadata: meta("agent", "research:1|agent:2"),
        },
        { parentSpanId: sid(4) },
      ),
    ]).events;
    expect(bodies(events, "agent").map((a) => a.agentId)).toEqual(["research"]);
    expect(bodies(events, "llm_call")).toEqual([
      expect.objectContaining({ agentType: "research", runId: otlpId(TRACE, sid(2)), sessionId: "t-1" }),
    ]);
    expect(bodies(events, "run").map((r) => r.agentType)).toEqual(["app", "research"]);
  });

  it("counts a model span wrapping another inside an agent once, by the inner call", () => {
    const events = mapSpans([
      span(sid(1), { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "writer" }),
      span(
        sid(2),
        {
          "openinference.span.kind": "LLM",
          "llm.model_name": "m",
          "llm.token_count.prompt": 10,
          "llm.token_count.completion": 2,
        },
        { parentSpanId: sid(1) },
      ),
      span(
        sid(3),
        {
          "gen_ai.operation.name": "chat",
          "gen_ai.request.model": "m",
          "gen_ai.usage.input_tokens": 10,
          "gen_ai.usage.output_tokens": 2,
        },
        { parentSpanId: sid(2) },
      ),
    ]).events;
    expect(bodies(events, "llm_call").map((c) => [c.callId, c.agentType, c.runId, c.inputTokens])).toEqual([
      [otlpId(TRACE, sid(3)), "writer", otlpId(TRACE, sid(1)), 10],
    ]);
  });

  it("hangs a span whose parent was stored earlier as a tool call under the run that tool call is on", () => {
    const stored: StoredTraceState = {
      runs: new Map(),
      runsWithUsage: new Set(),
      spanRuns: new Map([[otlpId(TRACE, sid(2)), otlpId(TRACE, sid(1))]]),
    };
    const events = mapSpans(
      [
        span(
          sid(3),
          { "ai.operationId": "ai.generateText", "ai.telemetry.functionId": "researcher" },
          { parentSpanId: sid(2) },
        ),
      ],
      stored,
    ).events;
    expect(bodies(events, "run")).toEqual([
      expect.objectContaining({ agentType: "researcher", parentRunId: otlpId(TRACE, sid(1)) }),
    ]);
  });
});
