// A tracing processor for the OpenAI Agents SDK (@openai/agents) that sends its traces to this
// dashboard's OTLP receiver: agent spans become runs named by the agent, handoffs agent→agent
// messages, function spans tool calls and generation/response spans LLM calls. The JS SDK has
// no OpenTelemetry bridge, so the spans are written here as OTLP/JSON with the OpenTelemetry
// GenAI names (and openai.agents.* for what GenAI has no name for), one request per trace.
//
//   import { addTraceProcessor } from "@openai/agents";
//   addTraceProcessor(new ObservatoryAgentsProcessor({ baseUrl: "http://localhost:3000", apiKey }));
//
// With an OpenTelemetry instrumentation of the OpenAI client as well (OpenInference's or the
// official one), add `processor.spanProcessor()` to that tracer provider: it names the agent
// and the session on the instrumentation's model spans, and the processor then leaves the
// model calls' tokens to them, so that they are counted once.
import { createHash } from "node:crypto";
import type { Span as AgentsSpan, SpanData, Trace } from "@openai/agents";

type AnySpan = AgentsSpan<SpanData>;

export type ObservatoryAgentsProcessorOptions = {
  /** the dashboard, e.g. http://localhost:3000 */
  baseUrl: string;
  /** a project key */
  apiKey: string;
  /** service.name of the resource; defaults to "openai-agents" */
  serviceName?: string;
  fetch?: typeof fetch;
  /** a trace that could not be sent; the SDK is never interrupted (default: console.error) */
  onError?: (error: unknown) => void;
};

type OtlpValue = { stringValue: string } | { intValue: number } | { boolValue: boolean };
type OtlpKeyValue = { key: string; value: OtlpValue };
type OtlpJsonSpan = {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpKeyValue[];
  status: { code: number; message?: string };
};

const SCOPE = { name: "agent-observatory/openai-agents-processor", version: "1.0.0" };

function hex(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/** The SDK's trace_<32 hex> as an OpenTelemetry trace id (hashed when it is not that shape). */
export function otlpTraceId(agentsTraceId: string): string {
  const bare = agentsTraceId.replace(/^trace_/, "").toLowerCase();
  return /^[0-9a-f]{32}$/.test(bare) && !/^0+$/.test(bare) ? bare : hex(agentsTraceId, 32);
}

/** The SDK's span_<24 hex> as an OpenTelemetry span id. */
export function otlpSpanId(agentsSpanId: string): string {
  return hex(agentsSpanId, 16);
}

function nanos(iso: string | null | undefined, fallback: bigint): string {
  const ms = iso ? Date.parse(iso) : NaN;
  return (Number.isFinite(ms) ? BigInt(ms) * 1_000_000n : fallback).toString();
}

function attribute(key: string, value: unknown): OtlpKeyValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "boolean") return { key, value: { boolValue: value } };
  if (typeof value === "number" && Number.isSafeInteger(value)) return { key, value: { intValue: value } };
  return { key, value: { stringValue: typeof value === "string" ? value : JSON.stringify(value) } };
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** Usage as Chat Completions, the Responses API or the SDK's own usage data spell it. */
function usageAttributes(usage: unknown): Record<string, number | undefined> {
  const u = record(usage);
  const inputDetails = record(
    u.input_tokens_details ?? u.prompt_tokens_details ?? record(u.details).input_tokens_details,
  );
  const outputDetails = record(
    u.output_tokens_details ?? u.completion_tokens_details ?? record(u.details).output_tokens_details,
  );
  return {
    "gen_ai.usage.input_tokens": count(u.input_tokens ?? u.prompt_tokens),
    "gen_ai.usage.output_tokens": count(u.output_tokens ?? u.completion_tokens),
    "gen_ai.usage.cache_read.input_tokens": count(inputDetails.cached_tokens),
    "gen_ai.usage.reasoning.output_tokens": count(outputDetails.reasoning_tokens),
  };
}

/** What a model span reports: the response (with model and usage), from the span data the SDK fills. */
function modelResponse(data: SpanData): Record<string, unknown> {
  if (data.type === "response") return record((data as { _response?: unknown })._response);
  if (data.type === "generation") {
    const output = (data.output ?? [])[0];
    return { ...record(output), ...(data.usage ? { usage: data.usage } : {}) };
  }
  return {};
}

