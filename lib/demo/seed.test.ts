import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { seedDemo } from "./seed";

describe.each(databaseKinds())("demo seed on %s", (kind) => {
  let t: TestDatabase;
  const now = new Date("2026-06-15T12:00:00Z");

  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t.drop();
  });

  it("loads every demo event through the pipeline, and a re-seed adds nothing", async () => {
    const first = await seedDemo(t.db, { sessions: 12, now });
    expect(first.rejected).toBe(0);
    expect(first.stored).toBe(first.events);
    expect(await t.db.session.count({ where: { placeholder: false } })).toBe(12);
    const counts = async () =>
      Promise.all([
        t.db.session.count(),
        t.db.run.count(),
        t.db.llmCall.count(),
        t.db.event.count(),
        t.db.message.count(),
      ]);
    const before = await counts();
    const again = await seedDemo(t.db, { sessions: 12, now: new Date("2027-01-01T00:00:00Z") });
    expect(again).toMatchObject({ stored: 0, duplicates: again.events, rejected: 0 });
    expect(await counts()).toEqual(before);
    expect(await t.db.modelPrice.count()).toBeGreaterThanOrEqual(5);
  });

  it("keeps session totals equal to the sum of their LLM calls", async () => {
    const sessions = await t.db.session.findMany({ select: { id: true, totalTokens: true, costUsd: true } });
    const sums = await t.db.llmCall.groupBy({ by: ["sessionId"], _sum: { totalTokens: true, costUsd: true } });
    const bySession = new Map(sums.map((s) => [s.sessionId, s._sum]));
    for (const s of sessions) {
      const sum = bySession.get(s.id);
      expect(s.totalTokens).toBe(sum?.totalTokens ?? 0);
      expect(s.costUsd).toBeCloseTo(sum?.costUsd ?? 0, 6);
    }
    expect(sessions.some((s) => s.totalTokens > 0)).toBe(true);
  });

  it("places the demo in three projects with all five sources", async () => {
    const projects = await t.db.project.findMany({ select: { slug: true } });
    expect(projects.map((p) => p.slug).sort()).toEqual(["checkout-service", "research-lab", "studio-app"]);
    const sources = await t.db.session.groupBy({ by: ["source"], where: { placeholder: false } });
    expect(sources.map((s) => s.source).sort()).toEqual(["agents-orchestrator", "bazinga", "beads", "studio", "tac"]);
  });
});
