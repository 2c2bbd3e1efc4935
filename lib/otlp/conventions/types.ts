// The shape of one telemetry convention's table: which attributes say what. Each convention
// lives in its own file; conventions.ts orders them and documents the precedence.
/** What a span is to the dashboard. */
export type SpanRole = "agent" | "llm" | "tool" | "handoff" | "other";

/** What a role attribute's value makes of a span; "named-agent" is an agent only when it names itself. */
export type RoleValue = SpanRole | "named-agent";

export type UsageKeys = {
  /** input tokens, cache reads and writes included */
  input?: readonly string[];
  /** output tokens, reasoning included */
  output?: readonly string[];
  cacheRead?: readonly string[];
  cacheWrite?: readonly string[];
  reasoning?: readonly string[];
  /** USD */
  cost?: readonly string[];
};

export type Convention = {
  name: string;
  /** where the names were read from */
  source: string;
  /** attributes whose (case-insensitive) value says what the span is, first match wins */
  roles?: readonly { attribute: string; values: Readonly<Record<string, RoleValue>> }[];
  /** session ids the user set */
  session?: readonly string[];
  /** the agent's own name, read on agent spans */
  agentName?: readonly string[];
  agentId?: readonly string[];
  /** on a span that is not an agent: the agent it works for */
  ownerAgent?: readonly string[];
  /** an agent span of this convention that names itself nowhere else is named by its span name */
  agentNamedBySpan?: { attribute: string; values: readonly string[] };
  requestModel?: readonly string[];
  responseModel?: readonly string[];
  provider?: readonly string[];
  usage?: UsageKeys;
  toolName?: readonly string[];
  toolCallId?: readonly string[];
  toolArguments?: readonly string[];
  toolResult?: readonly string[];
  input?: readonly string[];
  output?: readonly string[];
  /** attributes read by the convention's own rules (JSON objects, handoffs), for the docs */
  alsoRead?: readonly string[];
};
