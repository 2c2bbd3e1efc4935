// The OpenAPI 3.1 document, generated from the route registry (lib/api/routes.ts): the
// schemas shown are the very ones the handlers parse with, so the docs cannot drift from
// the code. Nothing here describes a request or response by hand.
import { z } from "zod";
import { eventBodies, eventSchema, EVENT_TYPES, LIMITS, type EventType } from "@/lib/ingest/schemas";
import { apiErrorSchema } from "./errors";
import { API_ROUTES, type ApiRouteSpec, type ResponseSpec } from "./routes";

type JsonSchema = Record<string, unknown>;

/** A schema as JSON Schema: requests as clients send them (input), responses as sent (output). */
export function schemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const out = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  delete out.$schema;
  return out;
}

export const EVENT_DESCRIPTIONS: Record<EventType, string> = {
  session:
    "Creates or updates a session (upserted by sessionId). The newest event timestamp wins for status and other fields.",
  agent: "Registers or updates an agent: identity, model, capabilities, heartbeat and workload.",
  run: "An agent's execution within a session, optionally nested under a parent run.",
  llm_call:
    "One LLM request. Input tokens include cache reads and writes; output tokens include reasoning tokens (OpenTelemetry GenAI). A reported costUsd wins; otherwise cost is computed from the model price table.",
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

const errorContent = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };

/** The query parameters of a route: one per property of its query schema. */
export function queryParameters(query: z.ZodType): JsonSchema[] {
  const schema = schemaOf(query, "input");
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: "query",
      ...(required.has(name) ? { required: true } : {}),
      schema: rest,
      ...(description ? { description } : {}),
    };
  });
}

function pathParameters(path: string): JsonSchema[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
}

function response(spec: ResponseSpec | string): JsonSchema {
  if (typeof spec === "string") return { description: spec, content: errorContent };
  if (!spec.schema) return { description: spec.description };
  return {
    description: spec.description,
    content: { "application/json": { schema: schemaOf(spec.schema, "output") }, ...spec.otherContent },
  };
}

/** The request body a route documents: its JSON body schema, or the raw body it decodes itself. */
export function requestBody(route: ApiRouteSpec): JsonSchema | undefined {
  if (route.body) return { required: true, content: { "application/json": { schema: schemaOf(route.body, "input") } } };
  if (route.rawBody) return { required: true, ...route.rawBody };
  return undefined;
}

function operation(route: ApiRouteSpec): JsonSchema {
  const parameters = [...pathParameters(route.path), ...(route.query ? queryParameters(route.query) : [])];
  const body = requestBody(route);
  return {
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: {
      ...Object.fromEntries(Object.entries(route.responses).map(([status, spec]) => [status, response(spec)])),
      "401": response("Missing, unknown or revoked API key"),
      "429": response("Rate limited; see Retry-After"),
    },
  };
}

export function openApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of Object.values(API_ROUTES) as ApiRouteSpec[]) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  const eventSchemas = Object.fromEntries(
    EVENT_TYPES.map((type) => [
      `Event_${type}`,
      { description: EVENT_DESCRIPTIONS[type], ...schemaOf(eventSchema(type), "input") },
    ]),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "Agent Observatory API",
      version: "1",
      description: `Agents post telemetry with a project API key. Limits: ${LIMITS.maxEvents} events and ${LIMITS.maxBodyBytes} bytes per request (also after gzip); texts above ${LIMITS.textCap} characters are kept up to the cap with a visible truncation marker. Every error answer has the Error body.`,
    },
    security: [{ bearer: [] }, { apiKey: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "Authorization: Bearer <project API key>" },
        apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
      },
      schemas: { Error: schemaOf(apiErrorSchema, "output"), ...eventSchemas },
    },
  };
}
