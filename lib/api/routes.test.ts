// The API's contract cannot drift: every route file under app/api/v1 serves an entry of the
// route registry, the handler parses with that entry's schemas (the wrapper does it), and
// the OpenAPI document shows exactly those schemas. Every 4xx has the one error body.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createApiKey } from "@/lib/auth/api-keys";
import { overrideDbForTests } from "@/lib/db/client";
import { envelopeSchema } from "@/lib/ingest/schemas";
import { ensureProject } from "@/lib/projects/projects";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { apiErrorSchema } from "./errors";
import { openApiDocument, queryParameters, requestBody, schemaOf } from "./openapi";
import type { ApiRouteHandler } from "./route";
import { API_ROUTES, type ApiRouteName, type ApiRouteSpec } from "./routes";

const ROOT = path.resolve(import.meta.dirname, "../..");
const API_DIR = path.join(ROOT, "app/api/v1");
/** Serves the document itself: not an API-key route. */
const NOT_API_ROUTES = new Set(["app/api/v1/openapi.json/route.ts"]);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir = API_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return e.name === "route.ts" ? [path.relative(ROOT, full)] : [];
  });
}

/** app/api/v1/sessions/[sessionId]/route.ts → /api/v1/sessions/{sessionId} */
const openApiPath = (file: string) =>
  `/${path
    .dirname(file)
    .replace(/^app\//, "")
    .replace(/\[(\w+)\]/g, "{$1}")}`;

type Served = { file: string; method: string; handler: ApiRouteHandler<ApiRouteSpec> };

async function servedRoutes(): Promise<Served[]> {
  const served: Served[] = [];
  for (const file of routeFiles().filter((f) => !NOT_API_ROUTES.has(f))) {
    const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    for (const method of METHODS) {
      if (mod[method]) served.push({ file, method, handler: mod[method] as ApiRouteHandler<ApiRouteSpec> });
    }
  }
  return served;
}

type Operation = {
  parameters?: { name: string; in: string; schema?: unknown; description?: string }[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
};
const doc = openApiDocument() as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>> };
};
const operationOf = (route: ApiRouteSpec) => doc.paths[route.path]?.[route.method.toLowerCase()];
const entries = Object.entries(API_ROUTES) as [ApiRouteName, ApiRouteSpec][];

