import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestEvents } from "@/lib/ingest/pipeline";
import type { IngestEventInput } from "@/lib/ingest/schemas";
import { ensureProject } from "@/lib/projects/projects";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { ensureDefaultPrices } from "./prices";
import { keyId, SUM_FIELDS } from "./rollup-math";
import { rebuildRollups, rollupsFromRaw } from "./rollups";

// events spread over 3 days from 08:00, so calls and runs land in, and move between, several UTC days
const BASE = Date.UTC(2026, 5, 1, 8, 0, 0);
const iso = (minutes: number) => new Date(BASE + minutes * 60_000).toISOString();

// Events that hit the rollups from every side: calls created, updated (tokens, model and hour
// change), reported/computed/unknown cost, estimated usage; runs created, updated, placeholders
// created by references, status changes; sessions with sources; out-of-order delivery.
const eventArb = fc.oneof(
  fc.record({
    kind: fc.constant("call" as const),
    call: fc.integer({ min: 0, max: 7 }),
    session: fc.integer({ min: 0, max: 3 }),
    minute: fc.integer({ min: 0, max: 3 * 1440 }),
    model: fc.constantFrom("gpt-4o", "gpt-4o-mini", "claude-sonnet-4-20250514", "mystery-model"),
    agentType: fc.constantFrom("pm", "developer", undefined),
    input: fc.integer({ min: 0, max: 50_000 }),
    output: fc.integer({ min: 0, max: 5_000 }),
    cached: fc.integer({ min: 0, max: 100 }),
    reported: fc.option(fc.double({ min: 0, max: 5, noNaN: true }), { nil: undefined }),
    estimated: fc.boolean(),
    failed: fc.boolean(),
    run: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant("run" as const),
    run: fc.integer({ min: 0, max: 5 }),
    session: fc.integer({ min: 0, max: 3 }),
    minute: fc.integer({ min: 0, max: 3 * 1440 }),
    status: fc.constantFrom("running", "completed", "failed", "executing"),
    agentType: fc.constantFrom("planner", "builder", "reviewer"),
    duration: fc.option(fc.integer({ min: 1, max: 4_000_000 }), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant("session" as const),
    session: fc.integer({ min: 0, max: 3 }),
    minute: fc.integer({ min: 0, max: 3 * 1440 }),
    source: fc.constantFrom("tac", "bazinga"),
  }),
);

type GeneratedEvent = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

function toEvent(e: GeneratedEvent, i: number): IngestEventInput {
  const id = `prop-${i}`;
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
  const cacheRead = Math.floor((e.input * e.cached) / 100);
  return {
    id,
    type: "llm_call",
    timestamp,
    body: e.estimated
      ? {
          callId: `c${e.call}`,
          sessionId: `s${e.session}`,
          model: e.model,
          agentType: e.agentType,
          totalTokens: e.input + e.output,
          estimated: true,
          startedAt: timestamp,
        }
      : {
          callId: `c${e.call}`,
          sessionId: `s${e.session}`,
          runId: e.run === undefined ? undefined : `r${e.run}`,
          model: e.model,
          agentType: e.agentType,
          inputTokens: e.input,
          outputTokens: e.output,
          cacheReadTokens: cacheRead,
          costUsd: e.reported,
          status: e.failed ? "failed" : "completed",
          startedAt: timestamp,
        },
  };
}

type Table = Map<string, Record<string, number>>;

async function storedRollups(t: TestDatabase, projectId: string): Promise<Table> {
  const rows = await t.db.usageRollup.findMany({ where: { projectId } });
  const out: Table = new Map();
  for (const r of rows) {
    const sums = Object.fromEntries(
      SUM_FIELDS.map((f) => [f, Number((r as Record<string, unknown>)[f])]).filter(
        ([, v]) => Math.abs(v as number) > 1e-9,
      ),
    );
    if (Object.keys(sums).length) out.set(keyId(r), sums);
  }
  return out;
}

/** The daily rollups as stored, keyed like the hourly ones (the key's hour is the day). */
async function storedDaily(t: TestDatabase, projectId: string): Promise<Table> {
  const rows = await t.db.usageRollupDaily.findMany({ where: { projectId } });
  const out: Table = new Map();
  for (const r of rows) {
    const sums = Object.fromEntries(
      SUM_FIELDS.map((f) => [f, Number((r as Record<string, unknown>)[f])]).filter(
        ([, v]) => Math.abs(v as number) > 1e-9,
      ),
    );
    if (Object.keys(sums).length) out.set(keyId({ ...r, hour: r.day }), sums);
  }
  return out;
}

/** Hourly rows summed per UTC day, computed here rather than by the code under test. */
function hourlyPerDay(hourly: Table): Table {
  const out: Table = new Map();
  for (const [key, sums] of hourly) {
    const [hour, ...rest] = key.split("\u0000");
    const dayKey = [`${hour!.slice(0, 10)}T00:00:00.000Z`, ...rest].join("\u0000");
    const into = out.get(dayKey) ?? {};
    for (const [f, v] of Object.entries(sums)) into[f] = (into[f] ?? 0) + v;
    out.set(dayKey, into);
  }
  for (const [key, sums] of out) {
    for (const [f, v] of Object.entries(sums)) if (Math.abs(v) <= 1e-9) delete sums[f];
    if (Object.keys(sums).length === 0) out.delete(key);
  }
  return out;
}

function expectSame(actual: Table, expected: Table): void {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [key, sums] of expected) {
    const got = actual.get(key)!;
    expect(Object.keys(got).sort()).toEqual(Object.keys(sums).sort());
    for (const [field, value] of Object.entries(sums)) expect(got[field]).toBeCloseTo(value, 6);
  }
}

