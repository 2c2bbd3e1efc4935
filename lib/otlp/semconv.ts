// What a span means, read from the OpenTelemetry GenAI semantic conventions (current names
// and the older ones still emitted by many instrumentations) and the OpenInference names.
import { amountAttr, countAttr, stringAttr } from "./attributes";
import type { AttributeValue, Attributes, OtlpSpan } from "./model";

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
  providerName: "gen_ai.provider.name",
  /** older name of gen_ai.provider.name */
  system: "gen_ai.system",
  inputTokens: "gen_ai.usage.input_tokens",
  outputTokens: "gen_ai.usage.output_tokens",
  cacheReadTokens: "gen_ai.usage.cache_read.input_tokens",
  cacheWriteTokens: "gen_ai.usage.cache_creation.input_tokens",
  reasoningTokens: "gen_ai.usage.reasoning.output_tokens",
  /** older names of the input and output token counts */
  promptTokens: "gen_ai.usage.prompt_tokens",
  completionTokens: "gen_ai.usage.completion_tokens",
  cost: "gen_ai.usage.cost",
  inputMessages: "gen_ai.input.messages",
  outputMessages: "gen_ai.output.messages",
  systemInstructions: "gen_ai.system_instructions",
  /** older content attributes */
  prompt: "gen_ai.prompt",
  completion: "gen_ai.completion",
  promptName: "gen_ai.prompt.name",
  toolName: "gen_ai.tool.name",
  toolCallId: "gen_ai.tool.call.id",
  toolType: "gen_ai.tool.type",
  toolDescription: "gen_ai.tool.description",
  toolArguments: "gen_ai.tool.call.arguments",
  toolResult: "gen_ai.tool.call.result",
} as const;

export const OPENINFERENCE = {
  spanKind: "openinference.span.kind",
  modelName: "llm.model_name",
  provider: "llm.provider",
  system: "llm.system",
  promptTokens: "llm.token_count.prompt",
  completionTokens: "llm.token_count.completion",
  cacheReadTokens: "llm.token_count.prompt_details.cache_read",
  cacheWriteTokens: "llm.token_count.prompt_details.cache_write",
  reasoningTokens: "llm.token_count.completion_details.reasoning",
  inputValue: "input.value",
  outputValue: "output.value",
  toolName: "tool.name",
  toolCallId: "tool_call.id",
  agentName: "agent.name",
} as const;

export const SESSION_ID = "session.id";
export const SERVICE_NAME = "service.name";
export const ERROR_TYPE = "error.type";
/** the span event newer instrumentations put message content on */
export const INFERENCE_DETAILS_EVENT = "gen_ai.client.inference.operation.details";

const LLM_OPERATIONS = new Set(["chat", "text_completion", "generate_content", "embeddings"]);
const AGENT_OPERATIONS = new Set(["invoke_agent", "create_agent"]);

export type SpanRole = "agent" | "llm" | "tool" | "other";

export function operationOf(span: OtlpSpan): string | undefined {
  return stringAttr(span.attributes, GEN_AI.operationName)?.toLowerCase();
}

/** What a span is, from its own attributes. */
export function spanRole(span: OtlpSpan): SpanRole {
  const a = span.attributes;
  const op = operationOf(span);
  if (op !== undefined) {
    if (LLM_OPERATIONS.has(op)) return "llm";
    if (op === "execute_tool") return "tool";
    if (AGENT_OPERATIONS.has(op)) return "agent";
  } else {
    const oi = stringAttr(a, OPENINFERENCE.spanKind)?.toUpperCase();
    if (oi === "LLM" || oi === "EMBEDDING") return "llm";
    if (oi === "TOOL") return "tool";
    if (oi === "AGENT") return "agent";
  }
  if (stringAttr(a, GEN_AI.agentName, GEN_AI.agentId) !== undefined) return "agent";
  // Instrumentations that name no operation still describe a model call by model and usage.
  return op === undefined && modelOf(a) !== undefined && usageOf(a) !== undefined ? "llm" : "other";
}

