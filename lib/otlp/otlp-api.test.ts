// End to end: spans made by the real OpenTelemetry JS SDK, sent by its OTLP/HTTP exporters
// (JSON and protobuf) to a running HTTP server that calls the route handler.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Tracer } from "@opentelemetry/api";
import { OTLPTraceExporter as JsonTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtobufTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BatchSpanProcessor,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  StackContextManager,
  TracerProvider,
  type ReadableSpan,
  type SpanExporter,
} from "@opentelemetry/sdk-trace";
import protobuf from "protobufjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/otlp/v1/traces/route";
import { apiErrorSchema } from "@/lib/api/errors";
import { createApiKey } from "@/lib/auth/api-keys";
import { ObservatoryClient } from "@/lib/client/observatory-client";
import { overrideDbForTests } from "@/lib/db/client";
import { ensureProject } from "@/lib/projects/projects";
import { BASE_URL, harnessFetch } from "@/test/support/api-harness";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { ensureDefaultPrices } from "@/lib/usage/prices";
import { OTLP_PROTO_FILES } from "./proto/files";
import { OTLP_PROTO_SOURCES } from "./proto/otlp-protos";
import { exportTraceResponseSchema } from "./schemas";

const PATH = "/api/v1/otlp/v1/traces";
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "host"]);

/** A real HTTP server on an ephemeral port that hands each request to the route handler. */
async function startServer(): Promise<{ url: string; received: string[]; close: () => Promise<void> }> {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    received.push(`${req.headers["content-type"] ?? ""} ${req.headers["content-encoding"] ?? "identity"}`);
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (value !== undefined && !HOP_BY_HOP.has(name))
            headers.set(name, Array.isArray(value) ? value.join(", ") : value);
        }
        const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, {
          method: req.method,
          headers,
          body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
        });
        const response =
          req.method === "POST" && req.url === PATH
            ? await POST(request, { params: Promise.resolve({}) })
            : new Response("no route", { status: 404 });
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })().catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${PATH}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function exportOnce(exporter: SpanExporter, spans: ReadableSpan[]): Promise<void> {
  return new Promise((resolve, reject) => {
    exporter.export(spans, (result) =>
      result.code === 0 ? resolve() : reject(result.error ?? new Error(`export failed with code ${result.code}`)),
    );
  });
}

/** Runs `build` with a tracer whose finished spans are collected rather than sent. */
async function recordSpans(service: string, build: (tracer: Tracer) => void): Promise<ReadableSpan[]> {
  const memory = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": service }),
    spanProcessors: [new SimpleSpanProcessor({ exporter: memory })],
  });
  build(provider.getTracer("agent-tests", "1.0.0"));
  await provider.forceFlush();
  const spans = memory.getFinishedSpans();
  await provider.shutdown();
  return spans;
}

/** Starts a span in the active context, runs `body` with it active, and ends it. */
function within(
  tracer: Tracer,
  name: string,
  attributes: Attributes,
  body: () => void = () => {},
  options: { kind?: SpanKind; error?: string } = {},
) {
  const span = tracer.startSpan(name, { attributes, kind: options.kind ?? SpanKind.INTERNAL });
  context.with(trace.setSpan(context.active(), span), body);
  if (options.error) span.setStatus({ code: SpanStatusCode.ERROR, message: options.error });
  span.end();
  return span;
}

function protobufType(name: string): protobuf.Type {
  const root = new protobuf.Root();
  for (const file of OTLP_PROTO_FILES) protobuf.parse(OTLP_PROTO_SOURCES[file]!, root, { keepCase: false });
  return root.resolveAll().lookupType(`opentelemetry.proto.collector.trace.v1.${name}`);
}

// The exporters' CompressionAlgorithm enum lives in a package we do not depend on directly.
const GZIP = "gzip" as NonNullable<ConstructorParameters<typeof ProtobufTraceExporter>[0]>["compression"];

const usage = (input: number, output: number, extra: Attributes = {}): Attributes => ({
  "gen_ai.usage.input_tokens": input,
  "gen_ai.usage.output_tokens": output,
  ...extra,
});

// Parent/child links follow the active context, as in an instrumented application.
beforeAll(() => {
  context.setGlobalContextManager(new StackContextManager().enable());
});
afterAll(() => {
  context.disable();
});

