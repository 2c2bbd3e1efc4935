// The Usage and Agents readers take whole days from the daily rollups and the partial edge
// days from the hourly ones. Their answers must equal what the hourly rollups alone give for
// the same window (computed here from the hourly rows), after random ingestion, for 30-day
// windows that start and end mid-day, on both databases, also through the HTTP API.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { overrideDbForTests } from "@/lib/db/client";
import { ingestEvents } from "@/lib/ingest/pipeline";
import type { IngestEventInput } from "@/lib/ingest/schemas";
import { ensureProject } from "@/lib/projects/projects";
import { BASE_URL, dispatch } from "@/test/support/api-harness";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { ensureDefaultPrices } from "./prices";
import { DURATION_BUCKETS, histogramPercentile } from "./rollup-math";
import { agentTrendAndLeaderboard, usageChartAndTable } from "./page-rollups";
import { rollupPointsByBucket } from "./rollup-points";
import type { TimeWindow } from "./time-window";
import { agentPerformance, costSourceOf, usageGroups } from "./usage-queries";
import { agentPerformanceResponseSchema, usageResponseSchema } from "./usage-schemas";

const BASE = Date.UTC(2026, 2, 1, 0, 0, 0);
const SPAN_MIN = 33 * 1440;
const iso = (minute: number) => new Date(BASE + minute * 60_000).toISOString();