/** The kind of model call, for promptType: the operation name, else what OpenInference says. */
export function llmOperationOf(span: OtlpSpan): string {
  const op = operationOf(span);
  if (op !== undefined) return op;
  return stringAttr(span.attributes, OPENINFERENCE.spanKind)?.toUpperCase() === "EMBEDDING" ? "embeddings" : "chat";
}

export type Usage = {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
  costUsd?: number;
};

/** Token counts and cost the span reports itself; undefined when it reports none. */
export function usageOf(attributes: Attributes): Usage | undefined {
  const usage: Usage = {
    inputTokens: countAttr(attributes, GEN_AI.inputTokens, GEN_AI.promptTokens, OPENINFERENCE.promptTokens),
    outputTokens: countAttr(attributes, GEN_AI.outputTokens, GEN_AI.completionTokens, OPENINFERENCE.completionTokens),
    cacheReadTokens: countAttr(attributes, GEN_AI.cacheReadTokens, OPENINFERENCE.cacheReadTokens),
    cacheWriteTokens: countAttr(attributes, GEN_AI.cacheWriteTokens, OPENINFERENCE.cacheWriteTokens),
    reasoningTokens: countAttr(attributes, GEN_AI.reasoningTokens, OPENINFERENCE.reasoningTokens),
    costUsd: amountAttr(attributes, GEN_AI.cost),
  };
  const present = Object.fromEntries(Object.entries(usage).filter(([, v]) => v !== undefined)) as Usage;
  return Object.keys(present).length > 0 ? present : undefined;
}

export function usageTotal(usage: Usage): number {
  return (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
}

export function modelOf(attributes: Attributes): string | undefined {
  return stringAttr(attributes, GEN_AI.requestModel, GEN_AI.responseModel, OPENINFERENCE.modelName);
}

export function providerOf(attributes: Attributes): string | undefined {
  return stringAttr(attributes, GEN_AI.providerName, GEN_AI.system, OPENINFERENCE.provider, OPENINFERENCE.system);
}

/** The session a span names itself: the conversation id, else session.id. */
export function ownSessionOf(attributes: Attributes): string | undefined {
  return stringAttr(attributes, GEN_AI.conversationId, SESSION_ID);
}

export function agentNameOf(attributes: Attributes): string | undefined {
  return stringAttr(attributes, GEN_AI.agentName, OPENINFERENCE.agentName);
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
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? (parsed as AttributeValue[]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The input of a model call: gen_ai.input.messages (on the span or its inference details
 * event), with gen_ai.system_instructions put back in front as a system message the way
 * conventions before v1.37 recorded it; else the older content attributes.
 */
export function promptOf(span: OtlpSpan): string | undefined {
  const messages = contentAttr(span, GEN_AI.inputMessages);
  const instructions = contentAttr(span, GEN_AI.systemInstructions);
  if (messages !== undefined && instructions !== undefined) {
    const list = parsedArray(messages);
    if (list) return JSON.stringify([{ role: "system", parts: parsedArray(instructions) ?? instructions }, ...list]);
  }
  return contentText(
    messages ?? instructions ?? span.attributes[GEN_AI.prompt] ?? span.attributes[OPENINFERENCE.inputValue],
  );
}

export function responseOf(span: OtlpSpan): string | undefined {
  return contentText(
    contentAttr(span, GEN_AI.outputMessages) ??
      span.attributes[GEN_AI.completion] ??
      span.attributes[OPENINFERENCE.outputValue],
  );
}

/** Attributes whose values become first-class fields and are not repeated in metadata. */
export const CONTENT_ATTRIBUTES: ReadonlySet<string> = new Set([
  GEN_AI.inputMessages,
  GEN_AI.outputMessages,
  GEN_AI.prompt,
  GEN_AI.completion,
  GEN_AI.toolArguments,
  GEN_AI.toolResult,
  OPENINFERENCE.inputValue,
  OPENINFERENCE.outputValue,
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
