// The hot-path bulk writes must store exactly what Prisma would, on both databases and on
// both SQLite paths (Prisma raw and the connection's prepared statements).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureProject } from "@/lib/projects/projects";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/lib/testing/test-database";
import { addToCounters, bulkInsert, updateSessionActivity, type Column } from "./bulk-sql";
import { sqliteDriverOf } from "./client";

const COLUMNS: Column[] = [
  { name: "projectId", type: "text" },
  { name: "externalId", type: "text" },
  { name: "source", type: "text" },
  { name: "level", type: "text" },
  { name: "message", type: "text" },
  { name: "iteration", type: "int" },
  { name: "details", type: "json" },
  { name: "timestamp", type: "timestamp" },
  { name: "createdAt", type: "timestamp" },
];

describe.each(databaseKinds())("bulk SQL on %s", (kind) => {
  let t: TestDatabase;
  let projectId: string;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    projectId = (await ensureProject(t.db, "bulk")).id;
  });
  afterAll(() => t.drop());

  const paths = kind === "sqlite" ? (["prisma", "driver"] as const) : (["prisma"] as const);
  it.each(paths)("inserts rows Prisma reads back unchanged, and skips duplicates (%s path)", async (path) => {
    await t.db.project.count(); // connects, so the driver handle is known
    const driver = path === "driver" ? sqliteDriverOf(t.db) : undefined;
    if (path === "driver") expect(driver).toBeDefined();
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    const row = (id: string) => [projectId, `${path}-${id}`, "api", "info", `it's "quoted" ${id}`, 7, { nested: { id, list: [1, "two", null] } }, at, at];
    const first = await t.db.$transaction((tx) =>
      bulkInsert(tx, kind, "Event", COLUMNS, [row("a"), row("b")], { conflictKey: ["projectId", "externalId"], returning: "externalId", driver }),
    );
    expect([...first].sort()).toEqual([`${path}-a`, `${path}-b`]);
    const second = await t.db.$transaction((tx) =>
      bulkInsert(tx, kind, "Event", COLUMNS, [row("b"), row("c")], { conflictKey: ["projectId", "externalId"], returning: "externalId", driver }),
    );
    expect(second).toEqual([`${path}-c`]);
    const stored = await t.db.event.findUnique({ where: { projectId_externalId: { projectId, externalId: `${path}-a` } } });
    expect(stored).toMatchObject({ source: "api", level: "info", kind: "log", message: `it's "quoted" a`, iteration: 7, details: { nested: { id: "a", list: [1, "two", null] } }, timestamp: at, createdAt: at, metadata: null });
    // range queries compare timestamps written by Prisma and by us alike
    expect(await t.db.event.count({ where: { projectId, externalId: { startsWith: `${path}-` }, timestamp: { gte: at, lte: at } } })).toBe(3);
  });

  it("rolls back with the transaction it ran in", async () => {
    await t.db.project.count();
    const driver = sqliteDriverOf(t.db);
    const at = new Date();
    await expect(
      t.db.$transaction(async (tx) => {
        await bulkInsert(tx, kind, "Event", COLUMNS, [[projectId, "rolled-back", "api", "info", "m", null, null, at, at]], { driver });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await t.db.event.count({ where: { externalId: "rolled-back" } })).toBe(0);
  });

  it("adds session activity: counters, updatedAt forward only, startedAt back only", async () => {
    const start = new Date(Date.UTC(2026, 0, 1, 12));
    const s = await t.db.session.create({ data: { projectId, externalId: "activity", source: "api", startedAt: start, updatedAt: start, totalTokens: 5, costUsd: 0.5, errorCount: 1 } });
    const other = await t.db.session.create({ data: { projectId, externalId: "untouched", source: "api", startedAt: start, updatedAt: start } });
    const later = new Date(start.getTime() + 60_000);
    const earlier = new Date(start.getTime() - 60_000);
    await t.db.$transaction((tx) => updateSessionActivity(tx, kind, [{ id: s.id, first: earlier, last: later, tokens: 10, cost: 0.25, errors: 2 }]));
    await t.db.$transaction((tx) => updateSessionActivity(tx, kind, [{ id: s.id, first: later, last: start, tokens: 1, cost: 0, errors: 0 }]));
    expect(await t.db.session.findUnique({ where: { id: s.id } })).toMatchObject({ totalTokens: 16, costUsd: 0.75, errorCount: 3, startedAt: earlier, updatedAt: later });
    expect(await t.db.session.findUnique({ where: { id: other.id } })).toMatchObject({ totalTokens: 0, startedAt: start, updatedAt: start });
  });

  it("adds to counters: new keys are inserted, existing keys get the values added", async () => {
    const columns: Column[] = [
      { name: "projectId", type: "text" },
      { name: "day", type: "timestamp" },
      { name: "source", type: "text" },
      { name: "agentType", type: "text" },
      { name: "model", type: "text" },
      { name: "llmCalls", type: "int" },
      { name: "costUsd", type: "float" },
    ];
    const day = new Date(Date.UTC(2026, 0, 2));
    const add = (rows: unknown[][]) =>
      t.db.$transaction((tx) => addToCounters(tx, kind, "UsageRollupDaily", columns, rows, { conflictKey: ["projectId", "day", "source", "agentType", "model"], counters: ["llmCalls", "costUsd"] }));
    await add([[projectId, day, "api", "pm", "m1", 2, 0.25], [projectId, day, "api", "pm", "m2", 1, 1.5]]);
    await add([[projectId, day, "api", "pm", "m1", 3, 0.5], [projectId, day, "api", "pm", "m2", -1, -1.5], [projectId, day, "api", "", "", 1, 0]]);
    const rows = await t.db.usageRollupDaily.findMany({ where: { projectId }, orderBy: [{ model: "asc" }, { agentType: "asc" }], select: { day: true, agentType: true, model: true, llmCalls: true, costUsd: true, runs: true } });
    expect(rows).toEqual([
      { day, agentType: "", model: "", llmCalls: 1, costUsd: 0, runs: 0 },
      { day, agentType: "pm", model: "m1", llmCalls: 5, costUsd: 0.75, runs: 0 },
      { day, agentType: "pm", model: "m2", llmCalls: 0, costUsd: 0, runs: 0 },
    ]);
  });
});
