// The ingest path's write transaction (SqlDialect.transaction): on SQLite taken on the
// connection itself, not through Prisma's interactive transaction. It must keep what Prisma's
// gave: everything committed before it answers, everything rolled back when it throws (the SQL
// layer's statements and Prisma's alike), and nothing from outside joining it or reading what
// it has not committed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { ensureProject } from "@/lib/projects/projects";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { writeTransaction } from "./registry";
import { insertRows } from "./writes";

const OPTIONS = { maxWait: 10_000, timeout: 20_000 };

describe.each(databaseKinds())("the write transaction on %s", (kind) => {
  let t: TestDatabase;
  let projectId: string;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    projectId = (await ensureProject(t.db, "tx")).id;
  });
  afterAll(() => t.drop());

  const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
  const row = (id: string) => ({ projectId, externalId: id, source: "api", message: id, timestamp: at, createdAt: at });
  const count = (prefix: string) => t.db.event.count({ where: { externalId: { startsWith: prefix } } });
  const write = <T>(fn: (tx: Prisma.TransactionClient) => Promise<T>) => writeTransaction(t.db, fn, OPTIONS);

  it("commits what it wrote, through the SQL layer and through Prisma, before it answers", async () => {
    const answer = await write(async (tx) => {
      await insertRows(tx, "Event", [row("commit-1"), row("commit-2")]);
      await tx.session.create({ data: { projectId, externalId: "commit-s", source: "api", startedAt: at } });
      return "done";
    });
    expect(answer).toBe("done");
    expect(await count("commit-")).toBe(2);
    expect(await t.db.session.count({ where: { externalId: "commit-s" } })).toBe(1);
  });

  it("rolls back everything when a statement fails halfway", async () => {
    await t.db.session.create({ data: { projectId, externalId: "taken", source: "api", startedAt: at } });
    await expect(
      write(async (tx) => {
        await insertRows(tx, "Event", [row("half-1"), row("half-2")]);
        await tx.session.create({ data: { projectId, externalId: "half-s", source: "api", startedAt: at } });
        // the project's externalId is unique: this statement fails
        await tx.session.create({ data: { projectId, externalId: "taken", source: "api", startedAt: at } });
      }),
    ).rejects.toThrow();
    expect(await count("half-")).toBe(0);
    expect(await t.db.session.count({ where: { externalId: "half-s" } })).toBe(0);
    // and the connection is usable afterwards
    await write((tx) => insertRows(tx, "Event", [row("after-failure")]));
    expect(await count("after-failure")).toBe(1);
  });

  it("rolls back a Prisma operation that needs several statements with the rest", async () => {
    await expect(
      write(async (tx) => {
        // a nested create: Prisma may open a transaction of its own inside ours
        await tx.session.create({
          data: {
            projectId,
            externalId: "nested-s",
            source: "api",
            startedAt: at,
            runs: { create: [{ projectId, externalId: "nested-r", source: "api", startedAt: at }] },
          },
        });
        expect(await tx.run.count({ where: { externalId: "nested-r" } })).toBe(1);
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await t.db.session.count({ where: { externalId: "nested-s" } })).toBe(0);
    expect(await t.db.run.count({ where: { externalId: "nested-r" } })).toBe(0);
  });

  it("lets nothing from outside join it or read what it has not committed", async () => {
    let hold!: () => void;
    const held = new Promise<void>((resolve) => (hold = resolve));
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const failing = write(async (tx) => {
      await insertRows(tx, "Event", [row("inside-1")]);
      opened();
      await held;
      await insertRows(tx, "Event", [row("inside-2")]);
      throw new Error("abort");
    });
    await open;
    // issued while the transaction is open: a read (Prisma and the SQL layer), a Prisma write
    // and a SQL-layer write, none awaited before it ends (on SQLite they wait for it)
    const reads = [count("inside-"), t.db.event.findMany({ where: { externalId: { startsWith: "inside-" } } })];
    const writes = [
      t.db.event.create({ data: row("outside-prisma") }),
      insertRows(t.db, "Event", [row("outside-sql")]),
    ];
    await new Promise((resolve) => setTimeout(resolve, 20));
    hold();
    await expect(failing).rejects.toThrow("abort");
    const [seen, rows] = await Promise.all(reads);
    expect(seen).toBe(0);
    expect(rows).toEqual([]);
    await Promise.all(writes);
    // the outside writes did not join the transaction that rolled back
    expect(await count("outside-")).toBe(2);
    expect(await count("inside-")).toBe(0);
  });
});
