// Langfuse's OpenTelemetry attributes (langfuse/langfuse-js, packages/core
// LangfuseOtelSpanAttributes, and @langfuse/tracing): observation type, session, model and
// the usage_details / cost_details JSON objects.
import type { Convention } from "./types";

export const LANGFUSE_USAGE_DETAILS = "langfuse.observation.usage_details";
export const LANGFUSE_COST_DETAILS = "langfuse.observation.cost_details";

export const LANGFUSE = {
  name: "Langfuse",
  source: "https://langfuse.com/integrations/native/opentelemetry",
  roles: [
    {
      attribute: "langfuse.observation.type",
      values: {
        generation: "llm",
        embedding: "llm",
        agent: "named-agent",
        tool: "tool",
        span: "other",
        chain: "other",
        retriever: "other",
        evaluator: "other",
        guardrail: "other",
        event: "other",
      },
    },
  ],
  session: ["langfuse.session.id"],
  agentNamedBySpan: { attribute: "langfuse.observation.type", values: ["agent"] },
  requestModel: ["langfuse.observation.model.name"],
  input: ["langfuse.observation.input"],
  output: ["langfuse.observation.output"],
  alsoRead: [
    "langfuse.observation.usage_details (JSON: input, output, input_cached_tokens, cache_read_input_tokens, cache_creation_input_tokens, output_reasoning_tokens, …)",
    "langfuse.observation.cost_details (JSON: total)",
  ],
} as const satisfies Convention;

/**
 * Keys of usage_details, read the way Langfuse reads them: usage types are disjoint and add
 * up to the total, so `input` is the uncached input and the cache and reasoning types are
 * added to input and output.
 */
export const LANGFUSE_USAGE_TYPES = {
  input: ["input", "prompt_tokens", "input_tokens"],
  output: ["output", "completion_tokens", "output_tokens"],
  cacheRead: ["input_cached_tokens", "cache_read_input_tokens", "input_cache_read"],
  cacheWrite: ["cache_creation_input_tokens", "input_cache_creation", "input_cache_write"],
  reasoning: ["output_reasoning_tokens", "output_reasoning"],
  cost: ["total"],
} as const;
