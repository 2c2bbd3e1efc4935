// The OpenAPI 3.1 document, generated from the zod schemas that validate requests and
// responses, so the docs cannot drift from the code.
import { z } from "zod";
import { eventBodies, EVENT_TYPES, ingestResponseSchema, LIMITS, type EventType } from "@/lib/ingest/schemas";
import { createGateRequestSchema, GATE_LIMITS, gateResponseSchema } from "@/lib/gates/schemas";
import { exportTraceResponseSchema } from "@/lib/otlp/schemas";
import { logEventListSchema, sessionDetailSchema, sessionListSchema } from "@/lib/sessions/api-schemas";
import { agentPerformanceResponseSchema, budgetResponseSchema, PERFORMANCE_GROUP_BY, profileResponseSchema, USAGE_GROUP_BY, usageResponseSchema } from "@/lib/usage/usage-schemas";
import { apiErrorSchema } from "./errors";

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const out = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  delete out.$schema;
  return out;
}

export const EVENT_DESCRIPTIONS: Record<EventType, string> = {
  session: "Creates or updates a session (upserted by sessionId). The newest event timestamp wins for status and other fields.",
  agent: "Registers or updates an agent: identity, model, capabilities, heartbeat and workload.",
  run: "An agent's execution within a session, optionally nested under a parent run.",
  llm_call: "One LLM request. Input tokens include cache reads and writes; output tokens include reasoning tokens (OpenTelemetry GenAI). A reported costUsd wins; otherwise cost is computed from the model price table.",
  log: "A log line of any kind. Its event id is its identity.",
  message: "An agent-to-agent message, optionally replying to another message.",
  state: "A state snapshot or checkpoint (with optional parent checkpoint).",
  task: "A task group or issue with status, assignee, revisions, review status and dependencies.",
  decision: "An orchestrator decision (e.g. spawn_agent, escalate_model) with its data.",
  artifact: "An output: document, skill result, finding, with optional path, hash, version, data and scores.",
  metric: "A named measurement with optional unit and labels.",
};

export function eventSchemaJson(type: EventType): JsonSchema {
  return schemaOf(eventBodies[type], "input");
}

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

