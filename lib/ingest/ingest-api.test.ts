import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiErrorSchema } from "@/lib/api/errors";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { ObservatoryApiError, ObservatoryClient } from "@/lib/client/observatory-client";
import { overrideDbForTests } from "@/lib/db/client";
import { ensureProject } from "@/lib/projects/projects";
import { sessionDetailSchema, sessionListSchema } from "@/lib/sessions/api-schemas";
import { BASE_URL, dispatch, harnessFetch } from "@/test/support/api-harness";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { ensureDefaultPrices } from "@/lib/usage/prices";
import { ingestResponseSchema, LIMITS, type IngestEventInput } from "./schemas";

const ts = (s: number) => new Date(Date.UTC(2026, 4, 1, 9, 0, s)).toISOString();

function post(key: string | null, body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  return dispatch(
    new Request(`${BASE_URL}/api/v1/ingest`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    }),
  );
}

async function errorOf(res: Response) {
  return apiErrorSchema.parse(await res.json()).error;
}

describe.each(databaseKinds())("ingestion API on %s", (kind) => {
  let t: TestDatabase;
  let key: string;
  let otherKey: string;
  let client: ObservatoryClient;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    await ensureDefaultPrices(t.db);
    const project = await ensureProject(t.db, "alpha");
    const other = await ensureProject(t.db, "beta");
    key = (await createApiKey(t.db, { projectId: project.id, name: "agent" })).key;
    otherKey = (await createApiKey(t.db, { projectId: other.id, name: "other" })).key;
    client = new ObservatoryClient({ baseUrl: BASE_URL, apiKey: key, fetch: harnessFetch, sleep: async () => {} });
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  describe("auth", () => {
    it("refuses a missing, unknown or revoked key with 401", async () => {
      const body = JSON.stringify({ events: [] });
      expect((await post(null, body)).status).toBe(401);
      expect((await post("obs_not-a-real-key", body)).status).toBe(401);
      const project = await ensureProject(t.db, "alpha");
      const doomed = await createApiKey(t.db, { projectId: project.id, name: "doomed" });
      expect((await post(doomed.key, body)).status).toBe(207);
      await revokeApiKey(t.db, doomed.id);
      const res = await post(doomed.key, body);
      expect(res.status).toBe(401);
      expect(await errorOf(res)).toMatchObject({ code: "unauthorized" });
    });

    it("accepts x-api-key as well as Bearer, and records last use", async () => {
      const res = await dispatch(new Request(`${BASE_URL}/api/v1/sessions`, { headers: { "x-api-key": key } }));
      expect(res.status).toBe(200);
      sessionListSchema.parse(await res.json());
      const row = await t.db.apiKey.findFirstOrThrow({ where: { name: "agent" } });
      expect(row.lastUsedAt).not.toBeNull();
      expect(row.hash).not.toContain(key);
    });
  });

  describe("POST /api/v1/ingest", () => {
    it("stores every event type (207, one 201 per event) and replays as 200", async () => {
      const events: IngestEventInput[] = [
        {
          id: "a1",
          type: "session",
          timestamp: ts(0),
          body: { sessionId: "api-s1", mission: "Ship it", status: "running", source: "tac" },
        },
        { id: "a2", type: "agent", timestamp: ts(1), body: { agentId: "planner-1", type: "planner" } },
        {
          id: "a3",
          type: "run",
          timestamp: ts(2),
          body: {
            runId: "api-r1",
            sessionId: "api-s1",
            agentType: "planner",
            agentId: "planner-1",
            status: "executing",
          },
        },
        {
          id: "a4",
          type: "llm_call",
          timestamp: ts(3),
          body: {
            callId: "api-c1",
            sessionId: "api-s1",
            runId: "api-r1",
            model: "gpt-4o-mini",
            inputTokens: 1000,
            outputTokens: 100,
          },
        },
        { id: "a5", type: "log", timestamp: ts(4), body: { sessionId: "api-s1", message: "hello" } },
        {
          id: "a6",
          type: "message",
          timestamp: ts(5),
          body: { messageId: "api-m1", sessionId: "api-s1", from: "a", to: "b", content: "hi" },
        },
        {
          id: "a7",
          type: "state",
          timestamp: ts(6),
          body: { sessionId: "api-s1", kind: "orchestrator", data: { step: 1 } },
        },
        { id: "a8", type: "task", timestamp: ts(7), body: { taskId: "api-t1", sessionId: "api-s1", name: "Plan" } },
        {
          id: "a9",
          type: "decision",
          timestamp: ts(8),
          body: { sessionId: "api-s1", decisionType: "spawn_agent", data: {} },
        },
        {
          id: "a10",
          type: "artifact",
          timestamp: ts(9),
          body: { artifactId: "api-a1", sessionId: "api-s1", type: "prd", name: "PRD" },
        },
        { id: "a11", type: "metric", timestamp: ts(10), body: { name: "latency", value: 3, sessionId: "api-s1" } },
      ];
      const res = await post(key, JSON.stringify({ events }));
      expect(res.status).toBe(207);
      const body = ingestResponseSchema.parse(await res.json());
      expect(body.results).toEqual(events.map((e) => ({ id: e.id, status: 201 })));
      const replay = ingestResponseSchema.parse(await (await post(key, JSON.stringify({ events }))).json());
      expect(replay.results.map((r) => r.status)).toEqual(events.map(() => 200));
      const detail = await client.getSession("api-s1");
      expect(detail.counts).toEqual({
        runs: 1,
        llmCalls: 1,
        logs: 1,
        messages: 1,
        states: 1,
        tasks: 1,
        decisions: 1,
        artifacts: 1,
      });
      // usage comes from LLM calls only: 1000 × $0.15 + 100 × $0.60 per 1M
      expect(detail.usage).toMatchObject({ inputTokens: 1000, outputTokens: 100, totalTokens: 1100 });
      expect(detail.usage.costUsd).toBeCloseTo(0.00021, 10);
    });

    it("answers 400 with the field path for each kind of invalid event, and stores the rest", async () => {
      const bad: [unknown, string][] = [
        [
          { id: "b1", type: "llm_call", timestamp: ts(1), body: { callId: "x", sessionId: "s", inputTokens: -1 } },
          "body.inputTokens",
        ],
        [
          { id: "b2", type: "llm_call", timestamp: ts(1), body: { callId: "x", sessionId: "s", outputTokens: 1.5 } },
          "body.outputTokens",
        ],
        [
          { id: "b3", type: "llm_call", timestamp: ts(1), body: { callId: "x", sessionId: "s", model: 42 } },
          "body.model",
        ],
        [
          { id: "b4", type: "run", timestamp: ts(1), body: { runId: "x", sessionId: "s", status: "running" } },
          "body.agentType",
        ],
        [
          { id: "b5", type: "message", timestamp: ts(1), body: { messageId: "m", sessionId: "s", from: "a", to: "b" } },
          "body.content",
        ],
        [{ id: "b6", type: "session", timestamp: ts(1), body: { sessionId: "" } }, "body.sessionId"],
        [
          { id: "b7", type: "session", timestamp: ts(1), body: { sessionId: "s", startedAt: "not a date" } },
          "body.startedAt",
        ],
        [{ id: "b8", type: "whatever", timestamp: ts(1), body: {} }, "type"],
        [{ id: "b9", type: "log", timestamp: "yesterday", body: { message: "m" } }, "timestamp"],
        [{ type: "log", timestamp: ts(1), body: { message: "m" } }, "id"],
        [{ id: "b11", type: "log", timestamp: ts(1) }, "body"],
        [{ id: "b12", type: "metric", timestamp: ts(1), body: { name: "m", value: -2 } }, "body.value"],
        [
          {
            id: "b13",
            type: "task",
            timestamp: ts(1),
            body: { taskId: "t", sessionId: "s", name: "n", revisionCount: "2" },
          },
          "body.revisionCount",
        ],
      ];
      const good = { id: "good-1", type: "log", timestamp: ts(2), body: { sessionId: "api-bad", message: "ok" } };
      const res = await post(key, JSON.stringify({ events: [...bad.map(([e]) => e), good] }));
      const { results } = ingestResponseSchema.parse(await res.json());
      bad.forEach(([, path], i) => {
        expect(results[i]?.status).toBe(400);
        expect(results[i]?.error?.field).toBe(path);
        expect(results[i]?.error?.message).toContain(path);
      });
      expect(results[bad.length]).toEqual({ id: "good-1", status: 201 });
      expect(await t.db.llmCall.count({ where: { externalId: "x" } })).toBe(0);
      expect(await t.db.session.count({ where: { externalId: "s" } })).toBe(0);
    });

    it("answers 400 for a body that is not JSON or has no events array", async () => {
      for (const body of ["{not json", "[]", JSON.stringify({ events: "nope" }), JSON.stringify({ other: [] })]) {
        const res = await post(key, body);
        expect(res.status).toBe(400);
        expect((await errorOf(res)).message).toMatch(/JSON|events/);
      }
    });

    it("answers 413 over 1,000 events or 5 MB, also after gzip decoding", async () => {
      const many = Array.from({ length: LIMITS.maxEvents + 1 }, (_, i) => ({
        id: `m${i}`,
        type: "log",
        timestamp: ts(1),
        body: { message: "m" },
      }));
      expect((await post(key, JSON.stringify({ events: many }))).status).toBe(413);
      const huge = JSON.stringify({
        events: [{ id: "h", type: "log", timestamp: ts(1), body: { message: "x".repeat(LIMITS.maxBodyBytes) } }],
      });
      expect((await post(key, huge)).status).toBe(413);
      const bomb = gzipSync(Buffer.from(huge));
      expect(bomb.byteLength).toBeLessThan(LIMITS.maxBodyBytes);
      const res = await post(key, bomb, { "content-encoding": "gzip" });
      expect(res.status).toBe(413);
      expect(await errorOf(res)).toMatchObject({ code: "payload_too_large" });
      expect(await t.db.event.count({ where: { externalId: "h" } })).toBe(0);
    });

    it("accepts gzip-encoded bodies", async () => {
      const body = gzipSync(
        Buffer.from(
          JSON.stringify({
            events: [{ id: "gz-1", type: "log", timestamp: ts(1), body: { sessionId: "api-gz", message: "zipped" } }],
          }),
        ),
      );
      const res = await post(key, body, { "content-encoding": "gzip" });
      expect(res.status).toBe(207);
      expect(ingestResponseSchema.parse(await res.json()).results).toEqual([{ id: "gz-1", status: 201 }]);
      expect((await post(key, Buffer.from("not gzip"), { "content-encoding": "gzip" })).status).toBe(400);
    });

    it("fills placeholders from out-of-order delivery", async () => {
      await client.send([
        {
          id: "ooo-2",
          type: "llm_call",
          timestamp: ts(20),
          body: {
            callId: "ooo-c",
            sessionId: "api-ooo",
            runId: "ooo-r",
            model: "gpt-4o",
            inputTokens: 10,
            outputTokens: 10,
          },
        },
      ]);
      await client.send([
        {
          id: "ooo-3",
          type: "run",
          timestamp: ts(15),
          body: { runId: "ooo-r", sessionId: "api-ooo", agentType: "builder", status: "completed" },
        },
        {
          id: "ooo-1",
          type: "session",
          timestamp: ts(10),
          body: { sessionId: "api-ooo", mission: "late", status: "completed" },
        },
      ]);
      const detail = await client.getSession("api-ooo");
      expect(detail).toMatchObject({
        placeholder: false,
        mission: "late",
        status: "completed",
        counts: { runs: 1, llmCalls: 1 },
      });
      expect(detail.usage.totalTokens).toBe(20);
    });
  });

  describe("read API", () => {
    beforeAll(async () => {
      await client.send(
        Array.from({ length: 7 }, (_, i) => ({
          id: `page-${i}`,
          type: "session" as const,
          timestamp: ts(100 + i),
          body: {
            sessionId: `page-s${i}`,
            mission: i % 2 ? "Refactor the Billing module" : "docs",
            status: i === 3 ? "failed" : "completed",
            source: "bazinga",
            startedAt: ts(100 + i),
          },
        })),
      );
      await client.send(
        Array.from({ length: 25 }, (_, i) => ({
          id: `log-${i}`,
          type: "log" as const,
          timestamp: ts(200 + i),
          body: { sessionId: "page-s0", message: `line ${i}`, level: i % 5 === 0 ? "error" : "info" },
        })),
      );
    });

    it("pages through sessions newest first with a stable cursor", async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.listSessions({ source: "bazinga", limit: 3, cursor });
        seen.push(...page.data.map((s) => s.sessionId));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(["page-s6", "page-s5", "page-s4", "page-s3", "page-s2", "page-s1", "page-s0"]);
    });

    it("filters by status and searches id and mission case-insensitively", async () => {
      expect((await client.listSessions({ status: "failed", source: "bazinga" })).data.map((s) => s.sessionId)).toEqual(
        ["page-s3"],
      );
      expect((await client.listSessions({ q: "billing" })).data.map((s) => s.sessionId).sort()).toEqual([
        "page-s1",
        "page-s3",
        "page-s5",
      ]);
      expect((await client.listSessions({ q: "PAGE-S6" })).data.map((s) => s.sessionId)).toEqual(["page-s6"]);
      await expect(client.listSessions({ status: "bogus" })).rejects.toMatchObject({ status: 400, field: "status" });
      await expect(client.listSessions({ limit: 0 })).rejects.toMatchObject({ status: 400, field: "limit" });
    });

    it("pages a session's log events oldest first and filters by level", async () => {
      const lines: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.listEvents("page-s0", { limit: 10, cursor });
        lines.push(...page.data.map((e) => e.message));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(lines).toEqual(Array.from({ length: 25 }, (_, i) => `line ${i}`));
      expect((await client.listEvents("page-s0", { level: "error" })).data).toHaveLength(5);
    });

    it("returns session detail validated by its schema, and 404 for unknown ids", async () => {
      const res = await dispatch(
        new Request(`${BASE_URL}/api/v1/sessions/page-s0`, { headers: { authorization: `Bearer ${key}` } }),
      );
      expect(res.status).toBe(200);
      expect(sessionDetailSchema.parse(await res.json()).counts.logs).toBe(25);
      await expect(client.getSession("does-not-exist")).rejects.toBeInstanceOf(ObservatoryApiError);
    });

    it("never shows one project's data to another project's key (404, as if absent)", async () => {
      const other = new ObservatoryClient({
        baseUrl: BASE_URL,
        apiKey: otherKey,
        fetch: harnessFetch,
        sleep: async () => {},
      });
      await expect(other.getSession("page-s0")).rejects.toMatchObject({ status: 404 });
      await expect(other.listEvents("page-s0")).rejects.toMatchObject({ status: 404 });
      expect((await other.listSessions()).data).toEqual([]);
      // writing the same ids from the other project creates separate rows, never touching ours
      await other.send([
        { id: "page-0", type: "session", timestamp: ts(999), body: { sessionId: "page-s0", mission: "theirs" } },
      ]);
      expect((await client.getSession("page-s0")).mission).toBe("docs");
    });
  });

  describe("typed client", () => {
    it("retries on 503 and network errors with the same event ids, never duplicating", async () => {
      const sentIds: string[][] = [];
      let calls = 0;
      const flaky: typeof fetch = async (input, init) => {
        calls++;
        const request = new Request(input, init);
        if (request.method === "POST")
          sentIds.push(
            (JSON.parse(await request.clone().text()) as { events: { id: string }[] }).events.map((e) => e.id),
          );
        if (calls === 1)
          return new Response(JSON.stringify({ error: { code: "overloaded", message: "busy" } }), {
            status: 503,
            headers: { "retry-after": "0" },
          });
        if (calls === 2) throw new TypeError("fetch failed");
        // the third attempt reaches the server, but its answer is lost: a fourth resends
        if (calls === 3) {
          await dispatch(request);
          throw new TypeError("connection reset");
        }
        return dispatch(request);
      };
      const c = new ObservatoryClient({ baseUrl: BASE_URL, apiKey: key, fetch: flaky, sleep: async () => {} });
      c.event("session", { sessionId: "retry-s", status: "running" });
      c.event("log", { sessionId: "retry-s", message: "only once" });
      const results = await c.flush();
      expect(calls).toBe(4);
      expect(new Set(sentIds.map((ids) => ids.join(","))).size).toBe(1);
      expect(results.map((r) => r.status)).toEqual([200, 200]);
      const session = await t.db.session.findFirstOrThrow({ where: { externalId: "retry-s" } });
      expect(await t.db.event.count({ where: { sessionId: session.id } })).toBe(1);
    });
  });
});
