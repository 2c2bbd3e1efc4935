// OpenLLMetry / Traceloop (traceloop/openllmetry-js, packages/ai-semantic-conventions):
// workflow, task, agent and tool spans named by traceloop.entity.name, association
// properties for the session, usage in the llm.usage.* and gen_ai.usage.* spellings.
import type { Convention } from "./types";

export const TRACELOOP = {
  name: "OpenLLMetry (Traceloop)",
  source: "https://github.com/traceloop/openllmetry-js/tree/main/packages/ai-semantic-conventions",
  roles: [
    {
      attribute: "traceloop.span.kind",
      values: { workflow: "other", task: "other", agent: "named-agent", tool: "tool" },
    },
    { attribute: "llm.request.type", values: { chat: "llm", completion: "llm", embedding: "llm" } },
  ],
  session: ["traceloop.association.properties.session_id", "traceloop.association.properties.sessionId"],
  agentName: ["traceloop.entity.name"],
  provider: ["llm.vendor"],
  usage: {
    input: ["llm.usage.prompt_tokens"],
    output: ["llm.usage.completion_tokens"],
    cacheRead: ["gen_ai.usage.cache_read_input_tokens", "llm.usage.cache_read_input_tokens"],
    cacheWrite: ["gen_ai.usage.cache_creation_input_tokens", "llm.usage.cache_creation_input_tokens"],
    reasoning: ["gen_ai.usage.reasoning_tokens", "llm.usage.reasoning_tokens"],
  },
  toolName: ["traceloop.entity.name"],
  input: ["traceloop.entity.input"],
  output: ["traceloop.entity.output"],
} as const satisfies Convention;
