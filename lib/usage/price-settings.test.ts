import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionError } from "@/lib/actions/action-result";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { overrideDbForTests } from "@/lib/db/client";
import { ingestEvents } from "@/lib/ingest/pipeline";
import { ensureProject } from "@/lib/projects/projects";
import { testAudit } from "@/test/support/test-audit";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { createPriceSchema, updatePriceSchema } from "./price-schemas";
import { createPriceEntry, deletePriceEntry, updatePriceEntry } from "./price-settings";
import { rebuildRollups } from "./rollups";

const form = (over: Record<string, string> = {}) =>
  createPriceSchema.parse({
    model: "acme-1",
    matchPattern: "^acme-1$",
    provider: "acme",
    inputPerMTok: "1",
    outputPerMTok: "2",
    cacheReadPerMTok: "",
    effectiveFrom: "2025-01-01",
    ...over,
  });

describe.each(databaseKinds())("editing model prices on %s", (kind) => {
  let t: TestDatabase;
  let projectId: string;

  const call = (callId: string, at: string, model: string, extra: Record<string, unknown> = {}) => ({
    id: `ev-${callId}`,
    type: "llm_call",
    timestamp: at,
    body: {
      callId,
      sessionId: "p-s1",
      agentType: "planner",
      model,
      inputTokens: 1_000_000,
      outputTokens: 1_000_000,
      startedAt: at,
      ...extra,
    },
  });
  const costOf = async (callId: string) => {
    const c = await t.db.llmCall.findFirstOrThrow({
      where: { externalId: callId },
      select: { costUsd: true, costSource: true, priceId: true },
    });
    return c;
  };
  /** rollup cost per hour and per day as stored, to compare with a rebuild from raw calls */
  const rollupCosts = async () =>
    (await t.db.usageRollup.findMany({ where: { projectId }, orderBy: [{ hour: "asc" }, { model: "asc" }] }))
      .filter((r) => r.llmCalls > 0)
      .map(
        (r) =>
          `${r.hour.toISOString()} ${r.model} ${r.costUsd.toFixed(6)} ${r.costComputedUsd.toFixed(6)} ${r.costReportedUsd.toFixed(6)} ${r.unknownCostCalls}`,
      )
      .concat(
        // the daily rollups are adjusted in the same transaction as the hourly ones
        (await t.db.usageRollupDaily.findMany({ where: { projectId }, orderBy: [{ day: "asc" }, { model: "asc" }] }))
          .filter((r) => r.llmCalls > 0)
          .map(
            (r) =>
              `day ${r.day.toISOString()} ${r.model} ${r.costUsd.toFixed(6)} ${r.costComputedUsd.toFixed(6)} ${r.costReportedUsd.toFixed(6)} ${r.unknownCostCalls}`,
          ),
      );
  const sessionCost = async () => (await t.db.session.findFirstOrThrow({ where: { externalId: "p-s1" } })).costUsd;
  const audits = (action: string) => t.db.auditEntry.findMany({ where: { action }, orderBy: { seq: "asc" } });

  /** stored rollups and session total must equal what a rebuild from the raw calls gives */
  async function expectConsistent() {
    const stored = await rollupCosts();
    const calls = await t.db.llmCall.findMany({ where: { projectId }, select: { costUsd: true } });
    expect(await sessionCost()).toBeCloseTo(
      calls.reduce((s, c) => s + (c.costUsd ?? 0), 0),
      9,
    );
    await rebuildRollups(t.db, projectId);
    expect(await rollupCosts()).toEqual(stored);
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    projectId = (await ensureProject(t.db, "prices")).id;
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  it("a new price entry recomputes the computed costs of calls in its window, leaving reported and earlier ones", async () => {
    const first = await createPriceEntry(t.db, form(), testAudit);
    const results = await ingestEvents(t.db, projectId, [
      { id: "ev-s", type: "session", timestamp: "2025-03-01T00:00:00Z", body: { sessionId: "p-s1" } },
      call("c-march", "2025-03-01T10:00:00Z", "acme-1"),
      call("c-july", "2025-07-01T10:00:00Z", "acme-1"),
      call("c-reported", "2025-07-01T11:00:00Z", "acme-1", { costUsd: 0.5 }),
      call("c-other", "2025-07-01T12:00:00Z", "acme-2"),
    ]);
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(await costOf("c-july")).toEqual({ costUsd: 3, costSource: "computed", priceId: first.price.id });
    expect(await costOf("c-other")).toMatchObject({ costUsd: null, costSource: "unknown" });

    const change = await createPriceEntry(
      t.db,
      form({ inputPerMTok: "2", outputPerMTok: "4", effectiveFrom: "2025-06-01" }),
      testAudit,
    );
    expect(change.recomputed).toBe(1);
    expect(await costOf("c-march")).toEqual({ costUsd: 3, costSource: "computed", priceId: first.price.id });
    expect(await costOf("c-july")).toEqual({ costUsd: 6, costSource: "computed", priceId: change.price.id });
    expect(await costOf("c-reported")).toEqual({ costUsd: 0.5, costSource: "reported", priceId: null });
    await expectConsistent();

    // a price for a model that had none turns its unknown calls into computed ones
    await createPriceEntry(
      t.db,
      form({ model: "acme-2", matchPattern: "^acme-2$", inputPerMTok: "0.5", outputPerMTok: "0.5" }),
      testAudit,
    );
    expect(await costOf("c-other")).toMatchObject({ costUsd: 1, costSource: "computed" });
    await expectConsistent();

    const [created] = await audits("price.created");
    expect(created).toMatchObject({
      outcome: "success",
      actorName: "admin@example.com",
      targetId: first.price.id,
      before: null,
    });
    expect(created!.after).toMatchObject({
      model: "acme-1",
      matchPattern: "^acme-1$",
      inputPerMTok: 1,
      outputPerMTok: 2,
      cacheReadPerMTok: null,
      effectiveFrom: "2025-01-01T00:00:00.000Z",
    });
  });

  it("editing an entry recomputes the old and the new window, and is audited with before and after", async () => {
    const june = await t.db.modelPrice.findFirstOrThrow({
      where: { model: "acme-1", effectiveFrom: new Date("2025-06-01T00:00:00Z") },
    });
    const input = updatePriceSchema.parse({
      id: june.id,
      model: "acme-1",
      matchPattern: "^acme-1$",
      inputPerMTok: "2",
      outputPerMTok: "4",
      cacheReadPerMTok: "0.2",
      effectiveFrom: "2025-02-01",
    });
    const change = await updatePriceEntry(t.db, input, testAudit);
    expect(change.recomputed).toBe(1);
    expect(await costOf("c-march")).toMatchObject({ costUsd: 6, priceId: june.id });
    await expectConsistent();
    const [updated] = await audits("price.updated");
    expect(updated!.before).toMatchObject({ effectiveFrom: "2025-06-01T00:00:00.000Z", cacheReadPerMTok: null });
    expect(updated!.after).toMatchObject({ effectiveFrom: "2025-02-01T00:00:00.000Z", cacheReadPerMTok: 0.2 });
  });

  it("deleting an entry puts its calls back on the price before it", async () => {
    const feb = await t.db.modelPrice.findFirstOrThrow({
      where: { model: "acme-1", effectiveFrom: new Date("2025-02-01T00:00:00Z") },
    });
    const change = await deletePriceEntry(t.db, feb.id, testAudit);
    expect(change.recomputed).toBe(2);
    expect((await costOf("c-march")).costUsd).toBe(3);
    expect((await costOf("c-july")).costUsd).toBe(3);
    await expectConsistent();
    const [deleted] = await audits("price.deleted");
    expect(deleted).toMatchObject({ targetId: feb.id, after: null });
    expect(deleted!.before).toMatchObject({ model: "acme-1", inputPerMTok: 2 });
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it("refuses a second entry for the same model and date, naming the field, and changes nothing", async () => {
    const before = await t.db.auditEntry.count();
    const error = await createPriceEntry(t.db, form({ inputPerMTok: "9" }), testAudit).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect(error).toMatchObject({
      field: "effectiveFrom",
      message: expect.stringContaining("acme-1 already has a price from 2025-01-01"),
    });
    expect(await t.db.modelPrice.count({ where: { model: "acme-1" } })).toBe(1);
    expect(await t.db.auditEntry.count()).toBe(before);
  });

  it("refuses editing an entry that no longer exists", async () => {
    const input = updatePriceSchema.parse({
      id: "gone",
      model: "x",
      matchPattern: "x",
      inputPerMTok: "1",
      outputPerMTok: "1",
      effectiveFrom: "2025-01-01",
    });
    await expect(updatePriceEntry(t.db, input, testAudit)).rejects.toMatchObject({ field: "id" });
    await expect(deletePriceEntry(t.db, "gone", testAudit)).rejects.toMatchObject({ field: "id" });
  });
});

describe("price form validation", () => {
  const issue = (over: Record<string, unknown>) => {
    const r = createPriceSchema.safeParse({
      model: "m",
      matchPattern: "^m$",
      inputPerMTok: "1",
      outputPerMTok: "1",
      effectiveFrom: "2025-01-01",
      ...over,
    });
    return r.success ? null : { path: r.error.issues[0]!.path.join("."), message: r.error.issues[0]!.message };
  };

  it("names the field of each mistake", () => {
    expect(issue({ matchPattern: "^gpt-(4" })).toMatchObject({
      path: "matchPattern",
      message: expect.stringContaining("not a valid regular expression"),
    });
    expect(issue({ inputPerMTok: "-1" })).toMatchObject({
      path: "inputPerMTok",
      message: expect.stringContaining("0 or more"),
    });
    expect(issue({ outputPerMTok: "abc" })).toMatchObject({ path: "outputPerMTok" });
    expect(issue({ outputPerMTok: "" })).toMatchObject({ path: "outputPerMTok" });
    expect(issue({ cacheWritePerMTok: "-0.5" })).toMatchObject({ path: "cacheWritePerMTok" });
    expect(issue({ reasoningPerMTok: "Infinity" })).toMatchObject({ path: "reasoningPerMTok" });
    expect(issue({ effectiveFrom: "next tuesday" })).toMatchObject({
      path: "effectiveFrom",
      message: expect.stringContaining("2025-06-01"),
    });
    expect(issue({ effectiveFrom: "2025-13-45" })).toMatchObject({ path: "effectiveFrom" });
    expect(issue({ model: "  " })).toMatchObject({ path: "model", message: "Model is required" });
    expect(issue({ model: undefined })).toMatchObject({ path: "model" });
  });

  it("accepts empty optional prices as not set, and dates or ISO timestamps", () => {
    const ok = createPriceSchema.parse({
      model: "m",
      matchPattern: "^m$",
      inputPerMTok: "0",
      outputPerMTok: "1.5",
      cacheReadPerMTok: "",
      effectiveFrom: "2025-06-01T12:30:00Z",
    });
    expect(ok).toMatchObject({
      inputPerMTok: 0,
      outputPerMTok: 1.5,
      cacheReadPerMTok: null,
      cacheWritePerMTok: null,
      provider: null,
    });
    expect(ok.effectiveFrom.toISOString()).toBe("2025-06-01T12:30:00.000Z");
  });
});
