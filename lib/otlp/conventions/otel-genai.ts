// OpenTelemetry GenAI semantic conventions (open-telemetry/semantic-conventions, docs/gen-ai),
// current names first, then the older ones instrumentations still emit.
import type { Convention } from "./types";

export const OTEL_GENAI = {
  name: "OpenTelemetry GenAI",
  source: "https://opentelemetry.io/docs/specs/semconv/gen-ai/",
  roles: [
    {
      attribute: "gen_ai.operation.name",
      values: {
        chat: "llm",
        text_completion: "llm",
        generate_content: "llm",
        embeddings: "llm",
        execute_tool: "tool",
        invoke_agent: "agent",
        create_agent: "agent",
        invoke_workflow: "other",
      },
    },
  ],
  session: ["gen_ai.conversation.id"],
  agentName: ["gen_ai.agent.name"],
  agentId: ["gen_ai.agent.id"],
  ownerAgent: ["gen_ai.agent.name"],
  requestModel: ["gen_ai.request.model"],
  responseModel: ["gen_ai.response.model"],
  provider: ["gen_ai.provider.name", "gen_ai.system"],
  usage: {
    input: ["gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"],
    output: ["gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens"],
    cacheRead: ["gen_ai.usage.cache_read.input_tokens"],
    cacheWrite: ["gen_ai.usage.cache_creation.input_tokens"],
    reasoning: ["gen_ai.usage.reasoning.output_tokens"],
    cost: ["gen_ai.usage.cost"],
  },
  toolName: ["gen_ai.tool.name"],
  toolCallId: ["gen_ai.tool.call.id"],
  toolArguments: ["gen_ai.tool.call.arguments"],
  toolResult: ["gen_ai.tool.call.result"],
} as const satisfies Convention;
