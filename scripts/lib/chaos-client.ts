// The load-and-crash test's clients: they post until the server acknowledges, the way a
// well-behaved agent SDK does. Network errors back off and retry; 429 and 503 wait for
// Retry-After; any 5xx is counted as a failure and retried (the ids are stable, so a retry
// can never duplicate).
import { ingestResponseSchema } from "../../lib/ingest/schemas";

export type ClientStats = {
  requests: number;
  networkErrors: number;
  /** 429 and 503 answers, each with Retry-After */
  shed: number;
  /** HTTP 5xx other than 503, plus per-event 500 results */
  serverErrors: number;
  /** what went wrong that must fail the run */
  failures: string[];
};

export function emptyStats(): ClientStats {
  return { requests: 0, networkErrors: 0, shed: 0, serverErrors: 0, failures: [] };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type Target = {
  base: () => string;
  key: string;
  /** aborted when the run cannot go on (the server did not come back): stop retrying */
  stop: AbortSignal;
};

/** Seconds from a Retry-After header, or undefined when it is missing or not a number. */
function retryAfterSeconds(res: Response): number | undefined {
  const raw = res.headers.get("retry-after");
  if (raw === null || !/^\d+$/.test(raw.trim())) return undefined;
  return Number(raw);
}

/**
 * POSTs a JSON body until the answer is one it can accept, and returns that answer.
 * `accept` decides on a 2xx: undefined to take it, or a reason to retry (counted as a 5xx
 * when `serverFault` says so).
 */
async function postUntil<T>(
  target: Target,
  path: string,
  body: string,
  stats: ClientStats,
  accept: (
    status: number,
    json: unknown,
  ) => { ok: true; value: T } | { ok: false; serverFault: boolean; reason: string },
  giveUpMs: number,
): Promise<T> {
  const started = Date.now();
  let backoff = 100;
  for (let attempt = 1; ; attempt++) {
    if (target.stop.aborted) throw new Error(`${path}: stopped: ${String(target.stop.reason)}`);
    if (Date.now() - started > giveUpMs)
      throw new Error(`${path}: not acknowledged after ${Math.round(giveUpMs / 1000)} s (${attempt - 1} attempts)`);
    let wait = backoff;
    try {
      stats.requests++;
      const res = await fetch(`${target.base()}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${target.key}`, "content-type": "application/json" },
        body,
        signal: AbortSignal.timeout(180_000),
      });
      if (res.status === 429 || res.status === 503) {
        stats.shed++;
        const seconds = retryAfterSeconds(res);
        if (seconds === undefined) stats.failures.push(`${path}: HTTP ${res.status} without a numeric Retry-After`);
        await res.body?.cancel();
        wait = (seconds ?? 1) * 1000 + Math.random() * 250;
      } else if (res.status >= 500) {
        stats.serverErrors++;
        stats.failures.push(`${path}: HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
      } else if (res.status >= 200 && res.status < 300) {
        const decided = accept(res.status, await res.json());
        if (decided.ok) return decided.value;
        if (decided.serverFault) stats.serverErrors++;
        stats.failures.push(`${path}: ${decided.reason}`);
        if (!decided.serverFault) throw new Error(`${path}: ${decided.reason}`);
      } else {
        throw new Error(`${path}: HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
      }
    } catch (error) {
      // TypeError is fetch's network failure (refused, reset, closed mid-body); a timeout is
      // an aborted request. Everything else is a real failure of the test.
      const name = (error as { name?: string } | null)?.name;
      if (!(error instanceof TypeError) && name !== "TimeoutError" && name !== "SyntaxError") throw error;
      stats.networkErrors++;
    }
    await sleep(wait);
    backoff = Math.min(backoff * 2, 2_000);
  }
}

/** Sends one ingest batch until every event is acknowledged; returns how many were newly stored (201). */
export async function deliverBatch(
  target: Target,
  events: readonly { id: string }[],
  stats: ClientStats,
  giveUpMs: number,
): Promise<{ created: number }> {
  const body = JSON.stringify({ events });
  return postUntil(
    target,
    "/api/v1/ingest",
    body,
    stats,
    (status, json) => {
      const parsed = ingestResponseSchema.safeParse(json);
      if (status !== 207 || !parsed.success)
        return { ok: false, serverFault: false, reason: `unexpected ingest answer HTTP ${status}` };
      const { results } = parsed.data;
      if (results.length !== events.length)
        return { ok: false, serverFault: false, reason: `${results.length} results for ${events.length} events` };
      let created = 0;
      for (const [i, r] of results.entries()) {
        if (r.id !== events[i]!.id)
          return { ok: false, serverFault: false, reason: `result ${i} is for ${r.id}, not ${events[i]!.id}` };
        if (r.status >= 500)
          return { ok: false, serverFault: true, reason: `event ${r.id}: ${r.status} ${r.error?.message ?? ""}` };
        if (r.status !== 200 && r.status !== 201)
          return {
            ok: false,
            serverFault: false,
            reason: `event ${r.id} refused: ${r.status} ${r.error?.message ?? ""}`,
          };
        if (r.status === 201) created++;
      }
      return { ok: true, value: { created } };
    },
    giveUpMs,
  );
}

/** Asks for a human gate until the server confirms it exists (201 created, 200 already there). */
export async function deliverGate(
  target: Target,
  sessionId: string,
  gateId: string,
  stats: ClientStats,
  giveUpMs: number,
): Promise<void> {
  await postUntil(
    target,
    `/api/v1/sessions/${encodeURIComponent(sessionId)}/gates`,
    JSON.stringify({ gateId, title: `chaos gate ${gateId}`, onReject: "resume" }),
    stats,
    (status) =>
      status === 200 || status === 201
        ? { ok: true, value: undefined }
        : { ok: false, serverFault: false, reason: `gate answer HTTP ${status}` },
    giveUpMs,
  );
}