const eventArb = fc.oneof(
  fc.record({
    kind: fc.constant("call" as const),
    call: fc.integer({ min: 0, max: 30 }),
    session: fc.integer({ min: 0, max: 3 }),
    minute: fc.integer({ min: 0, max: SPAN_MIN }),
    model: fc.constantFrom("gpt-4o", "gpt-4o-mini", "mystery-model"),
    agentType: fc.constantFrom("pm", "developer", undefined),
    input: fc.integer({ min: 0, max: 50_000 }),
    output: fc.integer({ min: 0, max: 5_000 }),
    reported: fc.option(fc.double({ min: 0, max: 5, noNaN: true }), { nil: undefined }),
    failed: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("run" as const),
    run: fc.integer({ min: 0, max: 20 }),
    session: fc.integer({ min: 0, max: 3 }),
    minute: fc.integer({ min: 0, max: SPAN_MIN }),
    status: fc.constantFrom("running", "completed", "failed"),
    agentType: fc.constantFrom("planner", "builder"),
    duration: fc.option(fc.integer({ min: 1, max: 4_000_000 }), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant("session" as const),
    session: fc.integer({ min: 0, max: 3 }),
    minute: fc.integer({ min: 0, max: SPAN_MIN }),
    source: fc.constantFrom("tac", "bazinga"),
  }),
);
type GeneratedEvent = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

function toEvent(e: GeneratedEvent, i: number): IngestEventInput {
  const id = `rr-${i}`;
  const timestamp = iso(e.minute);
  if (e.kind === "session")
    return { id, type: "session", timestamp, body: { sessionId: `s${e.session}`, source: e.source } };
  if (e.kind === "run") {
    const endedAt =
      e.duration === undefined ? undefined : new Date(BASE + e.minute * 60_000 + e.duration).toISOString();
    return {
      id,
      type: "run",
      timestamp,
      body: {
        runId: `r${e.run}`,
        sessionId: `s${e.session}`,
        agentType: e.agentType,
        status: e.status,
        startedAt: timestamp,
        endedAt,
      },
    };
  }
  return {
    id,
    type: "llm_call",
    timestamp,
    body: {
      callId: `c${e.call}`,
      sessionId: `s${e.session}`,
      model: e.model,
      agentType: e.agentType,
      inputTokens: e.input,
      outputTokens: e.output,
      costUsd: e.reported,
      status: e.failed ? "failed" : "completed",
      startedAt: timestamp,
    },
  };
}

type Sums = Record<string, number>;
const DUR = Array.from({ length: DURATION_BUCKETS }, (_, i) => `runDur${i}`);

describe.each(databaseKinds())("rollup readers on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    await ensureDefaultPrices(t.db);
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  /** The hourly rows of the window (from ≤ hour < to), as the readers read them before daily rollups. */
  async function hourlyRows(
    projectId: string,
    window: { from: Date; to: Date },
  ): Promise<(Record<string, unknown> & { hour: Date; source: string; agentType: string; model: string })[]> {
    return (await t.db.usageRollup.findMany({
      where: { projectId, hour: { gte: window.from, lt: window.to } },
    })) as unknown as (Record<string, unknown> & {
      hour: Date;
      source: string;
      agentType: string;
      model: string;
    })[];
  }

  function groupSums<R extends Record<string, unknown>>(
    rows: R[],
    keyOf: (r: R) => string,
    fields: readonly string[],
  ): Map<string, Sums> {
    const out = new Map<string, Sums>();
    for (const r of rows) {
      const s = out.get(keyOf(r)) ?? {};
      for (const f of fields) s[f] = (s[f] ?? 0) + Number(r[f] ?? 0);
      out.set(keyOf(r), s);
    }
    return out;
  }

  let run = 0;
  it("give the hourly rollups' answers for 30-day windows with partial first and last days", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 3 * 1440 }),
        fc.integer({ min: 0, max: 1440 }),
        async (events, batchSize, startMinute, extraMinutes) => {
          const project = await ensureProject(t.db, `rr-${kind === "sqlite" ? "s" : "p"}-${run++}`);
          const all = events.map(toEvent);
          for (let i = 0; i < all.length; i += batchSize)
            await ingestEvents(t.db, project.id, all.slice(i, i + batchSize));
          // 30 days (the preset) or a little less, starting anywhere in the first three days
          const from = new Date(BASE + startMinute * 60_000);
          const to = new Date(from.getTime() + 30 * 86_400_000 - extraMinutes * 60_000);
          const window: TimeWindow = { preset: "30d", from, to, bucket: "day" };
          const rows = await hourlyRows(project.id, window);
          const scope = { projectIds: [project.id] };

          // chart points per day × source × agent type × model
          const pointFields = [
            "llmCalls",
            "totalTokens",
            "costUsd",
            "runs",
            "runsCompleted",
            "runsFailed",
            "unknownCostCalls",
          ];
          const expectedPoints = groupSums(
            rows,
            (r) => [r.hour.toISOString().slice(0, 10), r.source, r.agentType, r.model].join("|"),
            pointFields,
          );
          const points = await rollupPointsByBucket(t.db, scope.projectIds, window);
          const gotPoints = groupSums(
            points.map(
              (p) =>
                ({ ...p }) as unknown as Record<string, unknown> & {
                  hour: Date;
                  source: string;
                  agentType: string;
                  model: string;
                },
            ),
            (p) => [p.hour.toISOString().slice(0, 10), p.source, p.agentType, p.model].join("|"),
            pointFields,
          );
          expectSameSums(gotPoints, expectedPoints);
          // narrowed to the bucket only (the Agents trend): the same sums per day
          const perDay = await rollupPointsByBucket(t.db, scope.projectIds, window, undefined, []);
          expect(new Set(perDay.map((p) => p.hour.toISOString())).size).toBe(perDay.length);
          expectSameSums(
            groupSums(
              perDay.map((p) => ({ ...p }) as unknown as Record<string, unknown> & { hour: Date }),
              (p) => p.hour.toISOString().slice(0, 10),
              pointFields,
            ),
            groupSums(rows, (r) => r.hour.toISOString().slice(0, 10), pointFields),
          );

          // usage table by model and by day (only rows with calls, as the table reads them)
          const usageFields = [
            "llmCalls",
            "totalTokens",
            "inputTokens",
            "outputTokens",
            "costUsd",
            "unknownCostCalls",
            "costReportedUsd",
            "costComputedUsd",
            "costEstimatedUsd",
            "errorCalls",
          ];
          const withCalls = rows.filter((r) => Number(r.llmCalls) > 0);
          for (const groupBy of ["model", "day", "agentType"] as const) {
            const keyOf = (r: (typeof rows)[number]) =>
              groupBy === "day"
                ? r.hour.toISOString().slice(0, 10)
                : (groupBy === "model" ? r.model : r.agentType) || "(none)";
            const expected = groupSums(withCalls, keyOf, usageFields);
            const got = (await usageGroups(t.db, scope, window, groupBy))!;
            expect(got.map((g) => g.key).sort()).toEqual([...expected.keys()].sort());
            for (const g of got) {
              const e = expected.get(g.key)!;
              expect([
                g.llmCalls,
                g.totalTokens,
                g.inputTokens,
                g.outputTokens,
                g.unknownCostCalls,
                g.errorCalls,
              ]).toEqual([e.llmCalls, e.totalTokens, e.inputTokens, e.outputTokens, e.unknownCostCalls, e.errorCalls]);
              expect(g.costUsd).toBeCloseTo(e.costUsd!, 8);
              expect(g.costSource).toBe(costSourceOf(e));
            }
          }

          // agent leaderboard by agent type: counts, tokens, cost and histogram percentiles
          const perfFields = ["runs", "runsCompleted", "runsFailed", "totalTokens", "costUsd", "llmCalls", ...DUR];
          const expectedPerf = groupSums(rows, (r) => r.agentType || "(none)", perfFields);
          const perf = await agentPerformance(t.db, scope, window, "agentType");
          expect(perf.map((p) => p.key).sort()).toEqual([...expectedPerf.keys()].sort());
          for (const p of perf) {
            const e = expectedPerf.get(p.key)!;
            const hist = DUR.map((f) => e[f] ?? 0);
            expect([p.runs, p.completed, p.failed, p.totalTokens, p.llmCalls]).toEqual([
              e.runs,
              e.runsCompleted,
              e.runsFailed,
              e.totalTokens,
              e.llmCalls,
            ]);
            expect([p.p50DurationMs, p.p95DurationMs]).toEqual([
              histogramPercentile(hist, 50),
              histogramPercentile(hist, 95),
            ]);
            expect(p.costUsd).toBeCloseTo(e.costUsd!, 8);
          }

          // the pages' single reads: what the separate readers above answer
          for (const stackBy of ["model", "agentType", "source"] as const) {
            const view = await usageChartAndTable(t.db, scope, window, stackBy);
            expectSameRecords(
              view.points,
              await rollupPointsByBucket(t.db, scope.projectIds, window, undefined, [stackBy]),
              pointKey,
            );
            expectSameRecords(view.table, (await usageGroups(t.db, scope, window, stackBy))!, (r) => r.key);
          }
          for (const by of ["agentType", "model"] as const) {
            const view = await agentTrendAndLeaderboard(t.db, scope, window, by);
            expectSameRecords(
              view.points,
              await rollupPointsByBucket(t.db, scope.projectIds, window, undefined, []),
              pointKey,
            );
            expectSameRecords(view.leaderboard, await agentPerformance(t.db, scope, window, by), (r) => r.key);
          }
        },
      ),
      { numRuns: kind === "sqlite" ? 25 : 12, seed: 20261122 },
    );
  });

  it("answer the same through the HTTP API", async () => {
    const project = await ensureProject(t.db, "rr-api");
    const key = (await createApiKey(t.db, { projectId: project.id, name: "rr" })).key;
    const from = new Date(BASE + 13 * 3_600_000 + 17 * 60_000);
    const to = new Date(from.getTime() + 30 * 86_400_000);
    const minuteOf = (d: Date, plus = 0) => (d.getTime() - BASE) / 60_000 + plus;
    const call = (n: number, minute: number, model: string): IngestEventInput => ({
      id: `api-c${n}`,
      type: "llm_call",
      timestamp: iso(minute),
      body: {
        callId: `api-c${n}`,
        sessionId: "api-s",
        model,
        agentType: "pm",
        inputTokens: 1000 * n,
        outputTokens: 10,
        startedAt: iso(minute),
      },
    });
    await ingestEvents(t.db, project.id, [
      call(1, minuteOf(from, -20), "gpt-4o"), // its hour starts before `from`: not in the window
      call(2, minuteOf(from, 120), "gpt-4o"), // partial first day
      call(3, minuteOf(from, 10 * 1440), "gpt-4o-mini"), // a whole day
      call(4, minuteOf(to, -5), "gpt-4o-mini"), // partial last day
      call(5, minuteOf(to, 60), "gpt-4o"), // after the window
      {
        id: "api-r1",
        type: "run",
        timestamp: iso(minuteOf(from, 200)),
        body: {
          runId: "api-r1",
          sessionId: "api-s",
          agentType: "pm",
          status: "completed",
          startedAt: iso(minuteOf(from, 200)),
          endedAt: iso(minuteOf(from, 201)),
        },
      },
      {
        id: "api-r2",
        type: "run",
        timestamp: iso(minuteOf(from, 5 * 1440)),
        body: {
          runId: "api-r2",
          sessionId: "api-s",
          agentType: "pm",
          status: "failed",
          startedAt: iso(minuteOf(from, 5 * 1440)),
        },
      },
    ]);
    const rows = await hourlyRows(project.id, { from, to });
    // calls 2, 3 and 4 (and both runs) are in the window by the hourly reading
    expect(rows.reduce((n, r) => n + Number(r.llmCalls), 0)).toBe(3);
    const get = async (path: string) => {
      const res = await dispatch(
        new Request(`${BASE_URL}${path}&from=${from.toISOString()}&to=${to.toISOString()}`, {
          headers: { authorization: `Bearer ${key}` },
        }),
      );
      expect(res.status).toBe(200);
      return (await res.json()) as unknown;
    };
    const usage = usageResponseSchema.parse(await get("/api/v1/usage?groupBy=model")).data;
    const expectedUsage = groupSums(
      rows.filter((r) => Number(r.llmCalls) > 0),
      (r) => r.model || "(none)",
      ["llmCalls", "totalTokens", "costUsd"],
    );
    expect(usage.map((u) => u.key).sort()).toEqual([...expectedUsage.keys()].sort());
    for (const u of usage) {
      expect([u.llmCalls, u.totalTokens]).toEqual([
        expectedUsage.get(u.key)!.llmCalls,
        expectedUsage.get(u.key)!.totalTokens,
      ]);
      expect(u.costUsd).toBeCloseTo(expectedUsage.get(u.key)!.costUsd!, 8);
    }
    const perf = agentPerformanceResponseSchema.parse(await get("/api/v1/agents/performance?groupBy=agentType")).data;
    const expectedPerf = groupSums(rows, (r) => r.agentType || "(none)", [
      "runs",
      "runsCompleted",
      "runsFailed",
      "llmCalls",
    ]);
    expect(perf.map((p) => [p.key, p.runs, p.completed, p.failed, p.llmCalls]).sort()).toEqual(
      [...expectedPerf.entries()].map(([k, e]) => [k, e.runs, e.runsCompleted, e.runsFailed, e.llmCalls]).sort(),
    );
  });
});

const pointKey = (p: { hour: Date; source: string; agentType: string; model: string }) =>
  [p.hour.toISOString(), p.source, p.agentType, p.model].join("|");

/** The same records by key, numbers equal to 8 decimals (sums added in another order). */
function expectSameRecords<T extends object>(
  actual: readonly T[],
  expected: readonly T[],
  keyOf: (r: T) => string,
): void {
  expect(actual.map(keyOf).sort()).toEqual(expected.map(keyOf).sort());
  expect(expected.length).toBe(new Set(expected.map(keyOf)).size);
  const byKey = new Map(actual.map((r) => [keyOf(r), r]));
  for (const e of expected) {
    const a = byKey.get(keyOf(e))! as Record<string, unknown>;
    expect(Object.keys(a).sort()).toEqual(Object.keys(e).sort());
    for (const [f, v] of Object.entries(e)) {
      if (typeof v === "number") expect(a[f]).toBeCloseTo(v, 8);
      else expect(a[f]).toEqual(v);
    }
  }
}

function expectSameSums(actual: Map<string, Sums>, expected: Map<string, Sums>): void {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [key, sums] of expected) {
    for (const [f, v] of Object.entries(sums)) expect(actual.get(key)![f]).toBeCloseTo(v, 8);
  }
}
