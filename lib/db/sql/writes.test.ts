// The hot-path bulk writes must store exactly what Prisma would, on both databases, inside
// and outside a Prisma transaction.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureProject } from "@/lib/projects/projects";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { jsonText } from "./schema";
import { addSessionActivity, addToCounters, insertRows, selectByKeys } from "./writes";

describe.each(databaseKinds())("bulk SQL on %s", (kind) => {
  let t: TestDatabase;
  let projectId: string;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    projectId = (await ensureProject(t.db, "bulk")).id;
  });
  afterAll(() => t.drop());

  const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
  const row = (id: string) => ({
    projectId,
    externalId: id,
    source: "api",
    level: "info",
    message: `it's "quoted" ${id}`,
    iteration: 7,
    details: jsonText({ nested: { id, list: [1, "two", null] } }),
    timestamp: at,
    createdAt: at,
  });

  it("inserts rows Prisma reads back unchanged, skips duplicates and answers the inserted keys", async () => {
    const options = { onConflictDoNothing: ["projectId", "externalId"], returning: "externalId" } as const;
    const first = await t.db.$transaction((tx) => insertRows(tx, "Event", [row("a"), row("b")], options));
    expect([...first].sort()).toEqual(["a", "b"]);
    const second = await t.db.$transaction((tx) => insertRows(tx, "Event", [row("b"), row("c")], options));
    expect(second).toEqual(["c"]);
    // outside a transaction too
    expect(await insertRows(t.db, "Event", [row("c"), row("d")], options)).toEqual(["d"]);
    const stored = await t.db.event.findUnique({ where: { projectId_externalId: { projectId, externalId: "a" } } });
    expect(stored).toMatchObject({
      source: "api",
      level: "info",
      kind: "log",
      message: `it's "quoted" a`,
      iteration: 7,
      details: { nested: { id: "a", list: [1, "two", null] } },
      timestamp: at,
      createdAt: at,
      metadata: null,
    });
    // range queries compare timestamps written by Prisma and by us alike
    expect(await t.db.event.count({ where: { projectId, timestamp: { gte: at, lte: at } } })).toBe(4);
  });

  it("stores a JSON string as JSON, not as bare text", async () => {
    await insertRows(t.db, "Event", [{ ...row("json-string"), details: jsonText("just text") }]);
    expect((await t.db.event.findFirst({ where: { externalId: "json-string" } }))?.details).toBe("just text");
  });

  it("rolls back with the transaction it ran in", async () => {
    await expect(
      t.db.$transaction(async (tx) => {
        await insertRows(tx, "Event", [row("rolled-back")]);
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await t.db.event.count({ where: { externalId: "rolled-back" } })).toBe(0);
  });

  it("selects by keys inside and outside a transaction", async () => {
    const keys = ["a", "b", "missing"];
    const outside = await selectByKeys(t.db, "Event", ["externalId", "message"], projectId, "externalId", keys);
    const inside = await t.db.$transaction((tx) =>
      selectByKeys(tx, "Event", ["externalId", "message"], projectId, "externalId", keys),
    );
    for (const rows of [outside, inside]) expect(rows.map((r) => r.externalId).sort()).toEqual(["a", "b"]);
  });

  it("adds session activity: counters, updatedAt forward only, startedAt back only", async () => {
    const start = new Date(Date.UTC(2026, 0, 1, 12));
    const s = await t.db.session.create({
      data: {
        projectId,
        externalId: "activity",
        source: "api",
        startedAt: start,
        updatedAt: start,
        totalTokens: 5,
        costUsd: 0.5,
        errorCount: 1,
      },
    });
    const other = await t.db.session.create({
      data: { projectId, externalId: "untouched", source: "api", startedAt: start, updatedAt: start },
    });
    const later = new Date(start.getTime() + 60_000);
    const earlier = new Date(start.getTime() - 60_000);
    await t.db.$transaction((tx) =>
      addSessionActivity(tx, [{ id: s.id, first: earlier, last: later, tokens: 10, cost: 0.25, errors: 2 }]),
    );
    await t.db.$transaction((tx) =>
      addSessionActivity(tx, [{ id: s.id, first: later, last: start, tokens: 1, cost: 0, errors: 0 }]),
    );
    expect(await t.db.session.findUnique({ where: { id: s.id } })).toMatchObject({
      totalTokens: 16,
      costUsd: 0.75,
      errorCount: 3,
      startedAt: earlier,
      updatedAt: later,
    });
    expect(await t.db.session.findUnique({ where: { id: other.id } })).toMatchObject({
      totalTokens: 0,
      startedAt: start,
      updatedAt: start,
    });
  });

  it("adds the activity of several sessions in one call, each to its own row", async () => {
    const start = new Date(Date.UTC(2026, 1, 1, 12));
    const make = (externalId: string) =>
      t.db.session.create({ data: { projectId, externalId, source: "api", startedAt: start, updatedAt: start } });
    const [a, b] = [await make("several-a"), await make("several-b")];
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    await t.db.$transaction((tx) =>
      addSessionActivity(tx, [
        { id: a.id, first: at(-5), last: at(5), tokens: 7, cost: 0.5, errors: 1 },
        { id: b.id, first: at(1), last: at(9), tokens: 3, cost: 1.5, errors: 4 },
      ]),
    );
    expect(await t.db.session.findUnique({ where: { id: a.id } })).toMatchObject({
      totalTokens: 7,
      costUsd: 0.5,
      errorCount: 1,
      startedAt: at(-5),
      updatedAt: at(5),
    });
    expect(await t.db.session.findUnique({ where: { id: b.id } })).toMatchObject({
      totalTokens: 3,
      costUsd: 1.5,
      errorCount: 4,
      startedAt: start,
      updatedAt: at(9),
    });
  });

  it("adds to counters: new keys are inserted, existing keys get the values added", async () => {
    const day = new Date(Date.UTC(2026, 0, 2));
    const add = (rows: { agentType: string; model: string; llmCalls: number; costUsd: number }[]) =>
      t.db.$transaction((tx) =>
        addToCounters(
          tx,
          "UsageRollupDaily",
          rows.map((r) => ({ projectId, day, source: "api", ...r })),
          { key: ["projectId", "day", "source", "agentType", "model"], counters: ["llmCalls", "costUsd"] },
        ),
      );
    await add([
      { agentType: "pm", model: "m1", llmCalls: 2, costUsd: 0.25 },
      { agentType: "pm", model: "m2", llmCalls: 1, costUsd: 1.5 },
    ]);
    await add([
      { agentType: "pm", model: "m1", llmCalls: 3, costUsd: 0.5 },
      { agentType: "pm", model: "m2", llmCalls: -1, costUsd: -1.5 },
      { agentType: "", model: "", llmCalls: 1, costUsd: 0 },
    ]);
    const rows = await t.db.usageRollupDaily.findMany({
      where: { projectId },
      orderBy: [{ model: "asc" }, { agentType: "asc" }],
      select: { day: true, agentType: true, model: true, llmCalls: true, costUsd: true, runs: true },
    });
    expect(rows).toEqual([
      { day, agentType: "", model: "", llmCalls: 1, costUsd: 0, runs: 0 },
      { day, agentType: "pm", model: "m1", llmCalls: 5, costUsd: 0.75, runs: 0 },
      { day, agentType: "pm", model: "m2", llmCalls: 0, costUsd: 0, runs: 0 },
    ]);
  });
});