describe.each(databaseKinds())("OTLP trace export on %s", (kind) => {
  let t: TestDatabase;
  let key: string;
  let server: Awaited<ReturnType<typeof startServer>>;
  let client: ObservatoryClient;
  let headers: Record<string, string>;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    await ensureDefaultPrices(t.db);
    const project = await ensureProject(t.db, "otel");
    key = (await createApiKey(t.db, { projectId: project.id, name: "otel" })).key;
    headers = { authorization: `Bearer ${key}` };
    client = new ObservatoryClient({ baseUrl: BASE_URL, apiKey: key, fetch: harnessFetch, sleep: async () => {} });
    server = await startServer();
  });
  afterAll(async () => {
    await server.close();
    overrideDbForTests(undefined);
    await t.drop();
  });

  // Spans made in one test often start in the same millisecond, so order by what differs.
  const runsOf = async (sessionId: string) => {
    const runs = await t.db.run.findMany({
      where: { session: { externalId: sessionId } },
      include: { parent: { select: { externalId: true } }, agent: true },
    });
    const depth = (r: (typeof runs)[number]): number => {
      const parent = runs.find((p) => p.id === r.parentRunId);
      return parent ? depth(parent) + 1 : 0;
    };
    return runs.sort((a, b) => depth(a) - depth(b));
  };
  const callsOf = (sessionId: string) =>
    t.db.llmCall.findMany({
      where: { session: { externalId: sessionId } },
      include: { run: { select: { externalId: true } }, content: true },
      orderBy: { inputTokens: "asc" },
    });

  it("stores an agent, its LLM calls, tool call and other spans sent by the JSON exporter, without double counting", async () => {
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ "service.name": "support-bot", "deployment.environment.name": "test" }),
      spanProcessors: [new BatchSpanProcessor({ exporter: new JsonTraceExporter({ url: server.url, headers }) })],
    });
    const tracer = provider.getTracer("support-agent", "1.0.0");
    const conv = { "gen_ai.conversation.id": "conv-json" };
    const sonnet = {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "anthropic",
      "gen_ai.request.model": "claude-sonnet-4",
      ...conv,
    };
    let agentSpanId = "";
    let traceId = "";
    const root = within(
      tracer,
      "invoke_agent triage",
      {
        "gen_ai.operation.name": "invoke_agent",
        "gen_ai.agent.name": "triage",
        "gen_ai.agent.id": "agent-triage",
        ...conv,
        ...usage(1500, 300),
      },
      () => {
        within(
          tracer,
          "chat claude-sonnet-4",
          {
            ...sonnet,
            ...usage(1000, 200, {
              "gen_ai.usage.cache_read.input_tokens": 600,
              "gen_ai.usage.cache_creation.input_tokens": 100,
              "gen_ai.usage.reasoning.output_tokens": 50,
            }),
            "gen_ai.input.messages": JSON.stringify([
              { role: "user", parts: [{ type: "text", content: "Where is order 42?" }] },
            ]),
            "gen_ai.output.messages": JSON.stringify([
              {
                role: "assistant",
                parts: [{ type: "tool_call", id: "call_42", name: "lookup_order", arguments: { orderId: 42 } }],
              },
            ]),
          },
          undefined,
          { kind: SpanKind.CLIENT },
        );
        within(tracer, "execute_tool lookup_order", {
          "gen_ai.operation.name": "execute_tool",
          "gen_ai.tool.name": "lookup_order",
          "gen_ai.tool.call.id": "call_42",
          "gen_ai.tool.call.arguments": '{"orderId":42}',
          "gen_ai.tool.call.result": '{"status":"shipped"}',
        });
        within(
          tracer,
          "chat claude-sonnet-4",
          { ...sonnet, ...usage(500, 100, { "gen_ai.usage.cost": 0.01 }) },
          undefined,
          { kind: SpanKind.CLIENT },
        );
        within(
          tracer,
          "SELECT orders",
          { "db.system.name": "postgresql", "db.query.text": "select status from orders where id = $1" },
          undefined,
          { kind: SpanKind.CLIENT },
        );
      },
    );
    agentSpanId = root.spanContext().spanId;
    traceId = root.spanContext().traceId;
    await provider.forceFlush();
    await provider.shutdown();
    expect(server.received).toEqual(["application/json identity"]);

    const detail = await client.getSession("conv-json");
    expect(detail).toMatchObject({ source: "otlp", status: "completed", placeholder: false, errorCount: 0 });
    expect(detail.counts).toEqual({
      runs: 1,
      llmCalls: 2,
      logs: 2,
      messages: 0,
      states: 0,
      tasks: 0,
      decisions: 0,
      artifacts: 0,
    });
    // only the two chat calls count; the invoke_agent span's 1500/300 is their aggregate
    expect(detail.usage).toMatchObject({
      inputTokens: 1500,
      outputTokens: 300,
      cacheReadTokens: 600,
      cacheWriteTokens: 100,
      reasoningTokens: 50,
      totalTokens: 1800,
      unknownCostCalls: 0,
    });
    // computed: 300 × $3 + 600 × $0.30 + 100 × $3.75 + 200 × $15 per 1M = 0.004455, plus 0.01 reported
    expect(detail.usage.costUsd).toBeCloseTo(0.014455, 9);
    expect(detail.metadata).toMatchObject({
      service: "support-bot",
      resource: { "service.name": "support-bot", "deployment.environment.name": "test" },
    });

    const [run] = await runsOf("conv-json");
    expect(run).toMatchObject({
      externalId: `otlp:${traceId}:${agentSpanId}`,
      agentType: "triage",
      status: "completed",
      parentRunId: null,
      reportedTokens: 1800,
      placeholder: false,
    });
    expect(run?.agent).toMatchObject({ externalId: "agent-triage", name: "triage" });
    const calls = await callsOf("conv-json");
    expect(
      calls.map((c) => [c.run?.externalId, c.model, c.provider, c.inputTokens, c.outputTokens, c.costSource]),
    ).toEqual([
      [run?.externalId, "claude-sonnet-4", "anthropic", 500, 100, "reported"],
      [run?.externalId, "claude-sonnet-4", "anthropic", 1000, 200, "computed"],
    ]);
    expect(calls[1]?.content?.prompt).toContain("Where is order 42?");
    expect(calls[1]?.content?.response).toContain("lookup_order");

    const tools = await client.listEvents("conv-json", { kind: "tool_call" });
    expect(tools.data).toEqual([
      expect.objectContaining({
        runId: run?.externalId,
        agentType: "triage",
        level: "info",
        message: "lookup_order",
        details: expect.objectContaining({
          tool: "lookup_order",
          toolCallId: "call_42",
          arguments: '{"orderId":42}',
          result: '{"status":"shipped"}',
          status: "completed",
        }),
      }),
    ]);
    const spans = await client.listEvents("conv-json", { kind: "span" });
    expect(spans.data).toEqual([
      expect.objectContaining({
        runId: run?.externalId,
        message: "SELECT orders",
        details: expect.objectContaining({ attributes: expect.objectContaining({ "db.system.name": "postgresql" }) }),
      }),
    ]);
  });

  it("stores nested agents and failures sent by the protobuf exporter with gzip, in the trace's session", async () => {
    let traceId = "";
    const spans = await recordSpans("dev-team", (tracer) => {
      const mini = {
        "gen_ai.operation.name": "chat",
        "gen_ai.system": "openai",
        "gen_ai.request.model": "gpt-4o-mini",
      };
      const planner = within(
        tracer,
        "invoke_agent planner",
        { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "planner" },
        () => {
          within(tracer, "chat gpt-4o-mini", {
            ...mini,
            "gen_ai.usage.prompt_tokens": 100,
            "gen_ai.usage.completion_tokens": 20,
          });
          within(
            tracer,
            "invoke_agent coder",
            { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "coder", "error.type": "ToolError" },
            () => {
              within(tracer, "chat gpt-4o-mini", { ...mini, ...usage(200, 40) });
              within(
                tracer,
                "execute_tool run_tests",
                { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "run_tests", "error.type": "ExitCode" },
                undefined,
                { error: "exit code 1" },
              );
            },
            { error: "tests failed" },
          );
        },
      );
      traceId = planner.spanContext().traceId;
    });
    await exportOnce(new ProtobufTraceExporter({ url: server.url, headers, compression: GZIP }), spans);
    expect(server.received.at(-1)).toBe("application/x-protobuf gzip");

    const detail = await client.getSession(traceId);
    expect(detail).toMatchObject({ source: "otlp", status: "completed", errorCount: 2 });
    expect(detail.counts).toMatchObject({ runs: 2, llmCalls: 2, logs: 1 });
    expect(detail.usage).toMatchObject({ inputTokens: 300, outputTokens: 60, totalTokens: 360 });
    const runs = await runsOf(traceId);
    expect(runs.map((r) => [r.agentType, r.parent?.externalId ?? null, r.status, r.error])).toEqual([
      ["planner", null, "completed", null],
      ["coder", runs[0]?.externalId, "failed", "ToolError: tests failed"],
    ]);
    const calls = await callsOf(traceId);
    expect(calls.map((c) => [c.run?.externalId, c.agentType, c.provider, c.inputTokens, c.outputTokens])).toEqual([
      [runs[0]?.externalId, "planner", "openai", 100, 20],
      [runs[1]?.externalId, "coder", "openai", 200, 40],
    ]);
    const tools = await client.listEvents(traceId, { kind: "tool_call" });
    expect(tools.data).toEqual([
      expect.objectContaining({
        runId: runs[1]?.externalId,
        level: "error",
        message: "run_tests failed: ExitCode: exit code 1",
        details: expect.objectContaining({ tool: "run_tests", status: "failed" }),
      }),
    ]);
  });

  it("links spans exported child-first, one export each, and duplicates nothing when exports are retried", async () => {
    let traceId = "";
    const conv = { "gen_ai.conversation.id": "conv-retry" };
    const spans = await recordSpans("gateway", (tracer) => {
      const root = within(
        tracer,
        "POST /chat",
        { "http.request.method": "POST", "http.route": "/chat" },
        () => {
          within(
            tracer,
            "invoke_agent support",
            { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "support", ...conv, ...usage(700, 70) },
            () => {
              within(tracer, "chat gpt-4o-mini", {
                "gen_ai.operation.name": "chat",
                "gen_ai.request.model": "gpt-4o-mini",
                ...conv,
                ...usage(700, 70),
              });
            },
          );
        },
        { kind: SpanKind.SERVER },
      );
      traceId = root.spanContext().traceId;
    });
    expect(spans.map((s) => s.name)).toEqual(["chat gpt-4o-mini", "invoke_agent support", "POST /chat"]);
    const exporter = new JsonTraceExporter({ url: server.url, headers });
    for (const span of spans) await exportOnce(exporter, [span]); // as a SimpleSpanProcessor sends them

    const snapshot = async () => ({
      detail: await client.getSession("conv-retry"),
      runs: (await runsOf("conv-retry")).map((r) => [
        r.externalId,
        r.agentType,
        r.stepName,
        r.parent?.externalId ?? null,
        r.placeholder,
      ]),
      calls: (await callsOf("conv-retry")).map((c) => [c.externalId, c.run?.externalId, c.inputTokens, c.outputTokens]),
      sessions: await t.db.session.count(),
      events: await t.db.event.count(),
      receipts: await t.db.ingestReceipt.count(),
    });
    const first = await snapshot();
    const [chat, agent, root] = spans.map((s) => `otlp:${traceId}:${s.spanContext().spanId}`);
    expect(first.runs).toEqual([
      [root, "gateway", "POST /chat", null, false],
      [agent, "support", "invoke_agent support", root, false],
    ]);
    expect(first.calls).toEqual([[chat, agent, 700, 70]]);
    expect(first.detail.usage).toMatchObject({ inputTokens: 700, outputTokens: 70 });
    expect(await t.db.session.count({ where: { externalId: traceId } })).toBe(0);

    // the exporter retries a batch it did not get an answer for, and batches may be re-sent whole
    await exportOnce(exporter, spans);
    await exportOnce(new ProtobufTraceExporter({ url: server.url, headers }), [spans[0]!]);
    expect(await snapshot()).toEqual(first);
  });

  describe("malformed and partial requests", () => {
    const post = (body: BodyInit, contentType: string | null, extra: Record<string, string> = headers) =>
      fetch(server.url, {
        method: "POST",
        body,
        headers: { ...extra, ...(contentType ? { "content-type": contentType } : {}) },
      });
    const validSpan = (spanId: string, traceId = "5b8efff798038103d269b633813fc60c") => ({
      traceId,
      spanId,
      name: "chat",
      startTimeUnixNano: "1780000000000000000",
      endTimeUnixNano: "1780000001000000000",
      attributes: [
        { key: "gen_ai.operation.name", value: { stringValue: "chat" } },
        { key: "gen_ai.conversation.id", value: { stringValue: "conv-partial" } },
        { key: "gen_ai.usage.input_tokens", value: { intValue: "5" } },
      ],
    });
    const request = (spans: unknown[]) => ({
      resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ spans }] }],
    });

    it("answers 400 to bad JSON and truncated protobuf, and 415 to other content types", async () => {
      const badJson = await post("{not json", "application/json");
      expect(badJson.status).toBe(400);
      expect(apiErrorSchema.parse(await badJson.json()).error).toMatchObject({ code: "invalid_json" });

      const Request = protobufType("ExportTraceServiceRequest");
      const bytes = Request.encode(
        Request.fromObject({
          ...request([validSpan("00000000000000a1")]),
          resourceSpans: [
            {
              scopeSpans: [
                {
                  spans: [
                    {
                      ...validSpan("00000000000000a1"),
                      traceId: Buffer.from("5b8efff798038103d269b633813fc60c", "hex"),
                      spanId: Buffer.from("00000000000000a1", "hex"),
                    },
                  ],
                },
              ],
            },
          ],
        }),
      ).finish();
      const truncated = await post(new Uint8Array(bytes.subarray(0, bytes.length - 4)), "application/x-protobuf");
      expect(truncated.status).toBe(400);
      expect(apiErrorSchema.parse(await truncated.json()).error.message).toMatch(
        /not a valid OTLP ExportTraceServiceRequest/,
      );

      for (const type of ["text/plain", null]) {
        const res = await post(JSON.stringify(request([])), type);
        expect(res.status).toBe(415);
        expect(apiErrorSchema.parse(await res.json()).error.message).toMatch(
          /application\/json or application\/x-protobuf/,
        );
      }
      expect(await t.db.llmCall.count({ where: { externalId: { contains: "00000000000000a1" } } })).toBe(0);
    });

    it("needs a project key (Bearer or x-api-key) and refuses more spans than ingest takes events", async () => {
      expect((await post(JSON.stringify(request([])), "application/json", {})).status).toBe(401);
      const viaHeader = await post(JSON.stringify(request([])), "application/json", { "x-api-key": key });
      expect([viaHeader.status, exportTraceResponseSchema.parse(await viaHeader.json())]).toEqual([200, {}]);
      const many = Array.from({ length: 1001 }, (_, i) => validSpan((i + 1).toString(16).padStart(16, "0")));
      const tooMany = await post(JSON.stringify(request(many)), "application/json");
      expect(tooMany.status).toBe(413);
    });

    it("stores the good spans and reports the rejected ones in partialSuccess, in both encodings", async () => {
      const res = await post(
        JSON.stringify(request([validSpan("00000000000000b1"), { ...validSpan("00000000000000b2"), traceId: "xyz" }])),
        "application/json",
      );
      expect(res.status).toBe(200);
      expect(exportTraceResponseSchema.parse(await res.json())).toEqual({
        partialSuccess: {
          rejectedSpans: "1",
          errorMessage: "1 of 2 spans were rejected: traceId must be a non-zero 16-byte id",
        },
      });
      expect(await t.db.llmCall.count({ where: { session: { externalId: "conv-partial" } } })).toBe(1);

      const Request = protobufType("ExportTraceServiceRequest");
      const Response = protobufType("ExportTraceServiceResponse");
      const span = {
        ...validSpan("00000000000000c1"),
        traceId: Buffer.from("5b8efff798038103d269b633813fc60c", "hex"),
        spanId: Buffer.from("00000000000000c1", "hex"),
      };
      const body = Request.encode(Request.fromObject(request([span, { ...span, spanId: Buffer.alloc(8) }]))).finish();
      const proto = await post(new Uint8Array(body), "application/x-protobuf");
      expect([proto.status, proto.headers.get("content-type")]).toEqual([200, "application/x-protobuf"]);
      const decoded = Response.toObject(Response.decode(new Uint8Array(await proto.arrayBuffer())), { longs: Number });
      expect(decoded).toEqual({
        partialSuccess: {
          rejectedSpans: 1,
          errorMessage: "1 of 2 spans were rejected: spanId must be a non-zero 8-byte id",
        },
      });
    });
  });
});
