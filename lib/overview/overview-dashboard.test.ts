import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideDbForTests } from "@/lib/db/client";
import { ingestEvents } from "@/lib/ingest/pipeline";
import { ensureProject } from "@/lib/projects/projects";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { ensureDefaultPrices } from "@/lib/usage/prices";
import { hourlyLlmUsage } from "./hourly-usage";
import { getOverviewDashboard } from "./overview-dashboard";

const now = new Date("2026-03-01T12:30:00Z");
const iso = (s: string) => new Date(`2026-03-01T${s}Z`).toISOString();

describe.each(databaseKinds())("overview dashboard on %s", (kind) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await ensureDefaultPrices(t.db);
    const { id: projectId } = await ensureProject(t.db, "ov");
    overrideDbForTests({ db: t.db, kind });
    const results = await ingestEvents(t.db, projectId, [
      {
        id: "s1",
        type: "session",
        timestamp: iso("01:00:00"),
        body: { sessionId: "s1", status: "completed", startedAt: iso("01:00:00") },
      },
      {
        id: "s2",
        type: "session",
        timestamp: iso("11:10:00"),
        body: { sessionId: "s2", status: "failed", startedAt: iso("11:10:00") },
      },
      {
        id: "r1",
        type: "run",
        timestamp: iso("11:11:00"),
        body: { runId: "r1", sessionId: "s2", agentType: "qa", status: "failed", startedAt: iso("11:11:00") },
      },
      {
        id: "r2",
        type: "run",
        timestamp: iso("11:12:00"),
        body: { runId: "r2", sessionId: "s2", agentType: "qa", status: "completed", startedAt: iso("11:12:00") },
      },
      {
        id: "c1",
        type: "llm_call",
        timestamp: iso("01:05:00"),
        body: {
          callId: "c1",
          sessionId: "s1",
          inputTokens: 100,
          outputTokens: 50,
          costUsd: 0.25,
          startedAt: iso("01:05:00"),
        },
      },
      {
        id: "c2",
        type: "llm_call",
        timestamp: iso("11:15:00"),
        body: {
          callId: "c2",
          sessionId: "s2",
          inputTokens: 10,
          outputTokens: 5,
          costUsd: 0.5,
          startedAt: iso("11:15:00"),
        },
      },
      {
        id: "c3",
        type: "llm_call",
        timestamp: "2026-02-28T23:59:59.999Z",
        body: { callId: "c3", sessionId: "s3", inputTokens: 7, costUsd: 9, startedAt: "2026-02-28T23:59:59.999Z" },
      },
      {
        id: "l1",
        type: "log",
        timestamp: iso("11:20:00"),
        body: { sessionId: "s2", level: "error", message: "  boom\n  twice " },
      },
    ]);
    expect(results.every((r) => r.status === 201)).toBe(true);
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  it("buckets LLM usage by UTC hour from the given time on", async () => {
    const rows = await hourlyLlmUsage(t.db, new Date("2026-03-01T00:00:00Z"));
    expect(rows).toEqual([
      { hour: "2026-03-01T01", tokens: 150, costUsd: 0.25, calls: 1 },
      { hour: "2026-03-01T11", tokens: 15, costUsd: 0.5, calls: 1 },
    ]);
  });

  it("draws today, the last 24 hours and the latest events", async () => {
    const d = await getOverviewDashboard(now);
    expect(d.today.tokens).toBe(165);
    expect(d.today.costUsd).toBeCloseTo(0.75, 9);
    expect(d.today.tokensByHour).toHaveLength(13);
    expect(d.today.sessionsByHour.reduce((a, b) => a + b, 0)).toBe(2);
    // s3 started yesterday, within 24 h, as a placeholder of its call (unknown: no session row)
    expect(d.failure).toEqual({ failed: 1, finished: 2, rate: 0.5 });
    expect(d.agents).toEqual([{ agentType: "qa", runs: 2, failed: 1, ok: 1 }]);
    expect(d.statuses).toEqual(["completed", "failed", "unknown"]);
    expect(d.latestEvents[0]).toMatchObject({
      level: "error",
      message: "boom twice",
      session: { externalId: "s2", projectSlug: "ov" },
    });
  });
});
