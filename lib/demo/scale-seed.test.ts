// The benchmark dataset must be data the product reads like any other: rollups equal to the
// raw rows, a verifiable audit chain, and the counts the scale promises.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { keyId, SUM_FIELDS } from "@/lib/usage/rollup-math";
import { rollupsFromRaw } from "@/lib/usage/rollups";
import { SCALES, seedScale } from "./scale-seed";

describe.each(databaseKinds())("seed --scale on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t.drop());

  it("writes the promised counts, rollups equal to the raw rows and an intact audit chain", async () => {
    const size = SCALES.tiny;
    const summary = await seedScale(t.db, "tiny");
    expect(await t.db.session.count()).toBe(size.sessions);
    expect(await t.db.event.count()).toBe(summary.events);
    expect(Math.abs(summary.events - size.events)).toBeLessThan(size.sessions);
    expect(await t.db.llmCall.count()).toBe(size.calls);
    const largest = await t.db.event.groupBy({
      by: ["sessionId"],
      _count: { _all: true },
      orderBy: { _count: { sessionId: "desc" } },
      take: 1,
    });
    expect(largest[0]?._count._all).toBe(size.largestSessionEvents);
    // session counters match their calls
    const s = await t.db.session.findFirstOrThrow({ where: { externalId: "scale-session-3" } });
    const calls = await t.db.llmCall.aggregate({ where: { sessionId: s.id }, _sum: { totalTokens: true } });
    expect(s.totalTokens).toBe(calls._sum.totalTokens);
    // stored rollups equal a recomputation from the raw rows
    const stored = await t.db.usageRollup.findMany({ where: { projectId: summary.projectId } });
    const raw = new Map((await rollupsFromRaw(t.db, summary.projectId)).entries().map((e) => [keyId(e.key), e.vector]));
    expect(stored.length).toBe(raw.size);
    for (const row of stored) {
      const vector = raw.get(keyId({ hour: row.hour, source: row.source, agentType: row.agentType, model: row.model }));
      for (const field of SUM_FIELDS)
        expect((row as unknown as Record<string, number>)[field]).toBeCloseTo(vector?.[field] ?? 0, 6);
    }
    expect(await t.db.auditEntry.count()).toBe(size.auditEntries);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
    await expect(seedScale(t.db, "tiny")).rejects.toThrow(/already has data/);
  });
});