describe("route registry", () => {
  it("has one entry per handler of app/api/v1, at the handler's path and method", async () => {
    const served = await servedRoutes();
    expect(served.length).toBeGreaterThan(0);
    for (const { file, method, handler } of served) {
      expect(handler.route, `${method} in ${file} must be built with apiRoute(API_ROUTES.…)`).toBeDefined();
      expect(
        entries.map(([, r]) => r),
        `${method} in ${file}`,
      ).toContain(handler.route);
      expect({ method: handler.route.method, path: handler.route.path }).toEqual({ method, path: openApiPath(file) });
    }
    // and no entry without a handler: the document would promise a route that does not exist
    expect(served.map((s) => s.handler.route).sort(byKey)).toEqual(entries.map(([, r]) => r).sort(byKey));
  });

  it("leaves parsing to the wrapper, so a handler cannot parse with a schema beside the registry", () => {
    for (const file of routeFiles().filter((f) => !NOT_API_ROUTES.has(f))) {
      const source = readFileSync(path.join(ROOT, file), "utf8");
      expect(source, file).not.toMatch(/parseQuery|parseBody|safeParse|\.parse\(|searchParams|request\.json\(/);
    }
  });
});

const byKey = (a: ApiRouteSpec, b: ApiRouteSpec) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`);

describe("OpenAPI document against the registry", () => {
  it.each(entries)("%s: parameters and body are the JSON Schema of the handler's schemas", (_name, route) => {
    const operation = operationOf(route);
    expect(operation).toBeDefined();
    const query = (operation!.parameters ?? []).filter((p) => p.in === "query");
    expect(query).toEqual(route.query ? queryParameters(route.query) : []);
    // queryParameters is what the document is built from; pin it to z.toJSONSchema itself
    if (route.query) {
      const json = z.toJSONSchema(route.query, { io: "input", unrepresentable: "any" }) as {
        properties: Record<string, { description?: string }>;
      };
      expect(query.map((p) => p.name)).toEqual(Object.keys(json.properties));
      for (const p of query) {
        const { description, ...schema } = json.properties[p.name]!;
        expect(p.schema).toEqual(schema);
        expect(p.description).toEqual(description);
      }
    }
    const body = operation!.requestBody as { content: Record<string, { schema: unknown }> } | undefined;
    expect(body).toEqual(requestBody(route));
    if (route.body) {
      const json = z.toJSONSchema(route.body, {
        io: "input",
        unrepresentable: "any",
        target: "draft-2020-12",
      }) as Record<string, unknown>;
      delete json.$schema;
      expect(body?.content["application/json"]?.schema).toEqual(json);
    }
    const params = (operation!.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
    expect(params).toEqual([...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
  });

  it("says what the handlers accept: epoch-millisecond timestamps", () => {
    const timestamp = (doc.components.schemas.Event_log!.properties as Record<string, { type?: unknown }>).timestamp;
    expect(timestamp?.type).toEqual(["string", "number"]);
    // …and the handler does accept them
    const parsed = envelopeSchema.safeParse({ id: "e1", type: "log", timestamp: 1_767_225_600_000, body: {} });
    expect(parsed.success && parsed.data.timestamp.toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });

  it.each(entries.filter(([, r]) => r.query && "limit" in (schemaOf(r.query, "input").properties as object)))(
    "%s: the documented limit maximum is the one the handler enforces",
    (_name, route) => {
      const limit = operationOf(route)!.parameters!.find((p) => p.name === "limit") as {
        schema: { minimum: number; maximum: number };
      };
      expect(limit.schema.maximum).toBeGreaterThan(1);
      expect(route.query!.safeParse({ limit: String(limit.schema.maximum) }).success).toBe(true);
      expect(route.query!.safeParse({ limit: String(limit.schema.maximum + 1) }).success).toBe(false);
      expect(route.query!.safeParse({ limit: String(limit.schema.minimum - 1) }).success).toBe(false);
    },
  );

  it("documents the ingest limit on events and shows each event's schema", () => {
    const schema = (
      operationOf(API_ROUTES.ingest)!.requestBody as {
        content: {
          "application/json": { schema: { properties: { events: { maxItems: number; items: { oneOf: unknown[] } } } } };
        };
      }
    ).content["application/json"].schema;
    expect(schema.properties.events.maxItems).toBe(1000);
    expect(schema.properties.events.items.oneOf).toContainEqual({ $ref: "#/components/schemas/Event_llm_call" });
  });
});

/** One error body, with nothing else in it (an old `path` key would fail). */
const strictError = z.strictObject({ error: apiErrorSchema.shape.error.strict() });

/** At least one failing request per route: [route, path, init, expected status]. */
const FAILING: [ApiRouteName, string, RequestInit, number][] = [
  ["ingest", "/api/v1/ingest", { method: "POST", body: "{not json" }, 400],
  ["ingest", "/api/v1/ingest", { method: "POST", body: JSON.stringify({ events: "no" }) }, 400],
  [
    "ingest",
    "/api/v1/ingest",
    { method: "POST", body: JSON.stringify({ events: Array.from({ length: 1001 }, () => ({})) }) },
    413,
  ],
  [
    "otlpTraces",
    "/api/v1/otlp/v1/traces",
    { method: "POST", body: '{"resourceSpans": 7}', headers: { "content-type": "application/json" } },
    400,
  ],
  [
    "otlpTraces",
    "/api/v1/otlp/v1/traces",
    { method: "POST", body: "x", headers: { "content-type": "text/plain" } },
    415,
  ],
  ["listSessions", "/api/v1/sessions?limit=banana", {}, 400],
  ["listSessions", "/api/v1/sessions?limit=201", {}, 400],
  ["getSession", "/api/v1/sessions/nope", {}, 404],
  ["listSessionEvents", "/api/v1/sessions/nope/events?limit=0", {}, 400],
  ["listSessionEvents", "/api/v1/sessions/nope/events", {}, 404],
  ["createGate", "/api/v1/sessions/nope/gates", { method: "POST", body: JSON.stringify({ title: "" }) }, 400],
  ["createGate", "/api/v1/sessions/nope/gates", { method: "POST", body: JSON.stringify({ title: "t" }) }, 404],
  ["getGate", "/api/v1/gates/nope?wait=61", {}, 400],
  ["getGate", "/api/v1/gates/nope", {}, 404],
  ["cancelGate", "/api/v1/gates/nope", { method: "DELETE" }, 404],
  ["usage", "/api/v1/usage?from=yesterday-ish", {}, 400],
  ["usage", "/api/v1/usage?sessionId=nope", {}, 404],
  ["agentPerformance", "/api/v1/agents/performance?groupBy=mood", {}, 400],
  ["budget", "/api/v1/budgets/nope", {}, 404],
  ["profile", "/api/v1/profiles/nope", {}, 404],
];

describe.each(databaseKinds())("every 4xx of the API on %s", (kind) => {
  let t: TestDatabase;
  let key: string;
  let served: Served[];
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    key = (await createApiKey(t.db, { projectId: (await ensureProject(t.db, "alpha")).id, name: "errors" })).key;
    served = await servedRoutes();
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  it("covers every route", () => {
    expect(new Set(FAILING.map(([name]) => name))).toEqual(new Set(Object.keys(API_ROUTES)));
  });

  it.each(FAILING)("%s %s → the one error body", async (name, url, init, status) => {
    const route = API_ROUTES[name] as ApiRouteSpec;
    const handler = served.find((s) => s.handler.route === route)!.handler;
    const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const pattern = new RegExp(`^${route.path.replace(/\{\w+\}/g, "([^/]+)")}$`);
    const values = pattern.exec(new URL(url, "http://observatory.test").pathname)!.slice(1);
    const headers = {
      authorization: `Bearer ${key}`,
      "content-type": "application/json",
      ...(init.headers as Record<string, string> | undefined),
    };
    const res = await handler(new Request(`http://observatory.test${url}`, { ...init, headers }), {
      params: Promise.resolve(Object.fromEntries(names.map((n, i) => [n, values[i]!]))),
    });
    expect(res.status).toBe(status);
    const body = strictError.parse(await res.json());
    expect(body.error.message.length).toBeGreaterThan(0);
    // and the document lists this answer for the route
    expect(Object.keys(operationOf(route)!.responses ?? {})).toContain(String(status));
  });

  it("lists every zod issue, and names the first as the field", async () => {
    const handler = served.find((s) => s.handler.route === API_ROUTES.createGate)!.handler;
    const res = await handler(
      new Request("http://observatory.test/api/v1/sessions/s/gates", {
        method: "POST",
        body: JSON.stringify({ title: "", expiresInSeconds: 0, onReject: "explode" }),
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      }),
      { params: Promise.resolve({ sessionId: "s" }) },
    );
    const { error } = strictError.parse(await res.json());
    expect(error).toMatchObject({ code: "invalid_field", field: "title" });
    expect(error.issues?.map((i) => i.field)).toEqual(["title", "expiresInSeconds", "onReject"]);
  });
});
