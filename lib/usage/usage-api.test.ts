import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { ObservatoryClient } from "@/lib/client/observatory-client";
import { overrideDbForTests } from "@/lib/db/client";
import { ensureProject } from "@/lib/projects/projects";
import { BASE_URL, dispatch } from "@/test/support/api-harness";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { ensureDefaultPrices } from "./prices";
import {
  agentPerformanceResponseSchema,
  budgetResponseSchema,
  profileResponseSchema,
  usageResponseSchema,
} from "./usage-schemas";

const day = (d: string, h = 12) => `${d}T${String(h).padStart(2, "0")}:00:00Z`;

describe.each(databaseKinds())("usage, performance and budgets API on %s", (kind) => {
  let t: TestDatabase;
  let key: string;
  let projectId: string;

  async function get<T>(
    path: string,
    schema: { parse: (v: unknown) => T },
  ): Promise<{ status: number; body: T | unknown }> {
    const res = await dispatch(new Request(`${BASE_URL}${path}`, { headers: { authorization: `Bearer ${key}` } }));
    const body: unknown = await res.json();
    return { status: res.status, body: res.status === 200 ? schema.parse(body) : body };
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    await ensureDefaultPrices(t.db);
    // a price change at a date boundary: "acme-1" costs $1/$2 per 1M until June, then $2/$4
    await t.db.modelPrice.createMany({
      data: [
        {
          model: "acme-1",
          matchPattern: "^acme-1$",
          inputPerMTok: 1,
          outputPerMTok: 2,
          effectiveFrom: new Date("2025-01-01T00:00:00Z"),
        },
        {
          model: "acme-1",
          matchPattern: "^acme-1$",
          inputPerMTok: 2,
          outputPerMTok: 4,
          reasoningPerMTok: 8,
          effectiveFrom: new Date("2025-06-01T00:00:00Z"),
        },
      ],
    });
    projectId = (await ensureProject(t.db, "usage")).id;
    key = (await createApiKey(t.db, { projectId, name: "u" })).key;
    const client = new ObservatoryClient({
      baseUrl: BASE_URL,
      apiKey: key,
      fetch: async (i, init) => dispatch(new Request(i, init)),
      sleep: async () => {},
    });
    const results = await client.send([
      { id: "s1", type: "session", timestamp: day("2025-05-31", 8), body: { sessionId: "u-s1", source: "tac" } },
      // computed, with cache read/write: 1M in (600k read, 100k write) + 200k out on Sonnet 4 = 4.455
      {
        id: "c1",
        type: "llm_call",
        timestamp: day("2025-05-31"),
        body: {
          callId: "c1",
          sessionId: "u-s1",
          agentType: "builder",
          model: "claude-sonnet-4-20250514",
          inputTokens: 1_000_000,
          cacheReadTokens: 600_000,
          cacheWriteTokens: 100_000,
          outputTokens: 200_000,
        },
      },
      // reported cost wins over the price table
      {
        id: "c2",
        type: "llm_call",
        timestamp: day("2025-05-31"),
        body: {
          callId: "c2",
          sessionId: "u-s1",
          agentType: "builder",
          model: "gpt-4o",
          inputTokens: 1_000_000,
          outputTokens: 0,
          costUsd: 0.01,
        },
      },
      // price change at the boundary: 23:59:59 uses the old price, 00:00:00 the new one
      {
        id: "c3",
        type: "llm_call",
        timestamp: "2025-05-31T23:59:59Z",
        body: {
          callId: "c3",
          sessionId: "u-s1",
          agentType: "planner",
          model: "acme-1",
          inputTokens: 1_000_000,
          outputTokens: 1_000_000,
          startedAt: "2025-05-31T23:59:59Z",
        },
      },
      // reasoning tokens are part of output and billed once, at their own rate: 1M in × 2 + 600k out × 4 + 400k reasoning × 8
      {
        id: "c4",
        type: "llm_call",
        timestamp: "2025-06-01T00:00:00Z",
        body: {
          callId: "c4",
          sessionId: "u-s1",
          agentType: "planner",
          model: "acme-1",
          inputTokens: 1_000_000,
          outputTokens: 1_000_000,
          reasoningTokens: 400_000,
          startedAt: "2025-06-01T00:00:00Z",
        },
      },
      // unknown model: unknown cost, never 0
      {
        id: "c5",
        type: "llm_call",
        timestamp: day("2025-06-01"),
        body: {
          callId: "c5",
          sessionId: "u-s1",
          agentType: "planner",
          model: "mystery-9",
          inputTokens: 5,
          outputTokens: 5,
        },
      },
      // estimated tokens (BAZINGA style): cost computed from the estimate, marked estimated
      {
        id: "c6",
        type: "llm_call",
        timestamp: day("2025-06-01"),
        body: {
          callId: "c6",
          sessionId: "u-s1",
          agentType: "reviewer",
          model: "gpt-4o-mini",
          totalTokens: 1_000_000,
          estimated: true,
        },
      },
      {
        id: "r1",
        type: "run",
        timestamp: day("2025-06-01", 1),
        body: {
          runId: "r1",
          sessionId: "u-s1",
          agentType: "planner",
          status: "completed",
          startedAt: day("2025-06-01", 1),
          endedAt: "2025-06-01T01:00:02Z",
        },
      },
      {
        id: "r2",
        type: "run",
        timestamp: day("2025-06-01", 2),
        body: {
          runId: "r2",
          sessionId: "u-s1",
          agentType: "planner",
          status: "failed",
          startedAt: day("2025-06-01", 2),
          endedAt: "2025-06-01T02:00:40Z",
        },
      },
      {
        id: "r3",
        type: "run",
        timestamp: day("2025-06-01", 3),
        body: {
          runId: "r3",
          sessionId: "u-s1",
          agentType: "builder",
          status: "completed",
          startedAt: day("2025-06-01", 3),
        },
      },
    ]);
    expect(results.every((r) => r.status === 201)).toBe(true);
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  const window = "from=2025-05-01T00:00:00Z&to=2025-07-01T00:00:00Z";

  it("computes every cost exactly and says where it came from", async () => {
    const { status, body } = await get(`/api/v1/usage?groupBy=model&${window}`, usageResponseSchema);
    expect(status).toBe(200);
    const byModel = new Map(usageResponseSchema.parse(body).data.map((r) => [r.key, r]));
    expect(byModel.get("claude-sonnet-4-20250514")!.costUsd).toBeCloseTo(4.455, 9);
    expect(byModel.get("claude-sonnet-4-20250514")!.costSource).toBe("computed");
    expect(byModel.get("gpt-4o")).toMatchObject({ costUsd: 0.01, costSource: "reported" });
    // acme-1: 3.0 (old price) + (2 + 2.4 + 3.2) (new price, reasoning at its own rate)
    expect(byModel.get("acme-1")!.costUsd).toBeCloseTo(3 + 7.6, 9);
    expect(byModel.get("acme-1")!.costSource).toBe("computed");
    expect(byModel.get("mystery-9")).toMatchObject({
      costUsd: 0,
      costSource: "unknown",
      unknownCostCalls: 1,
      totalTokens: 10,
    });
    expect(byModel.get("gpt-4o-mini")).toMatchObject({
      costSource: "estimated",
      estimatedCalls: 1,
      estimatedTokens: 1_000_000,
    });
    expect(byModel.get("gpt-4o")).toMatchObject({ estimatedTokens: 0 });
    expect(byModel.get("gpt-4o-mini")!.costUsd).toBeCloseTo(0.15, 9);
    expect(byModel.get("gpt-4o-mini")!.estimatedCostUsd).toBeCloseTo(0.15, 9);
  });

  it("groups by day, agent type and session, from the rollups and raw rows alike", async () => {
    const days = usageResponseSchema.parse(
      (await get(`/api/v1/usage?groupBy=day&${window}`, usageResponseSchema)).body,
    ).data;
    expect(days.map((d) => [d.key, d.llmCalls])).toEqual([
      ["2025-05-31", 3],
      ["2025-06-01", 3],
    ]);
    const session = usageResponseSchema.parse(
      (await get(`/api/v1/usage?groupBy=agentType&sessionId=u-s1&${window}`, usageResponseSchema)).body,
    ).data;
    const total = session.reduce((a, r) => a + r.costUsd, 0);
    const all = usageResponseSchema.parse(
      (await get(`/api/v1/usage?groupBy=agentType&${window}`, usageResponseSchema)).body,
    ).data;
    expect(all.reduce((a, r) => a + r.costUsd, 0)).toBeCloseTo(total, 9);
    expect(total).toBeCloseTo(4.455 + 0.01 + 10.6 + 0.15, 9);
    expect((await get(`/api/v1/usage?groupBy=model&sessionId=nope&${window}`, usageResponseSchema)).status).toBe(404);
    expect((await get(`/api/v1/usage?groupBy=week`, usageResponseSchema)).status).toBe(400);
    expect(
      (await get(`/api/v1/usage?from=2025-07-01T00:00:00Z&to=2025-05-01T00:00:00Z`, usageResponseSchema)).body,
    ).toMatchObject({ error: { field: "from" } });
  });

  it("reports agent performance with success rate and duration percentiles", async () => {
    const rows = agentPerformanceResponseSchema.parse(
      (await get(`/api/v1/agents/performance?groupBy=agentType&${window}`, agentPerformanceResponseSchema)).body,
    ).data;
    const planner = rows.find((r) => r.key === "planner")!;
    expect(planner).toMatchObject({ runs: 2, completed: 1, failed: 1, successRate: 0.5 });
    expect(planner.p50DurationMs).toBeGreaterThan(1000);
    expect(planner.p50DurationMs).toBeLessThanOrEqual(2500);
    expect(planner.p95DurationMs).toBeGreaterThan(30_000);
    expect(planner.p95DurationMs).toBeLessThanOrEqual(60_000);
    expect(planner.costPerRun).toBeCloseTo(10.6 / 2, 9);
    const builder = rows.find((r) => r.key === "builder")!;
    // completed without an end time: it ends at its completing event (here, its start)
    expect(builder).toMatchObject({ runs: 1, completed: 1, failed: 0, successRate: 1 });
    expect(builder.p50DurationMs).toBeLessThanOrEqual(250);
  });

  it("tells an agent its budget before it spends, and serves its profile with the active prompt", async () => {
    const profile = await t.db.agentProfile.create({
      data: {
        projectId,
        name: "planner",
        provider: "acme",
        model: "acme-1",
        dailyLimit: 3,
        usageUnit: "runs",
        hardLimit: true,
      },
    });
    await t.db.promptVersion.createMany({
      data: [
        { profileId: profile.id, versionNumber: 1, content: "You plan.", isActive: false },
        { profileId: profile.id, versionNumber: 2, content: "You plan carefully.", note: "v2", isActive: true },
      ],
    });
    const now = new Date();
    const client = new ObservatoryClient({
      baseUrl: BASE_URL,
      apiKey: key,
      fetch: async (i, init) => dispatch(new Request(i, init)),
      sleep: async () => {},
    });
    await client.send(
      [0, 1, 2].map((i) => ({
        id: `today-${i}`,
        type: "run" as const,
        timestamp: now.toISOString(),
        body: {
          runId: `today-${i}`,
          sessionId: "u-today",
          agentType: "planner",
          status: "completed",
          startedAt: now.toISOString(),
        },
      })),
    );
    const budget = budgetResponseSchema.parse((await get("/api/v1/budgets/planner", budgetResponseSchema)).body);
    expect(budget).toEqual({
      profile: "planner",
      dailyLimit: 3,
      unit: "runs",
      usedToday: 3,
      remaining: 0,
      hardLimit: true,
      allowed: false,
    });
    const prof = profileResponseSchema.parse((await get("/api/v1/profiles/planner", profileResponseSchema)).body);
    expect(prof.activePrompt).toMatchObject({ versionNumber: 2, content: "You plan carefully." });
    expect((await get("/api/v1/budgets/nobody", budgetResponseSchema)).status).toBe(404);
  });
});
