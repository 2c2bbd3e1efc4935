// Vercel AI SDK telemetry (vercel/ai, packages/ai/src/telemetry and the generate-text /
// stream-text spans): ai.* span names carried in ai.operationId, the functionId and metadata
// from experimental_telemetry, usage with input and output token details.
import type { Convention } from "./types";

export const VERCEL_AI_METADATA_PREFIX = "ai.telemetry.metadata.";

export const VERCEL_AI = {
  name: "Vercel AI SDK",
  source: "https://ai-sdk.dev/docs/ai-sdk-core/telemetry",
  roles: [
    {
      attribute: "ai.operationId",
      values: {
        "ai.generatetext": "named-agent",
        "ai.streamtext": "named-agent",
        "ai.generateobject": "named-agent",
        "ai.streamobject": "named-agent",
        "ai.generatetext.dogenerate": "llm",
        "ai.streamtext.dostream": "llm",
        "ai.generateobject.dogenerate": "llm",
        "ai.streamobject.dostream": "llm",
        "ai.embed.doembed": "llm",
        "ai.embedmany.doembed": "llm",
        "ai.toolcall": "tool",
      },
    },
  ],
  session: [
    `${VERCEL_AI_METADATA_PREFIX}sessionId`,
    `${VERCEL_AI_METADATA_PREFIX}session_id`,
    `${VERCEL_AI_METADATA_PREFIX}conversationId`,
  ],
  agentName: ["ai.telemetry.functionId"],
  ownerAgent: ["ai.telemetry.functionId"],
  requestModel: ["ai.model.id"],
  responseModel: ["ai.response.model"],
  provider: ["ai.model.provider"],
  usage: {
    input: ["ai.usage.inputTokens", "ai.usage.promptTokens"],
    output: ["ai.usage.outputTokens", "ai.usage.completionTokens"],
    cacheRead: ["ai.usage.inputTokenDetails.cacheReadTokens", "ai.usage.cachedInputTokens"],
    cacheWrite: ["ai.usage.inputTokenDetails.cacheWriteTokens"],
    reasoning: ["ai.usage.outputTokenDetails.reasoningTokens", "ai.usage.reasoningTokens"],
  },
  toolName: ["ai.toolCall.name"],
  toolCallId: ["ai.toolCall.id"],
  toolArguments: ["ai.toolCall.args"],
  toolResult: ["ai.toolCall.result"],
  input: ["ai.prompt.messages", "ai.prompt"],
  output: ["ai.response.text", "ai.response.toolCalls"],
} as const satisfies Convention;
