// The attributes this dashboard's tracing processor for @openai/agents writes
// (lib/client/openai-agents-processor.ts): the SDK's own span types and its handoffs. Names,
// models, usage and the session (the trace's groupId) go in the OpenTelemetry GenAI names.
import type { Convention } from "./types";

export const OPENAI_AGENTS_SPAN_TYPE = "openai.agents.span.type";
export const OPENAI_AGENTS_HANDOFF = { from: "openai.agents.handoff.from_agent", to: "openai.agents.handoff.to_agent" };

export const OPENAI_AGENTS = {
  name: "OpenAI Agents SDK (Observatory processor)",
  source: "https://openai.github.io/openai-agents-js/guides/tracing/",
  roles: [
    {
      attribute: OPENAI_AGENTS_SPAN_TYPE,
      // generation and response spans carry gen_ai.operation.name "chat" unless an
      // OpenTelemetry instrumentation recorded the call, in which case they are plain steps
      values: { agent: "named-agent", function: "tool", handoff: "handoff" },
    },
  ],
  alsoRead: [OPENAI_AGENTS_HANDOFF.from, OPENAI_AGENTS_HANDOFF.to],
} as const satisfies Convention;
