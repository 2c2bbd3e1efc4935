// OpenInference (Arize-ai/openinference, spec/semantic_conventions.md and
// @arizeai/openinference-semantic-conventions). LangChain/LangGraph spans carry the run's
// config as the `metadata` JSON attribute: langgraph_node names the graph node a span runs in,
// thread_id the conversation.
import type { Convention } from "./types";

export const OPENINFERENCE_METADATA = "metadata";

export const OPENINFERENCE = {
  name: "OpenInference",
  source: "https://github.com/Arize-ai/openinference/blob/main/spec/semantic_conventions.md",
  roles: [
    {
      attribute: "openinference.span.kind",
      values: { llm: "llm", embedding: "llm", tool: "tool", agent: "agent", chain: "other", retriever: "other" },
    },
  ],
  session: ["session.id"],
  agentName: ["agent.name"],
  agentNamedBySpan: { attribute: "openinference.span.kind", values: ["agent"] },
  requestModel: ["llm.model_name"],
  provider: ["llm.provider", "llm.system"],
  usage: {
    input: ["llm.token_count.prompt"],
    output: ["llm.token_count.completion"],
    cacheRead: ["llm.token_count.prompt_details.cache_read"],
    cacheWrite: ["llm.token_count.prompt_details.cache_write"],
    reasoning: ["llm.token_count.completion_details.reasoning"],
    cost: ["llm.cost.total"],
  },
  toolName: ["tool.name"],
  toolCallId: ["tool_call.id"],
  input: ["input.value"],
  output: ["output.value"],
  alsoRead: ["metadata (JSON: langgraph_node, langgraph_checkpoint_ns, thread_id, session_id, conversation_id)"],
} as const satisfies Convention;

/** Keys of the OpenInference `metadata` JSON (LangChain run config) the mapping reads. */
export const LANGGRAPH = {
  node: "langgraph_node",
  /** "<node>:<task>|<inner node>:<task>…": the root is the named node a subgraph span runs in */
  checkpointNamespace: "langgraph_checkpoint_ns",
  session: ["thread_id", "session_id", "conversation_id"],
  /**
   * Nodes of a prebuilt agent graph (createReactAgent, createAgent, the supervisor's own
   * graph): they are steps of the enclosing named node's agent, never agents themselves.
   */
  innerNodes: [
    "agent",
    "tools",
    "model",
    "model_request",
    "call_model",
    "__start__",
    "__end__",
    "generate_structured_response",
  ],
} as const;
