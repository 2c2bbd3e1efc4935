// What a span means, read through the convention tables in conventions/ (OpenTelemetry
// GenAI, OpenInference with LangGraph's metadata, the Vercel AI SDK, OpenLLMetry, Langfuse and
// this dashboard's OpenAI Agents processor). The tables hold the names; this file holds the
// few rules that are more than a lookup.
import { amountAttr, countAttr, stringAttr } from "./attributes";
import { CONVENTIONS, keysOf, usageKeysOf } from "./conventions/conventions";
import { LANGFUSE_COST_DETAILS, LANGFUSE_USAGE_DETAILS, LANGFUSE_USAGE_TYPES } from "./conventions/langfuse";
import { LANGGRAPH, OPENINFERENCE_METADATA } from "./conventions/openinference";
import type { SpanRole } from "./conventions/types";
import type { AttributeValue, Attributes, OtlpSpan } from "./model";

export type { SpanRole } from "./conventions/types";

export const GEN_AI = {
  operationName: "gen_ai.operation.name",
  conversationId: "gen_ai.conversation.id",
  agentName: "gen_ai.agent.name",
  agentId: "gen_ai.agent.id",
  agentDescription: "gen_ai.agent.description",
  agentVersion: "gen_ai.agent.version",
  workflowName: "gen_ai.workflow.name",
  requestModel: "gen_ai.request.model",
  responseModel: "gen_ai.response.model",
  inputMessages: "gen_ai.input.messages",
  outputMessages: "gen_ai.output.messages",
  systemInstructions: "gen_ai.system_instructions",
  /** older content attributes */
  prompt: "gen_ai.prompt",
  completion: "gen_ai.completion",
  promptName: "gen_ai.prompt.name",
  toolType: "gen_ai.tool.type",
  toolDescription: "gen_ai.tool.description",
} as const;

export const SERVICE_NAME = "service.name";
export const ERROR_TYPE = "error.type";
import { INFERENCE_DETAILS_EVENT } from "./conventions/otel-genai";
export { INFERENCE_DETAILS_EVENT };

export function operationOf(span: OtlpSpan): string | undefined {
  return stringAttr(span.attributes, GEN_AI.operationName)?.toLowerCase();
}

/** The first role a convention table gives the span, in precedence order. */
function tableRole(attributes: Attributes): SpanRole | "named-agent" | undefined {
  for (const convention of CONVENTIONS) {
    for (const rule of convention.roles ?? []) {
      const value = stringAttr(attributes, rule.attribute)?.toLowerCase();
      const role = value === undefined ? undefined : rule.values[value];
      if (role !== undefined) return role;
    }
  }
  return undefined;
}

/** The OpenInference `metadata` JSON (LangChain run config), when the span has one. */
export function runMetadataOf(attributes: Attributes): Record<string, AttributeValue> | undefined {
  const raw = attributes[OPENINFERENCE_METADATA];
  const value = typeof raw === "string" ? safeJson(raw) : raw;
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : undefined;
}

function safeJson(text: string): AttributeValue | undefined {
  try {
    return JSON.parse(text) as AttributeValue;
  } catch {
    return undefined;
  }
}

/**
 * The LangGraph node a span is, when it is a node's own span (named like its langgraph_node)
 * and not one of a prebuilt agent's inner nodes: the named nodes of a supervisor or subgraph.
 */
export function graphNodeAgentOf(span: OtlpSpan): string | undefined {
  const node = runMetadataOf(span.attributes)?.[LANGGRAPH.node];
  if (typeof node !== "string" || node !== span.name) return undefined;
  return (LANGGRAPH.innerNodes as readonly string[]).includes(node) ? undefined : node;
}

/** What a span is, from its own attributes. */
export function spanRole(span: OtlpSpan): SpanRole {
  const a = span.attributes;
  const role = tableRole(a);
  if (role === "named-agent") return agentNameOf(span) !== undefined ? "agent" : "other";
  if (role === "other" && graphNodeAgentOf(span) !== undefined) return "agent";
  if (role !== undefined) return role;
  if (stringAttr(a, GEN_AI.agentName, GEN_AI.agentId) !== undefined) return "agent";
  // Instrumentations that name no operation still describe a model call by model and usage.
  return operationOf(span) === undefined && modelOf(a) !== undefined && usageOf(a) !== undefined ? "llm" : "other";
}

/** The kind of model call, for promptType: the operation name, else chat or embeddings. */
export function llmOperationOf(span: OtlpSpan): string {
  const op = operationOf(span);
  if (op !== undefined) return op;
  const a = span.attributes;
  const embedding =
    stringAttr(a, "openinference.span.kind", "langfuse.observation.type", "llm.request.type")?.toLowerCase() ===
      "embedding" || /\.doembed$/i.test(stringAttr(a, "ai.operationId") ?? "");
  return embedding ? "embeddings" : "chat";
}