export function openApiDocument(): JsonSchema {
  const eventSchemas = Object.fromEntries(
    EVENT_TYPES.map((type) => [
      `Event_${type}`,
      {
        type: "object",
        description: EVENT_DESCRIPTIONS[type],
        required: ["id", "type", "timestamp", "body"],
        properties: {
          id: { type: "string", maxLength: LIMITS.idMaxLength, description: "Client-chosen unique id. Re-sending it is safe: the answer is 200 and nothing changes." },
          type: { const: type },
          timestamp: { type: "string", description: "ISO-8601; zone-less timestamps are UTC" },
          body: eventSchemaJson(type),
        },
      },
    ]),
  );
  const cursorParams = [
    { name: "limit", in: "query", schema: { type: "integer", minimum: 1 } },
    { name: "cursor", in: "query", schema: { type: "string" }, description: "nextCursor of the previous page" },
  ];
  const sessionIdParam = { name: "sessionId", in: "path", required: true, schema: { type: "string" } };
  const common = { "401": errorResponse("Missing, unknown or revoked API key"), "429": errorResponse("Rate limited; see Retry-After") };
  return {
    openapi: "3.1.0",
    info: {
      title: "Agent Observatory API",
      version: "1",
      description: `Agents post telemetry with a project API key. Limits: ${LIMITS.maxEvents} events and ${LIMITS.maxBodyBytes} bytes per request (also after gzip); texts above ${LIMITS.textCap} characters are kept up to the cap with a visible truncation marker.`,
    },
    security: [{ bearer: [] }, { apiKey: [] }],
    paths: {
      ...usagePaths(common),
      ...gatePaths(common),
      "/api/v1/ingest": {
        post: {
          summary: "Send a batch of events",
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["events"],
                  properties: {
                    events: { type: "array", maxItems: LIMITS.maxEvents, items: { oneOf: EVENT_TYPES.map((t) => ({ $ref: `#/components/schemas/Event_${t}` })) } },
                  },
                },
              },
            },
          },
          responses: {
            "207": {
              description: "One result per event, in order: 201 stored, 200 duplicate id (already stored), 4xx rejected with the field path.",
              content: { "application/json": { schema: schemaOf(ingestResponseSchema, "output") } },
            },
            "400": errorResponse("The body is not JSON or has no events array"),
            "413": errorResponse("Too many events or too many bytes"),
            "503": errorResponse("Overloaded; see Retry-After"),
            ...common,
          },
        },
      },
      "/api/v1/otlp/v1/traces": {
        post: {
          summary: "Send OpenTelemetry traces (OTLP/HTTP)",
          description:
            "An OTLP/HTTP trace receiver: point an OTLP exporter's traces endpoint here. GenAI semantic-convention spans become sessions, runs, LLM calls and tool-call events; other spans become events. Re-sending the same spans (same trace and span ids) duplicates nothing.",
          requestBody: {
            required: true,
            description: `ExportTraceServiceRequest in the OTLP/JSON or protobuf encoding, optionally with Content-Encoding: gzip; at most ${LIMITS.maxEvents} spans and ${LIMITS.maxBodyBytes} bytes (also after gzip).`,
            content: {
              "application/json": { schema: { type: "object", description: "ExportTraceServiceRequest (OTLP/JSON)" } },
              "application/x-protobuf": { schema: { type: "string", format: "binary", description: "ExportTraceServiceRequest (protobuf)" } },
            },
          },
          responses: {
            "200": {
              description: "ExportTraceServiceResponse, in the request's encoding. partialSuccess counts the spans that could not be used; the others are stored.",
              content: {
                "application/json": { schema: schemaOf(exportTraceResponseSchema, "output") },
                "application/x-protobuf": { schema: { type: "string", format: "binary" } },
              },
            },
            "400": errorResponse("The body is not valid OTLP/JSON or OTLP/protobuf"),
            "413": errorResponse("Too many spans or too many bytes"),
            "415": errorResponse("Content-Type is neither application/json nor application/x-protobuf"),
            "503": errorResponse("Overloaded or storage unavailable; see Retry-After"),
            ...common,
          },
        },
      },
      "/api/v1/sessions": {
        get: {
          summary: "List sessions, newest first",
          parameters: [
            { name: "status", in: "query", schema: { type: "string" }, description: "comma-separated statuses" },
            { name: "source", in: "query", schema: { type: "string" } },
            { name: "phase", in: "query", schema: { type: "string" } },
            { name: "q", in: "query", schema: { type: "string" }, description: "searches session id, title and mission" },
            ...cursorParams,
          ],
          responses: { "200": { description: "A page of sessions", content: { "application/json": { schema: schemaOf(sessionListSchema, "output") } } }, "400": errorResponse("Bad parameter"), ...common },
        },
      },
      "/api/v1/sessions/{sessionId}": {
        get: {
          summary: "A session with its counts and LLM usage totals",
          parameters: [sessionIdParam],
          responses: { "200": { description: "The session", content: { "application/json": { schema: schemaOf(sessionDetailSchema, "output") } } }, "404": errorResponse("No such session in this key's project"), ...common },
        },
      },
      "/api/v1/sessions/{sessionId}/events": {
        get: {
          summary: "A session's log events, oldest first",
          parameters: [sessionIdParam, { name: "level", in: "query", schema: { type: "string" } }, { name: "kind", in: "query", schema: { type: "string" } }, ...cursorParams],
          responses: { "200": { description: "A page of events", content: { "application/json": { schema: schemaOf(logEventListSchema, "output") } } }, "404": errorResponse("No such session in this key's project"), ...common },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "Authorization: Bearer <project API key>" },
        apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
      },
      schemas: { Error: schemaOf(apiErrorSchema, "output"), ...eventSchemas },
    },
  };
}

