import "server-only";
// The one wrapper every /api/v1 route handler goes through: request id, API-key auth,
// per-key rate limit, bounded concurrency for writes, body caps, and error → status.
// Handlers declare what they need and never repeat try/catch.
import { randomUUID } from "node:crypto";
import { authenticateApiKey, hashApiKey, type ApiPrincipal } from "@/lib/auth/api-keys";
import { db, type Db } from "@/lib/db/client";
import { storableJson } from "@/lib/db/storable-text";
import { redactSecrets } from "@/lib/ingest/redact";
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

const limits = {
  writes: new Gate(Number(process.env.OBSERVATORY_WRITE_CONCURRENCY ?? 4), Number(process.env.OBSERVATORY_WRITE_QUEUE ?? 64)),
  rate: new RateLimiter(Number(process.env.OBSERVATORY_RATE_LIMIT ?? 200), Number(process.env.OBSERVATORY_RATE_BURST ?? 400)),
};

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
      const response = options.write ? await limits.writes.run(work) : await work();
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      if (error instanceof ApiError) return error.toResponse(requestId);
      console.error(`[api] ${request.method} ${new URL(request.url).pathname} ${requestId}: ${loggable(error, key)}`);
      return new ApiError(500, "internal_error", "unexpected server error; the request id identifies it in the server log").toResponse(requestId);
    }
  };
}
