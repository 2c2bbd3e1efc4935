// Every /api/v1 route in one table: its method and path, what the wrapper (lib/api/route.ts)
// parses its query and body with, and what it answers. The handler receives the parsed
// query and body from these very schemas, and the OpenAPI document (lib/api/openapi.ts) is
// generated from them, so the two cannot disagree. lib/api/routes.test.ts checks that every
// route file under app/api/v1 serves exactly one entry of this table.
import type { z } from "zod";
import { createGateRequestSchema, GATE_LIMITS, gateResponseSchema, waitQuerySchema } from "@/lib/gates/schemas";
import { ingestRequestSchema, ingestResponseSchema, LIMITS } from "@/lib/ingest/schemas";
import { exportTraceResponseSchema } from "@/lib/otlp/schemas";
import {
  eventListQuery,
  logEventListSchema,
  sessionDetailSchema,
  sessionListQuery,
  sessionListSchema,
} from "@/lib/sessions/api-schemas";
import {
  agentPerformanceResponseSchema,
  budgetResponseSchema,
  performanceQuery,
  profileResponseSchema,
  usageQuery,
  usageResponseSchema,
} from "@/lib/usage/usage-schemas";

/** A response: a description, and its JSON body's schema (an error description alone means the Error body). */
export type ResponseSpec = {
  description: string;
  schema?: z.ZodType;
  /** other encodings of the same answer, as OpenAPI media types (OTLP answers protobuf too) */
  otherContent?: Record<string, unknown>;
};

export type ApiRouteSpec = {
  method: "GET" | "POST" | "DELETE";
  /** the OpenAPI path; `{name}` segments are the route's dynamic segments */
  path: string;
  summary: string;
  description?: string;
  /** the query string's schema; the handler gets its output as `query` */
  query?: z.ZodType;
  /** the JSON body's schema; the handler gets its output as `body` */
  body?: z.ZodType;
  /** a body the handler decodes itself (OTLP protobuf or JSON), documented as these media types */
  rawBody?: { description: string; content: Record<string, unknown> };
  /** the JSON body is read up to this many bytes (also after gzip) */
  maxBodyBytes?: number;
  /** writes share a bounded queue; beyond it requests get 503 + Retry-After */
  write?: boolean;
  /** success answers, and error answers by status (a string describes an Error body) */
  responses: Record<string, ResponseSpec | string>;
};

/** The `{name}` segments of a path, as the params object Next.js passes to the handler. */
export type PathParams<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? { [K in Name | keyof PathParams<Rest>]: string }
  : Record<never, never>;

const defineRoute = <const R extends ApiRouteSpec>(route: R): R => route;

const sessionMissing = "No such session in this key's project";

