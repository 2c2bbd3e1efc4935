import { describe, expect, it } from "vitest";
import { EVENT_TYPES } from "@/lib/ingest/schemas";
import { eventDocs } from "./docs";
import { openApiDocument } from "./openapi";

describe("OpenAPI document", () => {
  const doc = openApiDocument() as {
    openapi: string;
    paths: Record<string, unknown>;
    components: {
      schemas: Record<string, { properties: { body: { required?: string[]; properties: Record<string, unknown> } } }>;
    };
  };

  it("describes every route and every event type", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/api/v1/agents/performance",
      "/api/v1/budgets/{profile}",
      "/api/v1/gates/{gateId}",
      "/api/v1/ingest",
      "/api/v1/otlp/v1/traces",
      "/api/v1/profiles/{profile}",
      "/api/v1/sessions",
      "/api/v1/sessions/{sessionId}",
      "/api/v1/sessions/{sessionId}/events",
      "/api/v1/sessions/{sessionId}/gates",
      "/api/v1/usage",
    ]);
    for (const type of EVENT_TYPES) expect(doc.components.schemas[`Event_${type}`]).toBeDefined();
  });

  it("takes required fields from the zod schemas", () => {
    const llm = doc.components.schemas.Event_llm_call!.properties.body;
    expect(llm.required?.sort()).toEqual(["callId", "sessionId"]);
    expect(Object.keys(llm.properties)).toContain("cacheReadTokens");
    const run = doc.components.schemas.Event_run!.properties.body;
    expect(run.required?.sort()).toEqual(["agentType", "runId", "sessionId", "status"]);
  });

  it("feeds the docs page the same fields", () => {
    const docs = eventDocs();
    expect(docs.map((d) => d.type)).toEqual(EVENT_TYPES);
    const message = docs.find((d) => d.type === "message")!;
    expect(
      message.fields
        .filter((f) => f.required)
        .map((f) => f.name)
        .sort(),
    ).toEqual(["content", "from", "messageId", "sessionId", "to"]);
  });
});
