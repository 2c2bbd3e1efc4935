import "server-only";
// The one wrapper every /api/v1 route handler goes through: request id, API-key auth,
// per-key rate limit, bounded concurrency for writes, body caps, and error → status.
// Handlers declare what they need and never repeat try/catch.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { authenticateApiKey, hashApiKey, type ApiPrincipal } from "@/lib/auth/api-keys";
import { db, type Db } from "@/lib/db/client";
import { storableJson } from "@/lib/db/storable-text";
import { env } from "@/lib/env";
import { redactSecrets } from "@/lib/ingest/redact";
import { LIMITS as INGEST_LIMITS } from "@/lib/ingest/schemas";
import { QueueFullError } from "@/lib/ingest/write-queue";
import { readJson } from "./body";
import { ApiError } from "./errors";
import { Gate, RateLimiter } from "./load-shedding";
import { parseBody } from "./parse-body";
import { parseQuery } from "./query";
import type { ApiRouteSpec, PathParams } from "./routes";

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export type RouteContext<R extends ApiRouteSpec> = {
  request: Request;
  db: Db;
  principal: ApiPrincipal;
  params: PathParams<R["path"]>;
  requestId: string;
  /** the query string, parsed with the route's `query` schema */
  query: Parsed<R["query"]>;
  /** the JSON body, parsed with the route's `body` schema */
  body: Parsed<R["body"]>;
  url: URL;
};

/**
 * A route handler as Next.js calls it, carrying the registry entry it serves (for the drift
 * test). The params arrive untyped: the entry's path names them, and `ctx.params` is typed.
 */
export type ApiRouteHandler<R extends ApiRouteSpec> = ((
  request: Request,
  segment: { params: Promise<Record<string, string>> },
) => Promise<Response>) & {
  readonly route: R;
};

// On globalThis: Next.js may load this module once per route bundle, and the limits are per
// process, not per route. Built on first use, from the settings in lib/env.ts.
const limitsHolder = globalThis as unknown as { __observatoryApiLimits?: { writes: Gate; rate: RateLimiter } };
function limits(): { writes: Gate; rate: RateLimiter } {
  if (limitsHolder.__observatoryApiLimits) return limitsHolder.__observatoryApiLimits;
  const e = env();
  return (limitsHolder.__observatoryApiLimits = {
    // Requests whose bodies are read and validated at once; their events then share
    // transactions through the ingest write queue (lib/ingest/write-queue.ts). Their bodies
    // together stay within the byte budget, which is what bounds the server's memory.
    writes: new Gate(
      e.OBSERVATORY_WRITE_CONCURRENCY,
      e.OBSERVATORY_WRITE_QUEUE,
      e.OBSERVATORY_WRITE_BUDGET_MB * 1024 * 1024,
    ),
    rate: new RateLimiter(e.OBSERVATORY_RATE_LIMIT, e.OBSERVATORY_RATE_BURST),
  });
}

/**
 * What a request's body may cost in memory before it is read: its declared length, or the
 * cap when the length is unknown or the body is compressed (it may inflate up to the cap).
 */
function bodyWeight(request: Request, cap: number): number {
  const length = Number(request.headers.get("content-length") ?? Number.NaN);
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (!Number.isFinite(length) || length < 0 || (encoding !== "identity" && encoding !== "")) return cap;
  return Math.min(length, cap);
}

/** Bearer token or x-api-key header. */
export function apiKeyFrom(request: Request): string | null {
  const auth = request.headers.get("authorization");
  if (auth) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return match?.[1] ?? null;
  }
  return request.headers.get("x-api-key");
}

/**
 * An unexpected error as a log line. A driver error can quote its query's arguments, which
 * for the key lookup are the caller's key and its stored hash: both are taken out, and any
 * other secret-shaped text with them.
 */
function loggable(error: unknown, key: string | null): string {
  let text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (key)
    text = text.split(key).join("[redacted:observatory_key]").split(hashApiKey(key)).join("[redacted:api_key_hash]");
  return redactSecrets(text).text;
}

/**
 * `Cache-Control: no-transform` keeps Next.js from gzipping the response. API answers are
 * small and streamed without a length, so Next would start a deflate stream for each one,
 * which cost more CPU per ingest request than storing a single event. Clients that want
 * compression for large reads get it from the reverse proxy in front (docs/scaling.md).
 */
function uncompressed(response: Response): Response {
  const cacheControl = response.headers.get("cache-control");
  if (!cacheControl) response.headers.set("cache-control", "no-store, no-transform");
  else if (!/no-transform/i.test(cacheControl)) response.headers.set("cache-control", `${cacheControl}, no-transform`);
  return response;
}

/**
 * The handler of one registry entry (lib/api/routes.ts): the query and the body reach it
 * parsed with the entry's own schemas, which are also what the OpenAPI document shows.
 */
export function apiRoute<R extends ApiRouteSpec>(
  route: R,
  handler: (ctx: RouteContext<R>) => Promise<Response>,
): ApiRouteHandler<R> {
  const serve = async (request: Request, segment: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const requestId = request.headers.get("x-request-id")?.slice(0, 100) || randomUUID();
    const key = apiKeyFrom(request);
    try {
      const client = db();
      const principal = await authenticateApiKey(client, key);
      if (!principal)
        throw new ApiError(
          401,
          "unauthorized",
          "a valid API key is required (Authorization: Bearer <key> or x-api-key)",
        );
      limits().rate.take(principal.keyId);
      const work = async () => {
        const json = route.maxBodyBytes !== undefined ? await readJson(request, route.maxBodyBytes) : undefined;
        const body = (route.body ? parseBody(json, route.body) : undefined) as Parsed<R["body"]>;
        const url = new URL(request.url);
        const query = (route.query ? parseQuery(url, route.query) : undefined) as Parsed<R["query"]>;
        // path segments reach queries: NUL and lone surrogates would fail on PostgreSQL
        const params = storableJson((await segment.params) ?? {}) as PathParams<R["path"]>;
        return handler({ request, db: client, principal, params, requestId, query, body, url });
      };
      const response = route.write
        ? await limits().writes.run(work, bodyWeight(request, route.maxBodyBytes ?? INGEST_LIMITS.maxBodyBytes))
        : await work();
      response.headers.set("x-request-id", requestId);
      return uncompressed(response);
    } catch (error) {
      if (error instanceof ApiError) return uncompressed(error.toResponse(requestId));
      if (error instanceof QueueFullError) {
        const busy = new ApiError(503, "overloaded", "the server is busy; retry after the given delay", {
          headers: { "retry-after": String(error.retryAfterSeconds) },
        });
        return uncompressed(busy.toResponse(requestId));
      }
      console.error(`[api] ${request.method} ${new URL(request.url).pathname} ${requestId}: ${loggable(error, key)}`);
      return uncompressed(
        new ApiError(
          500,
          "internal_error",
          "unexpected server error; the request id identifies it in the server log",
        ).toResponse(requestId),
      );
    }
  };
  return Object.assign(serve, { route });
}