export type Usage = {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
  costUsd?: number;
};

function jsonObject(value: AttributeValue | undefined): Record<string, AttributeValue> | undefined {
  const parsed = typeof value === "string" ? safeJson(value) : value;
  return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : undefined;
}

/** Langfuse's usage_details: disjoint usage types, so cache and reasoning are added back in. */
function langfuseUsage(attributes: Attributes): Usage {
  const details = jsonObject(attributes[LANGFUSE_USAGE_DETAILS]);
  const costs = jsonObject(attributes[LANGFUSE_COST_DETAILS]);
  const usage: Usage = { costUsd: costs ? amountAttr(costs, ...LANGFUSE_USAGE_TYPES.cost) : undefined };
  if (!details) return usage;
  const read = (keys: readonly string[]) => countAttr(details, ...keys);
  const input = read(LANGFUSE_USAGE_TYPES.input);
  const output = read(LANGFUSE_USAGE_TYPES.output);
  const cacheRead = read(LANGFUSE_USAGE_TYPES.cacheRead);
  const cacheWrite = read(LANGFUSE_USAGE_TYPES.cacheWrite);
  const reasoning = read(LANGFUSE_USAGE_TYPES.reasoning);
  const sum = (...n: (number | undefined)[]) =>
    n.every((v) => v === undefined) ? undefined : n.reduce<number>((s, v) => s + (v ?? 0), 0);
  return {
    ...usage,
    inputTokens: sum(input, cacheRead, cacheWrite),
    outputTokens: sum(output, reasoning),
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: reasoning,
  };
}

/** Token counts and cost the span reports itself; undefined when it reports none. */
export function usageOf(attributes: Attributes): Usage | undefined {
  const langfuse = langfuseUsage(attributes);
  const usage: Usage = {
    inputTokens: countAttr(attributes, ...usageKeysOf("input")) ?? langfuse.inputTokens,
    outputTokens: countAttr(attributes, ...usageKeysOf("output")) ?? langfuse.outputTokens,
    cacheReadTokens: countAttr(attributes, ...usageKeysOf("cacheRead")) ?? langfuse.cacheReadTokens,
    cacheWriteTokens: countAttr(attributes, ...usageKeysOf("cacheWrite")) ?? langfuse.cacheWriteTokens,
    reasoningTokens: countAttr(attributes, ...usageKeysOf("reasoning")) ?? langfuse.reasoningTokens,
    costUsd: amountAttr(attributes, ...usageKeysOf("cost")) ?? langfuse.costUsd,
  };
  const present = Object.fromEntries(Object.entries(usage).filter(([, v]) => v !== undefined)) as Usage;
  return Object.keys(present).length > 0 ? present : undefined;
}