type SpanFacts = { name: string; attributes: Record<string, unknown> };

function describe(span: AnySpan, instrumented: boolean): SpanFacts {
  const data = span.spanData;
  const base = { "openai.agents.span.type": data.type };
  switch (data.type) {
    case "agent":
      return {
        name: `invoke_agent ${data.name}`,
        attributes: {
          ...base,
          "gen_ai.operation.name": "invoke_agent",
          "gen_ai.agent.name": data.name,
          "openai.agents.agent.handoffs": data.handoffs,
          "openai.agents.agent.tools": data.tools,
        },
      };
    case "function":
      return {
        name: `execute_tool ${data.name}`,
        attributes: {
          ...base,
          "gen_ai.operation.name": "execute_tool",
          "gen_ai.tool.name": data.name,
          "gen_ai.tool.call.arguments": data.input,
          "gen_ai.tool.call.result": data.output,
        },
      };
    case "handoff":
      return {
        name: `handoff ${data.from_agent ?? ""} -> ${data.to_agent ?? ""}`.trim(),
        attributes: {
          ...base,
          "openai.agents.handoff.from_agent": data.from_agent,
          "openai.agents.handoff.to_agent": data.to_agent,
        },
      };
    case "generation":
    case "response": {
      const response = modelResponse(data);
      const requestModel = data.type === "generation" ? data.model : undefined;
      const responseModel = typeof response.model === "string" ? response.model : undefined;
      const usage = usageAttributes(response.usage);
      const model = {
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": requestModel ?? responseModel,
        "gen_ai.response.model": responseModel,
        "gen_ai.response.id": typeof response.id === "string" ? response.id : undefined,
      };
      const name = `chat ${requestModel ?? responseModel ?? ""}`.trim();
      // An OpenTelemetry instrumentation records this call itself (model, tokens): the span
      // stays in the trace as a step, with the usage the SDK saw kept for reference only.
      if (instrumented) {
        const reported = Object.entries(usage).map(([k, v]) => [
          k.replace("gen_ai.usage.", "openai.agents.reported_usage."),
          v,
        ]);
        return {
          name,
          attributes: {
            ...base,
            ...Object.fromEntries(reported),
            "openai.agents.model_call.recorded_by": "opentelemetry",
          },
        };
      }
      return { name, attributes: { ...base, "gen_ai.operation.name": "chat", ...model, ...usage } };
    }
    default: {
      const named = record(data).name;
      return { name: typeof named === "string" ? named : data.type, attributes: base };
    }
  }
}

type OpenTrace = { trace?: Trace; startNanos: bigint; spans: OtlpJsonSpan[]; agents: Map<string, string> };

/** The OpenTelemetry SpanProcessor shape, without depending on the SDK's packages. */
export type LinkingSpanProcessor = {
  onStart(span: { setAttribute(key: string, value: string): unknown }, parentContext: unknown): void;
  onEnd(span: unknown): void;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
};

export class ObservatoryAgentsProcessor {
  private readonly traces = new Map<string, OpenTrace>();
  private readonly pending = new Set<Promise<void>>();
  /** model spans an OpenTelemetry instrumentation also recorded */
  private readonly instrumented = new Set<string>();
  /** spans started and not yet ended, for the linking span processor */
  private readonly open = new Map<string, AnySpan>();
  private readonly options: Required<ObservatoryAgentsProcessorOptions>;

  constructor(options: ObservatoryAgentsProcessorOptions) {
    this.options = {
      serviceName: "openai-agents",
      fetch: globalThis.fetch.bind(globalThis),
      onError: (error: unknown) => console.error("agent-observatory: a trace was not sent:", error),
      ...options,
      baseUrl: options.baseUrl.replace(/\/+$/, ""),
    };
  }

  private traceOf(traceId: string): OpenTrace {
    let open = this.traces.get(traceId);
    if (!open) {
      open = { startNanos: BigInt(Date.now()) * 1_000_000n, spans: [], agents: new Map() };
      this.traces.set(traceId, open);
    }
    return open;
  }

  async onTraceStart(trace: Trace): Promise<void> {
    this.traceOf(trace.traceId).trace = trace;
  }

