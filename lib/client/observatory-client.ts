// A small typed client for agents. It batches events, retries on 429/503/5xx and network
// errors with backoff (honouring Retry-After), and resends the same event ids, so a retry
// can never duplicate data. Responses are checked against the API's own zod schemas.
import type { z } from "zod";
import { apiErrorSchema } from "@/lib/api/errors";
import {
  ingestResponseSchema,
  LIMITS,
  type EventType,
  type IngestEventInput,
  type IngestResult,
} from "@/lib/ingest/schemas";
import { logEventListSchema, sessionDetailSchema, sessionListSchema } from "@/lib/sessions/api-schemas";

export type ClientOptions = {
  baseUrl: string;
  apiKey: string;
  /** events per request, at most 1000 */
  batchSize?: number;
  /** attempts per request beyond the first */
  maxRetries?: number;
  /** first backoff delay in ms; doubles per attempt, with jitter */
  backoffMs?: number;
  maxBackoffMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
};

export class ObservatoryApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** the request field at fault, when one is */
    readonly field?: string,
    /** every validation problem, when the request failed its schema */
    readonly issues?: { field: string; message: string }[],
  ) {
    super(message);
  }
}

type BodyOf<T extends EventType> = Extract<IngestEventInput, { type: T }>["body"];

const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);

export class ObservatoryClient {
  private readonly queue: IngestEventInput[] = [];
  private readonly opts: Required<Omit<ClientOptions, "fetch" | "sleep">> & Pick<ClientOptions, "fetch" | "sleep">;

  constructor(options: ClientOptions) {
    this.opts = {
      batchSize: Math.min(LIMITS.maxEvents, Math.max(1, options.batchSize ?? 500)),
      maxRetries: options.maxRetries ?? 6,
      backoffMs: options.backoffMs ?? 250,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      ...options,
      baseUrl: options.baseUrl.replace(/\/+$/, ""),
    };
  }

  /** Queues an event and returns its id. The id is fixed now, so retries reuse it. */
  event<T extends EventType>(
    type: T,
    body: BodyOf<T>,
    options: { id?: string; timestamp?: Date | string } = {},
  ): string {
    const id = options.id ?? crypto.randomUUID();
    const timestamp =
      options.timestamp instanceof Date
        ? options.timestamp.toISOString()
        : (options.timestamp ?? new Date().toISOString());
    this.queue.push({ id, type, timestamp, body } as IngestEventInput);
    return id;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Sends everything queued; resolves with one result per event, in order. */
  async flush(): Promise<IngestResult[]> {
    const events = this.queue.splice(0);
    try {
      return await this.send(events);
    } catch (error) {
      this.queue.unshift(...events);
      throw error;
    }
  }

  /** Sends events in batches. Per-event 5xx results are resent with the same ids. */
  async send(events: readonly IngestEventInput[]): Promise<IngestResult[]> {
    const results: IngestResult[] = [];
    for (let i = 0; i < events.length; i += this.opts.batchSize) {
      results.push(...(await this.sendBatch(events.slice(i, i + this.opts.batchSize))));
    }
    return results;
  }

  private async sendBatch(batch: readonly IngestEventInput[]): Promise<IngestResult[]> {
    const results: (IngestResult | undefined)[] = new Array(batch.length);
    let todo = batch.map((event, index) => ({ event, index }));
    for (let attempt = 0; ; attempt++) {
      const response = await this.request(
        "/api/v1/ingest",
        { method: "POST", body: JSON.stringify({ events: todo.map((t) => t.event) }) },
        ingestResponseSchema,
      );
      const retry: typeof todo = [];
      response.results.forEach((r, i) => {
        const item = todo[i];
        if (!item) return;
        results[item.index] = r;
        if (r.status >= 500) retry.push(item);
      });
      if (retry.length === 0 || attempt >= this.opts.maxRetries) break;
      todo = retry;
      await this.pause(attempt, null);
    }
    return results.map(
      (r, i) =>
        r ?? {
          id: batch[i]?.id ?? null,
          status: 500,
          error: { code: "no_result", message: "the server returned no result for this event" },
        },
    );
  }

  async listSessions(
    params: { status?: string; source?: string; phase?: string; q?: string; limit?: number; cursor?: string } = {},
  ) {
    return this.request(`/api/v1/sessions${query(params)}`, { method: "GET" }, sessionListSchema);
  }

  async getSession(sessionId: string) {
    return this.request(`/api/v1/sessions/${encodeURIComponent(sessionId)}`, { method: "GET" }, sessionDetailSchema);
  }

  async listEvents(sessionId: string, params: { limit?: number; cursor?: string; level?: string; kind?: string } = {}) {
    return this.request(
      `/api/v1/sessions/${encodeURIComponent(sessionId)}/events${query(params)}`,
      { method: "GET" },
      logEventListSchema,
    );
  }

  private async request<S extends z.ZodType>(path: string, init: RequestInit, schema: S): Promise<z.output<S>> {
    const doFetch = this.opts.fetch ?? fetch;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await doFetch(this.opts.baseUrl + path, {
          ...init,
          headers: {
            authorization: `Bearer ${this.opts.apiKey}`,
            "content-type": "application/json",
            accept: "application/json",
          },
        });
      } catch (error) {
        if (attempt >= this.opts.maxRetries) throw error;
        await this.pause(attempt, null);
        continue;
      }
      if (RETRYABLE.has(response.status) && attempt < this.opts.maxRetries) {
        await response.body?.cancel().catch(() => {});
        await this.pause(attempt, response.headers.get("retry-after"));
        continue;
      }
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok) {
        const parsed = apiErrorSchema.safeParse(body);
        const e = parsed.success ? parsed.data.error : { code: "http_error", message: `HTTP ${response.status}` };
        throw new ObservatoryApiError(
          response.status,
          e.code,
          e.message,
          "field" in e ? e.field : undefined,
          "issues" in e ? e.issues : undefined,
        );
      }
      return schema.parse(body);
    }
  }

  private async pause(attempt: number, retryAfter: string | null): Promise<void> {
    const seconds = retryAfter !== null ? Number(retryAfter) : NaN;
    const base = Number.isFinite(seconds)
      ? seconds * 1000
      : Math.min(this.opts.maxBackoffMs, this.opts.backoffMs * 2 ** attempt);
    const ms = base + Math.random() * Math.min(1000, base / 2);
    await (this.opts.sleep ?? ((t) => new Promise((resolve) => setTimeout(resolve, t))))(ms);
  }
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : "";
}
