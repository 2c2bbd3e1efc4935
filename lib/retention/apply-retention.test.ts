import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { overrideDbForTests } from "@/lib/db/client";
import { ingestEvents } from "@/lib/ingest/pipeline";
import type { IngestEventInput } from "@/lib/ingest/schemas";
import { ensureProject } from "@/lib/projects/projects";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { ensureDefaultPrices } from "@/lib/usage/prices";
import { appendAudit } from "@/lib/audit/append-audit";
import { applyRetention } from "./apply-retention";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 1);
const daysAgo = (d: number, s = 0) => new Date(NOW - d * DAY + s * 1000).toISOString();

/** Old (100 days) and recent (10 days) logs and LLM calls with bodies, in two sessions. */
function events(): IngestEventInput[] {
  const out: IngestEventInput[] = [];
  for (const [age, n] of [
    [100, 7],
    [10, 4],
  ] as const) {
    const sessionId = `ret-${age}`;
    out.push({
      id: `s-${age}`,
      type: "session",
      timestamp: daysAgo(age),
      body: { sessionId, startedAt: daysAgo(age) },
    });
    for (let i = 0; i < n; i++) {
      out.push({
        id: `log-${age}-${i}`,
        type: "log",
        timestamp: daysAgo(age, i),
        body: { sessionId, message: `log ${i}` },
      });
      out.push({
        id: `call-${age}-${i}`,
        type: "llm_call",
        timestamp: daysAgo(age, i),
        body: {
          callId: `c-${age}-${i}`,
          sessionId,
          model: "gpt-4o-mini",
          inputTokens: 100 + i,
          outputTokens: 10,
          startedAt: daysAgo(age, i),
          prompt: "p",
          response: "r",
        },
      });
    }
  }
  return out;
}

describe.each(databaseKinds())("retention on %s", (kind) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    await ensureDefaultPrices(t.db);
    const projectId = (await ensureProject(t.db, "ret")).id;
    const results = await ingestEvents(t.db, projectId, events());
    expect(results.every((r) => r.status === 201)).toBe(true);
    await t.db.$transaction((tx) =>
      appendAudit(tx, { actor: { type: "system", name: "test" }, action: "test.before", outcome: "success" }),
    );
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  const snapshot = async () => ({
    events: await t.db.event.count(),
    bodies: await t.db.llmCallContent.count(),
    calls: await t.db.llmCall.count(),
    sessions: await t.db.session.count(),
    audit: await t.db.auditEntry.count(),
    rollups: await t.db.usageRollup.findMany({ orderBy: { id: "asc" } }),
  });
  const cutoff = new Date(NOW - 90 * DAY);
  const oldEvents = () => t.db.event.count({ where: { timestamp: { lt: cutoff } } });
  const oldBodies = () => t.db.llmCallContent.count({ where: { llmCall: { startedAt: { lt: cutoff } } } });

  it("counts in a dry run and writes nothing", async () => {
    const before = await snapshot();
    const [events, bodies] = [await oldEvents(), await oldBodies()];
    expect(events).toBeGreaterThanOrEqual(7);
    expect(bodies).toBe(7);
    const r = await applyRetention(t.db, { cutoff, dryRun: true });
    expect(r).toMatchObject({ events, llmCallBodies: bodies, dryRun: true, auditSeq: null });
    expect(await snapshot()).toEqual(before);
  });

  it("deletes old events and bodies in batches, keeps calls, sessions and rollups, and audits with a checkpoint", async () => {
    const before = await snapshot();
    const [events, bodies] = [await oldEvents(), await oldBodies()];
    const progress: number[] = [];
    const r = await applyRetention(t.db, {
      cutoff,
      batchSize: 3,
      olderThan: "90d",
      onProgress: (what, done) => what === "events" && progress.push(done),
    });
    expect(r).toMatchObject({ events, llmCallBodies: bodies, dryRun: false });
    expect(progress.length).toBeGreaterThanOrEqual(Math.ceil(events / 3));
    const after = await snapshot();
    expect(after.events).toBe(before.events - events);
    expect(after.bodies).toBe(before.bodies - bodies);
    expect([await oldEvents(), await oldBodies()]).toEqual([0, 0]);
    expect(after.calls).toBe(before.calls);
    expect(after.sessions).toBe(before.sessions);
    expect(after.rollups).toEqual(before.rollups);
    // recent data untouched
    expect(await t.db.llmCallContent.count({ where: { llmCall: { externalId: "c-10-0" } } })).toBe(1);

    expect(after.audit).toBe(before.audit + 1);
    const entry = await t.db.auditEntry.findFirstOrThrow({ where: { action: "retention.applied" } });
    const previous = await t.db.auditEntry.findFirstOrThrow({ where: { seq: entry.seq - 1 } });
    expect(entry.details).toMatchObject({
      cutoff: cutoff.toISOString(),
      olderThan: "90d",
      deleted: { events, llmCallBodies: bodies },
      checkpoint: { seq: previous.seq, hash: previous.hash },
    });
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, entries: after.audit });
  });

  it("finds nothing left to delete on a second run", async () => {
    const r = await applyRetention(t.db, { cutoff });
    expect(r).toMatchObject({ events: 0, llmCallBodies: 0 });
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
