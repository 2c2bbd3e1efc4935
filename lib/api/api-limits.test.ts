// The caps an API client can run into, through the real route handlers: page sizes of the
// list endpoints, the date-range cap of the usage and performance queries, and the per-key
// rate limit (429 with Retry-After). Body and gzip caps: lib/ingest/ingest-api.test.ts;
// sign-in throttling: lib/auth/sign-in.test.ts.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { overrideDbForTests } from "@/lib/db/client";
import { ingestEvents } from "@/lib/ingest/pipeline";
import { ensureProject } from "@/lib/projects/projects";
import { BASE_URL, dispatch } from "@/test/support/api-harness";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { MAX_RANGE_DAYS } from "@/lib/usage/usage-schemas";

// The route module reads the limiter settings when it loads: 1 request/s, bursts of 3.
const savedEnv = vi.hoisted(() => {
  const saved = { rate: process.env.OBSERVATORY_RATE_LIMIT, burst: process.env.OBSERVATORY_RATE_BURST };
  process.env.OBSERVATORY_RATE_LIMIT = "1";
  process.env.OBSERVATORY_RATE_BURST = "3";
  return saved;
});
afterAll(() => {
  for (const [name, value] of [
    ["OBSERVATORY_RATE_LIMIT", savedEnv.rate],
    ["OBSERVATORY_RATE_BURST", savedEnv.burst],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const DAY = 86_400_000;

describe.each(databaseKinds())("API limits on %s", (kind) => {
  let t: TestDatabase;
  let projectId: string;

  /** A GET with a key of its own, so the low rate limit of this file never interferes. */
  async function get(path: string): Promise<{
    status: number;
    body: { data?: unknown[]; nextCursor?: string | null; error?: { code: string; message: string; field?: string } };
  }> {
    const key = (await createApiKey(t.db, { projectId, name: "limits" })).key;
    const res = await dispatch(new Request(`${BASE_URL}${path}`, { headers: { authorization: `Bearer ${key}` } }));
    return { status: res.status, body: (await res.json()) as never };
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    projectId = (await ensureProject(t.db, "limits")).id;
    const at = (i: number) => new Date(Date.now() - i * 60_000).toISOString();
    const results = await ingestEvents(t.db, projectId, [
      ...[1, 2, 3].map((i) => ({ id: `s${i}`, type: "session", timestamp: at(i), body: { sessionId: `lim-s${i}` } })),
      ...[1, 2, 3].map((i) => ({
        id: `l${i}`,
        type: "log",
        timestamp: at(i),
        body: { sessionId: "lim-s1", message: `line ${i}` },
      })),
    ]);
    expect(results.every((r) => r.status === 201)).toBe(true);
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  it("caps the page size of the sessions list at 200 and names the parameter", async () => {
    for (const limit of ["201", "0", "1e9"]) {
      const r = await get(`/api/v1/sessions?limit=${limit}`);
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: "invalid_parameter", field: "limit" });
      expect(r.body.error?.message).toMatch(/^limit: /);
    }
    expect((await get("/api/v1/sessions?limit=200")).status).toBe(200);
    const page = await get("/api/v1/sessions?limit=2");
    expect(page.body.data).toHaveLength(2);
    expect(page.body.nextCursor).toEqual(expect.any(String));
  });

  it("caps the page size of a session's events at 1000 and names the parameter", async () => {
    const tooMany = await get("/api/v1/sessions/lim-s1/events?limit=1001");
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ code: "invalid_parameter", field: "limit" });
    expect((await get("/api/v1/sessions/lim-s1/events?limit=1000")).body.data).toHaveLength(3);
    const page = await get("/api/v1/sessions/lim-s1/events?limit=2");
    expect(page.body.data).toHaveLength(2);
    expect(page.body.nextCursor).toEqual(expect.any(String));
  });

  it.each(["/api/v1/usage", "/api/v1/agents/performance"])(
    `refuses a window longer than ${MAX_RANGE_DAYS} days on %s, naming from and to`,
    async (endpoint) => {
      const to = new Date("2026-06-01T00:00:00Z");
      const from = (days: number) => new Date(to.getTime() - days * DAY).toISOString();
      const tooLong = await get(`${endpoint}?from=${from(MAX_RANGE_DAYS + 1)}&to=${to.toISOString()}`);
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.error).toMatchObject({ code: "invalid_parameter", field: "from" });
      expect(tooLong.body.error?.message).toMatch(new RegExp(`^from: .*${MAX_RANGE_DAYS} days before to`));
      // only `from`: `to` defaults to now, so a start years back is refused too
      expect((await get(`${endpoint}?from=2001-01-01T00:00:00Z`)).status).toBe(400);
      expect((await get(`${endpoint}?from=${from(MAX_RANGE_DAYS)}&to=${to.toISOString()}`)).status).toBe(200);
      const reversed = await get(`${endpoint}?from=${to.toISOString()}&to=${from(1)}`);
      expect(reversed.status).toBe(400);
      expect(reversed.body.error?.message).toBe("from: must be before to");
    },
  );

  it("rate-limits each key on its own: 429 with Retry-After past the burst, other keys unaffected", async () => {
    const key = (await createApiKey(t.db, { projectId, name: "busy" })).key;
    const call = (k: string) =>
      dispatch(new Request(`${BASE_URL}/api/v1/sessions?limit=1`, { headers: { authorization: `Bearer ${k}` } }));
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 6 && !limited; i++) {
      const res = await call(key);
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    // a burst of 3 (a 4th may pass if a token refilled meanwhile), then refused
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await limited?.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    const other = (await createApiKey(t.db, { projectId, name: "calm" })).key;
    expect((await call(other)).status).toBe(200);
  });
});