function gatePaths(common: Record<string, unknown>): Record<string, unknown> {
  const gate = { description: "The gate", content: { "application/json": { schema: schemaOf(gateResponseSchema, "output") } } };
  const gateId = { name: "gateId", in: "path", required: true, schema: { type: "string" } };
  return {
    "/api/v1/sessions/{sessionId}/gates": {
      post: {
        summary: "Open a human gate: the session waits for a person to approve or reject",
        description: "Sets the session to awaiting_approval. Then long-poll GET /api/v1/gates/{gateId}?wait=60 until the status is no longer pending.",
        parameters: [{ name: "sessionId", in: "path", required: true, schema: { type: "string" } }],
        requestBody: { required: true, content: { "application/json": { schema: schemaOf(createGateRequestSchema, "input") } } },
        responses: {
          "201": { ...gate, description: "Created, pending" },
          "200": { ...gate, description: "A gate with this gateId already exists: returned unchanged" },
          "400": errorResponse("Bad body; the error names the field"),
          "404": errorResponse("No such session in this key's project"),
          "409": errorResponse("The gateId is used by a gate of another session"),
          "413": errorResponse(`Body larger than ${GATE_LIMITS.maxBodyBytes} bytes`),
          ...common,
        },
      },
    },
    "/api/v1/gates/{gateId}": {
      get: {
        summary: "A gate's status and decision; with ?wait=N a long-poll",
        description: `Returns as soon as the gate leaves pending (approved, rejected, expired or cancelled), or its current state when the wait ends. expired means not approved.`,
        parameters: [gateId, { name: "wait", in: "query", schema: { type: "number", minimum: 0, maximum: GATE_LIMITS.maxWaitSeconds }, description: "seconds to wait for a decision (default 0)" }],
        responses: { "200": gate, "400": errorResponse("Bad parameter"), "404": errorResponse("No such gate in this key's project"), ...common },
      },
      delete: {
        summary: "Cancel the agent's own pending gate",
        parameters: [gateId],
        responses: {
          "200": { ...gate, description: "Cancelled (or already cancelled or expired)" },
          "404": errorResponse("No such gate in this key's project"),
          "409": errorResponse("Already approved or rejected: act on the decision"),
          ...common,
        },
      },
    },
  };
}

function usagePaths(common: Record<string, unknown>): Record<string, unknown> {
  const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema: schemaOf(schema, "output") } } });
  const window = [
    { name: "from", in: "query", schema: { type: "string" }, description: "ISO-8601; default 30 days before `to`" },
    { name: "to", in: "query", schema: { type: "string" }, description: "ISO-8601; default now; ranges up to 400 days" },
    { name: "source", in: "query", schema: { type: "string" } },
  ];
  const profile = { name: "profile", in: "path", required: true, schema: { type: "string" } };
  const bad = { description: "Bad parameter", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  const missing = { description: "No such profile", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  return {
    "/api/v1/usage": {
      get: {
        summary: "Tokens and cost grouped by model, agent type, source, day or hour (from the hourly rollups)",
        parameters: [{ name: "groupBy", in: "query", schema: { enum: [...USAGE_GROUP_BY] } }, { name: "sessionId", in: "query", schema: { type: "string" } }, ...window],
        responses: { "200": json(usageResponseSchema, "Usage groups; each cost says where it came from"), "400": bad, ...common },
      },
    },
    "/api/v1/agents/performance": {
      get: {
        summary: "Runs, success rate, p50/p95 duration, tokens, cost per run and revisions per agent type, agent or model",
        parameters: [{ name: "groupBy", in: "query", schema: { enum: [...PERFORMANCE_GROUP_BY] } }, ...window],
        responses: { "200": json(agentPerformanceResponseSchema, "Performance rows"), "400": bad, ...common },
      },
    },
    "/api/v1/budgets/{profile}": {
      get: { summary: "An agent profile's daily budget and today's use: ask before spending", parameters: [profile], responses: { "200": json(budgetResponseSchema, "The budget"), "404": missing, ...common } },
    },
    "/api/v1/profiles/{profile}": {
      get: { summary: "An agent profile with its active prompt version", parameters: [profile], responses: { "200": json(profileResponseSchema, "The profile"), "404": missing, ...common } },
    },
  };
}