export const API_ROUTES = {
  ingest: defineRoute({
    method: "POST",
    path: "/api/v1/ingest",
    summary: "Send a batch of events",
    body: ingestRequestSchema,
    maxBodyBytes: LIMITS.maxBodyBytes,
    write: true,
    responses: {
      "207": {
        description:
          "One result per event, in order: 201 stored, 200 duplicate id (already stored), 4xx rejected with the field.",
        schema: ingestResponseSchema,
      },
      "400": "The body is not JSON or has no events array",
      "413": "Too many events or too many bytes",
      "503": "Overloaded; see Retry-After",
    },
  }),
  otlpTraces: defineRoute({
    method: "POST",
    path: "/api/v1/otlp/v1/traces",
    summary: "Send OpenTelemetry traces (OTLP/HTTP)",
    description:
      "An OTLP/HTTP trace receiver: point an OTLP exporter's traces endpoint here. GenAI semantic-convention spans become sessions, runs, LLM calls and tool-call events; other spans become events. Re-sending the same spans (same trace and span ids) duplicates nothing.",
    rawBody: {
      description: `ExportTraceServiceRequest in the OTLP/JSON or protobuf encoding, optionally with Content-Encoding: gzip; at most ${LIMITS.maxEvents} spans and ${LIMITS.maxBodyBytes} bytes (also after gzip).`,
      content: {
        "application/json": { schema: { type: "object", description: "ExportTraceServiceRequest (OTLP/JSON)" } },
        "application/x-protobuf": {
          schema: { type: "string", format: "binary", description: "ExportTraceServiceRequest (protobuf)" },
        },
      },
    },
    write: true,
    responses: {
      "200": {
        description:
          "ExportTraceServiceResponse, in the request's encoding. partialSuccess counts the spans that could not be used; the others are stored.",
        schema: exportTraceResponseSchema,
        otherContent: { "application/x-protobuf": { schema: { type: "string", format: "binary" } } },
      },
      "400": "The body is not valid OTLP/JSON or OTLP/protobuf",
      "413": "Too many spans or too many bytes",
      "415": "Content-Type is neither application/json nor application/x-protobuf",
      "503": "Overloaded or storage unavailable; see Retry-After",
    },
  }),
  listSessions: defineRoute({
    method: "GET",
    path: "/api/v1/sessions",
    summary: "List sessions, newest first",
    query: sessionListQuery,
    responses: { "200": { description: "A page of sessions", schema: sessionListSchema }, "400": "Bad parameter" },
  }),
  getSession: defineRoute({
    method: "GET",
    path: "/api/v1/sessions/{sessionId}",
    summary: "A session with its counts and LLM usage totals",
    responses: { "200": { description: "The session", schema: sessionDetailSchema }, "404": sessionMissing },
  }),
  listSessionEvents: defineRoute({
    method: "GET",
    path: "/api/v1/sessions/{sessionId}/events",
    summary: "A session's log events, oldest first",
    query: eventListQuery,
    responses: {
      "200": { description: "A page of events", schema: logEventListSchema },
      "400": "Bad parameter",
      "404": sessionMissing,
    },
  }),
  createGate: defineRoute({
    method: "POST",
    path: "/api/v1/sessions/{sessionId}/gates",
    summary: "Open a human gate: the session waits for a person to approve or reject",
    description:
      "Sets the session to awaiting_approval. Then long-poll GET /api/v1/gates/{gateId}?wait=60 until the status is no longer pending.",
    body: createGateRequestSchema,
    maxBodyBytes: GATE_LIMITS.maxBodyBytes,
    write: true,
    responses: {
      "201": { description: "Created, pending", schema: gateResponseSchema },
      "200": { description: "A gate with this gateId already exists: returned unchanged", schema: gateResponseSchema },
      "400": "Bad body; the error names the field",
      "404": sessionMissing,
      "409": "The gateId is used by a gate of another session",
      "413": `Body larger than ${GATE_LIMITS.maxBodyBytes} bytes`,
    },
  }),
  getGate: defineRoute({
    method: "GET",
    path: "/api/v1/gates/{gateId}",
    summary: "A gate's status and decision; with ?wait=N a long-poll",
    description:
      "Returns as soon as the gate leaves pending (approved, rejected, expired or cancelled), or its current state when the wait ends. expired means not approved.",
    query: waitQuerySchema,
    responses: {
      "200": { description: "The gate", schema: gateResponseSchema },
      "400": "Bad parameter",
      "404": "No such gate in this key's project",
    },
  }),
  cancelGate: defineRoute({
    method: "DELETE",
    path: "/api/v1/gates/{gateId}",
    summary: "Cancel the agent's own pending gate",
    write: true,
    responses: {
      "200": { description: "Cancelled (or already cancelled or expired)", schema: gateResponseSchema },
      "404": "No such gate in this key's project",
      "409": "Already approved or rejected: act on the decision",
    },
  }),
  usage: defineRoute({
    method: "GET",
    path: "/api/v1/usage",
    summary: "Tokens and cost grouped by model, agent type, source, day or hour (from the hourly rollups)",
    query: usageQuery,
    responses: {
      "200": { description: "Usage groups; each cost says where it came from", schema: usageResponseSchema },
      "400": "Bad parameter",
      "404": sessionMissing,
    },
  }),
  agentPerformance: defineRoute({
    method: "GET",
    path: "/api/v1/agents/performance",
    summary: "Runs, success rate, p50/p95 duration, tokens, cost per run and revisions per agent type, agent or model",
    query: performanceQuery,
    responses: {
      "200": { description: "Performance rows", schema: agentPerformanceResponseSchema },
      "400": "Bad parameter",
    },
  }),
  budget: defineRoute({
    method: "GET",
    path: "/api/v1/budgets/{profile}",
    summary: "An agent profile's daily budget and today's use: ask before spending",
    responses: { "200": { description: "The budget", schema: budgetResponseSchema }, "404": "No such profile" },
  }),
  profile: defineRoute({
    method: "GET",
    path: "/api/v1/profiles/{profile}",
    summary: "An agent profile with its active prompt version",
    responses: { "200": { description: "The profile", schema: profileResponseSchema }, "404": "No such profile" },
  }),
} satisfies Record<string, ApiRouteSpec>;

export type ApiRouteName = keyof typeof API_ROUTES;