export function usageTotal(usage: Usage): number {
  return (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
}

/** The model asked for, else the one that answered. */
export function modelOf(attributes: Attributes): string | undefined {
  return stringAttr(attributes, ...keysOf("requestModel"), ...keysOf("responseModel"));
}

/** The model that answered (the dated snapshot billed), else the one asked for. */
export function billedModelOf(attributes: Attributes): string | undefined {
  return stringAttr(attributes, ...keysOf("responseModel"), ...keysOf("requestModel"));
}

export function requestModelOf(attributes: Attributes): string | undefined {
  return stringAttr(attributes, ...keysOf("requestModel"));
}

export function providerOf(attributes: Attributes): string | undefined {
  return stringAttr(attributes, ...keysOf("provider"));
}

/** The session a span names itself, in the precedence of the convention tables, else LangGraph's thread. */
export function ownSessionOf(attributes: Attributes): string | undefined {
  const own = stringAttr(attributes, ...keysOf("session"));
  if (own !== undefined) return own;
  const metadata = runMetadataOf(attributes);
  return metadata ? stringAttr(metadata, ...LANGGRAPH.session) : undefined;
}

/** An agent span's own name: a naming attribute, a LangGraph node, or the span name where the convention says so. */
export function agentNameOf(span: OtlpSpan): string | undefined {
  const a = span.attributes;
  const named = stringAttr(a, ...keysOf("agentName")) ?? graphNodeAgentOf(span);
  if (named !== undefined) return named;
  const bySpan = CONVENTIONS.some((c) => {
    const rule = c.agentNamedBySpan;
    const value = rule ? stringAttr(a, rule.attribute)?.toLowerCase() : undefined;
    return value !== undefined && rule!.values.includes(value);
  });
  return bySpan && span.name.trim() !== "" ? span.name.trim() : undefined;
}

/**
 * The agent a span that is not itself an agent works for, when the span names it: the
 * conventions' owner attributes, else the named LangGraph node at the root of its checkpoint
 * namespace.
 */
export function ownerAgentOf(span: OtlpSpan): string | undefined {
  const named = stringAttr(span.attributes, ...keysOf("ownerAgent"));
  if (named !== undefined) return named;
  const ns = runMetadataOf(span.attributes)?.[LANGGRAPH.checkpointNamespace];
  const root = typeof ns === "string" ? ns.split("|")[0]?.split(":")[0] : undefined;
  return root && !(LANGGRAPH.innerNodes as readonly string[]).includes(root) ? root : undefined;
}

export function agentIdOf(attributes: Attributes): string | undefined {
  return stringAttr(attributes, ...keysOf("agentId"));
}

export function toolNameOf(span: OtlpSpan): string {
  return stringAttr(span.attributes, ...keysOf("toolName")) ?? (span.name || "tool");
}

export function toolCallIdOf(attributes: Attributes): string | undefined {
  return stringAttr(attributes, ...keysOf("toolCallId"));
}

function firstValue(attributes: Attributes, keys: readonly string[]): AttributeValue | undefined {
  for (const key of keys) {
    const v = attributes[key];
    if (v !== undefined && v !== null) return v;
  }
  return undefined;
}

export function toolArgumentsOf(attributes: Attributes): AttributeValue | undefined {
  return firstValue(attributes, [...keysOf("toolArguments"), ...keysOf("input")]);
}

export function toolResultOf(attributes: Attributes): AttributeValue | undefined {
  return firstValue(attributes, [...keysOf("toolResult"), ...keysOf("output")]);
}

/** Attribute text as stored: strings as they are, structured values as JSON. */
export function contentText(value: AttributeValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function contentAttr(span: OtlpSpan, key: string): AttributeValue | undefined {
  const own = span.attributes[key];
  if (own !== undefined && own !== null) return own;
  return span.events.find((e) => e.name === INFERENCE_DETAILS_EVENT)?.attributes[key] ?? undefined;
}

function parsedArray(value: AttributeValue | undefined): AttributeValue[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value !== "string") return undefined;
  const parsed = safeJson(value);
  return Array.isArray(parsed) ? parsed : undefined;
}

/**
 * The input of a model call: gen_ai.input.messages (on the span or its inference details
 * event), with gen_ai.system_instructions put back in front as a system message the way
 * conventions before v1.37 recorded it; else the older content attributes, else the
 * frameworks' input attributes.
 */
export function promptOf(span: OtlpSpan): string | undefined {
  const messages = contentAttr(span, GEN_AI.inputMessages);
  const instructions = contentAttr(span, GEN_AI.systemInstructions);
  if (messages !== undefined && instructions !== undefined) {
    const list = parsedArray(messages);
    if (list) return JSON.stringify([{ role: "system", parts: parsedArray(instructions) ?? instructions }, ...list]);
  }
  return contentText(
    messages ?? instructions ?? span.attributes[GEN_AI.prompt] ?? firstValue(span.attributes, keysOf("input")),
  );
}

export function responseOf(span: OtlpSpan): string | undefined {
  return contentText(
    contentAttr(span, GEN_AI.outputMessages) ??
      span.attributes[GEN_AI.completion] ??
      firstValue(span.attributes, keysOf("output")),
  );
}

/** Attributes whose values become first-class fields and are not repeated in metadata. */
export const CONTENT_ATTRIBUTES: ReadonlySet<string> = new Set([
  GEN_AI.inputMessages,
  GEN_AI.outputMessages,
  GEN_AI.prompt,
  GEN_AI.completion,
  ...keysOf("toolArguments"),
  ...keysOf("toolResult"),
  ...keysOf("input"),
  ...keysOf("output"),
]);

export function spanFailed(span: OtlpSpan): boolean {
  return span.status.code === 2 || stringAttr(span.attributes, ERROR_TYPE) !== undefined;
}

/** error.type and the status message (or a recorded exception's message), when the span failed. */
export function errorOf(span: OtlpSpan): string | undefined {
  if (!spanFailed(span)) return undefined;
  const type = stringAttr(span.attributes, ERROR_TYPE);
  const exception = span.events.find((e) => e.name === "exception");
  const message =
    span.status.message ??
    (exception ? stringAttr(exception.attributes, "exception.message", "exception.type") : undefined);
  return [type, message].filter((s) => s !== undefined && s !== "").join(": ") || "error";
}