  async onSpanStart(span: AnySpan): Promise<void> {
    this.open.set(span.spanId, span);
    if (span.spanData.type === "agent") this.traceOf(span.traceId).agents.set(span.spanId, span.spanData.name);
  }

  async onSpanEnd(span: AnySpan): Promise<void> {
    this.open.delete(span.spanId);
    const open = this.traceOf(span.traceId);
    const facts = describe(span, this.instrumented.delete(span.spanId));
    const now = BigInt(Date.now()) * 1_000_000n;
    const group = open.trace?.groupId;
    const attributes = { ...facts.attributes, ...(group ? { "gen_ai.conversation.id": group } : {}) };
    open.spans.push({
      traceId: otlpTraceId(span.traceId),
      spanId: otlpSpanId(span.spanId),
      parentSpanId: span.parentId ? otlpSpanId(span.parentId) : this.rootSpanId(span.traceId),
      name: facts.name,
      kind: 1,
      startTimeUnixNano: nanos(span.startedAt, now),
      endTimeUnixNano: nanos(span.endedAt, now),
      attributes: Object.entries(attributes).flatMap(([k, v]) => attribute(k, v) ?? []),
      status: span.error ? { code: 2, message: span.error.message } : { code: 0 },
    });
  }

  async onTraceEnd(trace: Trace): Promise<void> {
    const open = this.traceOf(trace.traceId);
    this.traces.delete(trace.traceId);
    const root: OtlpJsonSpan = {
      traceId: otlpTraceId(trace.traceId),
      spanId: this.rootSpanId(trace.traceId),
      name: trace.name,
      kind: 1,
      startTimeUnixNano: open.startNanos.toString(),
      endTimeUnixNano: (BigInt(Date.now()) * 1_000_000n).toString(),
      attributes: [
        attribute("openai.agents.span.type", "trace"),
        attribute("gen_ai.operation.name", "invoke_workflow"),
        attribute("gen_ai.workflow.name", trace.name),
        attribute("gen_ai.conversation.id", trace.groupId ?? undefined),
      ].flatMap((a) => a ?? []),
      status: { code: 0 },
    };
    const sent: Promise<void> = this.send([root, ...open.spans])
      .catch((error: unknown) => this.options.onError(error))
      .finally(() => this.pending.delete(sent));
    this.pending.add(sent);
    await sent;
  }

  private rootSpanId(traceId: string): string {
    return hex(`root:${traceId}`, 16);
  }

  private async send(spans: OtlpJsonSpan[]): Promise<void> {
    const body = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: "service.name", value: { stringValue: this.options.serviceName } }] },
          scopeSpans: [{ scope: SCOPE, spans }],
        },
      ],
    };
    const response = await this.options.fetch(`${this.options.baseUrl}/api/v1/otlp/v1/traces`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": this.options.apiKey },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`the dashboard answered ${response.status} to a trace export`);
  }

  async forceFlush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  async shutdown(): Promise<void> {
    await this.forceFlush();
  }

  /**
   * For the tracer provider of an OpenTelemetry instrumentation of the OpenAI client: names
   * the agent and the session on each span started inside an agent's model call, and marks
   * that call as recorded by the instrumentation so that its tokens are counted there only.
   * `currentSpan` is the SDK's getCurrentSpan.
   */
  spanProcessor(currentSpan: () => AnySpan | null | undefined): LinkingSpanProcessor {
    return {
      onStart: (span) => {
        const current = currentSpan();
        if (!current) return;
        if (current.spanData.type === "generation" || current.spanData.type === "response")
          this.instrumented.add(current.spanId);
        const open = this.traces.get(current.traceId);
        const agent = this.enclosingAgent(current, open);
        if (agent) span.setAttribute("gen_ai.agent.name", agent);
        const group = open?.trace?.groupId;
        if (group) span.setAttribute("gen_ai.conversation.id", group);
      },
      onEnd: () => {},
      forceFlush: async () => {},
      shutdown: async () => {},
    };
  }

  private enclosingAgent(span: AnySpan, open: OpenTrace | undefined): string | undefined {
    for (let cur: AnySpan | undefined = span; cur; cur = cur.parentId ? this.open.get(cur.parentId) : undefined) {
      const name = open?.agents.get(cur.spanId);
      if (name) return name;
    }
    return undefined;
  }
}
