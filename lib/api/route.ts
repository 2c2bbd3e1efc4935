import "server-only";
// The one wrapper every /api/v1 route handler goes through: request id, API-key auth,
// per-key rate limit, bounded concurrency for writes, body caps, and error → status.
// Handlers declare what they need and never repeat try/catch.
import { randomUUID } from "node:crypto";
import { authenticateApiKey, hashApiKey, type ApiPrincipal } from "@/lib/auth/api-keys";
import { db, type Db } from "@/lib/db/client";
import { storableJson } from "@/lib/db/storable-text";
import { redactSecrets } from "@/lib/ingest/redact";
import { LIMITS as INGEST_LIMITS } from "@/lib/ingest/schemas";
import { QueueFullError } from "@/lib/ingest/write-queue";
import { readJson } from "./body";
import { ApiError } from "./errors";
import { Gate, RateLimiter } from "./load-shedding";

export type RouteContext<P> = {
  request: Request;
  db: Db;
  principal: ApiPrincipal;
  params: P;
  requestId: string;
  /** the parsed JSON body (only for routes declaring maxBodyBytes) */
  json: unknown;
  url: URL;
};

type Options = {
  /** read and parse a JSON body of at most this many bytes (also after gzip) */
  maxBodyBytes?: number;
  /** writes share a bounded queue; beyond it requests get 503 + Retry-After */
  write?: boolean;
};

// On globalThis: Next.js may load this module once per route bundle, and the limits are per
// process, not per route.
const limitsHolder = globalThis as unknown as { __observatoryApiLimits?: { writes: Gate; rate: RateLimiter } };
const limits = (limitsHolder.__observatoryApiLimits ??= {
  // Requests whose bodies are read and validated at once; their events then share
  // transactions through the ingest write queue (lib/ingest/write-queue.ts). Their bodies
  // together stay within the byte budget, which is what bounds the server's memory.
  writes: new Gate(
    Number(process.env.OBSERVATORY_WRITE_CONCURRENCY ?? 16),
    Number(process.env.OBSERVATORY_WRITE_QUEUE ?? 64),
    Number(process.env.OBSERVATORY_WRITE_BUDGET_MB ?? 32) * 1024 * 1024,
  ),
  rate: new RateLimiter(Number(process.env.OBSERVATORY_RATE_LIMIT ?? 200), Number(process.env.OBSERVATORY_RATE_BURST ?? 400)),
});

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
  if (key) text = text.split(key).join("[redacted:observatory_key]").split(hashApiKey(key)).join("[redacted:api_key_hash]");
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

export function apiRoute<P extends Record<string, string> = Record<string, never>>(
  options: Options,
  handler: (ctx: RouteContext<P>) => Promise<Response>,
): (request: Request, segment: { params: Promise<P> }) => Promise<Response> {
  return async (request, segment) => {
    const requestId = request.headers.get("x-request-id")?.slice(0, 100) || randomUUID();
    const key = apiKeyFrom(request);
    try {
      const client = db();
      const principal = await authenticateApiKey(client, key);
      if (!principal) throw new ApiError(401, "unauthorized", "a valid API key is required (Authorization: Bearer <key> or x-api-key)");
      limits.rate.take(principal.keyId);
      const work = async () => {
        const json = options.maxBodyBytes !== undefined ? await readJson(request, options.maxBodyBytes) : undefined;
        // path segments reach queries: NUL and lone surrogates would fail on PostgreSQL
        const params = storableJson((await segment.params) ?? {}) as P;
        return handler({ request, db: client, principal, params, requestId, json, url: new URL(request.url) });
      };
      const response = options.write ? await limits.writes.run(work, bodyWeight(request, options.maxBodyBytes ?? INGEST_LIMITS.maxBodyBytes)) : await work();
      response.headers.set("x-request-id", requestId);
      return uncompressed(response);
    } catch (error) {
      if (error instanceof ApiError) return uncompressed(error.toResponse(requestId));
      if (error instanceof QueueFullError) {
        const busy = new ApiError(503, "overloaded", "the server is busy; retry after the given delay", undefined, { "retry-after": String(error.retryAfterSeconds) });
        return uncompressed(busy.toResponse(requestId));
      }
      console.error(`[api] ${request.method} ${new URL(request.url).pathname} ${requestId}: ${loggable(error, key)}`);
      return uncompressed(new ApiError(500, "internal_error", "unexpected server error; the request id identifies it in the server log").toResponse(requestId));
    }
  };
}
