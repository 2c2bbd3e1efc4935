// Plain data for the API docs page, derived from the event schemas (via JSON Schema) so
// the page always matches what the API accepts.
import { EVENT_TYPES, type EventType } from "@/lib/ingest/schemas";
import { EVENT_DESCRIPTIONS, eventSchemaJson } from "./openapi";

export type FieldDoc = { name: string; type: string; required: boolean };
export type EventDoc = { type: EventType; description: string; fields: FieldDoc[]; example: Record<string, unknown> };

type Json = Record<string, unknown>;

function typeName(schema: Json): string {
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Json[]).map(typeName).join(" | ");
  if (schema.type === "array") return `${typeName((schema.items as Json | undefined) ?? {})}[]`;
  if (Array.isArray(schema.type)) return (schema.type as string[]).join(" | ");
  if (typeof schema.type === "string") {
    if (schema.type === "integer" && schema.minimum === 0) return "integer ≥ 0";
    if (schema.type === "number" && schema.minimum === 0) return "number ≥ 0";
    return schema.type;
  }
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(" | ");
  return "JSON";
}

const EXAMPLES: Record<EventType, Json> = {
  session: {
    sessionId: "bazinga_20260112_143022",
    mission: "Add authentication",
    mode: "parallel",
    status: "active",
    phase: "pm",
    source: "bazinga",
  },
  agent: {
    agentId: "developer_1",
    type: "developer",
    model: "claude-sonnet-4-20250514",
    heartbeatAt: "2026-01-12T14:31:00Z",
  },
  run: {
    runId: "run-7",
    sessionId: "bazinga_20260112_143022",
    agentType: "developer",
    agentId: "developer_1",
    status: "running",
  },
  llm_call: {
    callId: "call-42",
    sessionId: "bazinga_20260112_143022",
    runId: "run-7",
    model: "claude-sonnet-4-20250514",
    inputTokens: 12000,
    cacheReadTokens: 8000,
    outputTokens: 900,
    latencyMs: 4200,
  },
  log: { sessionId: "bazinga_20260112_143022", level: "info", kind: "milestone", iteration: 2, message: "Tests pass" },
  message: {
    messageId: "msg-1",
    sessionId: "bazinga_20260112_143022",
    from: "pm",
    to: "developer_1",
    kind: "request",
    content: "Implement login",
  },
  state: { sessionId: "bazinga_20260112_143022", kind: "pm", data: { iteration: 2 } },
  task: {
    taskId: "group_a",
    sessionId: "bazinga_20260112_143022",
    name: "Authentication",
    status: "in_progress",
    revisionCount: 1,
  },
  decision: {
    sessionId: "bazinga_20260112_143022",
    iteration: 2,
    decisionType: "spawn_agent",
    data: { agent: "qa_expert" },
  },
  artifact: {
    artifactId: "scan-1",
    sessionId: "bazinga_20260112_143022",
    type: "skill_output",
    name: "security_scan",
    data: { severity: "low" },
  },
  metric: { name: "response_time", value: 1.8, unit: "s", sessionId: "bazinga_20260112_143022" },
};

export function eventDocs(): EventDoc[] {
  return EVENT_TYPES.map((type) => {
    const schema = eventSchemaJson(type);
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const props = (schema.properties as Record<string, Json> | undefined) ?? {};
    return {
      type,
      description: EVENT_DESCRIPTIONS[type],
      fields: Object.entries(props).map(([name, s]) => ({ name, type: typeName(s), required: required.has(name) })),
      example: EXAMPLES[type],
    };
  });
}