describe.each(databaseKinds())("usage rollups on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await ensureDefaultPrices(t.db);
  });
  afterAll(async () => {
    await t.drop();
  });

  it("equal the raw aggregates after random ingestion", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 8 }),
        async (events, batchSize) => {
          const projectId = (await ensureProject(t.db, `prop-${kind === "sqlite" ? "s" : "p"}-${run++}`)).id;
          const all = events.map(toEvent);
          for (let i = 0; i < all.length; i += batchSize) {
            const results = await ingestEvents(t.db, projectId, all.slice(i, i + batchSize));
            expect(results.every((r) => r.status === 201 || r.status === 200)).toBe(true);
          }
          const expected: Table = new Map(
            (await rollupsFromRaw(t.db, projectId))
              .entries()
              .map((e) => [keyId(e.key), e.vector as Record<string, number>]),
          );
          const hourly = await storedRollups(t, projectId);
          expectSame(hourly, expected);
          expectSame(await storedDaily(t, projectId), hourlyPerDay(hourly));
        },
      ),
      { numRuns: kind === "sqlite" ? 40 : 20, seed: 20261121 },
    );
  });

  it("rebuild reproduces what ingestion maintained", async () => {
    const projectId = (await ensureProject(t.db, "prop-rebuild")).id;
    await ingestEvents(t.db, projectId, [
      {
        id: "rb1",
        type: "llm_call",
        timestamp: iso(1),
        body: { callId: "c1", sessionId: "s1", model: "gpt-4o", inputTokens: 1000, outputTokens: 10 },
      },
      {
        id: "rb2",
        type: "run",
        timestamp: iso(2),
        body: {
          runId: "r1",
          sessionId: "s1",
          agentType: "pm",
          status: "completed",
          startedAt: iso(2),
          endedAt: iso(3),
        },
      },
    ]);
    const before = await storedRollups(t, projectId);
    const daily = await storedDaily(t, projectId);
    await rebuildRollups(t.db, projectId);
    expectSame(await storedRollups(t, projectId), before);
    expectSame(await storedDaily(t, projectId), daily);
    expect(before.size).toBe(2);
    expect(daily.size).toBe(2);
  });
});
