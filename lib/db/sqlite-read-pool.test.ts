// The SQLite read pool on a real database file: what a worker answers is what the main
// connection answers, errors and crashes, closing, and reads after writes.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db/generated/sqlite/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { sqliteAdapterFactory, sqliteConnection } from "./adapters";
import type { Db } from "./client";
import type { SqliteTarget } from "./database-url";
import type { SqliteConnection } from "./sqlite-adapter";
import { sqliteDialect } from "./sql/dialects";
import { registerClient, sqlFor } from "./sql/registry";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";

/** What createDb makes, with the connection in hand to look at its pool. */
function clientOn(target: SqliteTarget, readWorkers: number): { db: Db; connection: SqliteConnection } {
  const connection = sqliteConnection(target, { readWorkers });
  const db = registerClient(
    new SqliteClient({ adapter: sqliteAdapterFactory(target, connection) }),
    sqliteDialect(connection),
  );
  return { db, connection };
}

/** A read that takes a while on any thread. */
const SLOW_COUNT =
  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) SELECT count(*) AS c FROM n";

describe("the SQLite read pool", () => {
  let t: TestDatabase;
  let target: SqliteTarget;
  let main: Db;
  let pooled: { db: Db; connection: SqliteConnection };

  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    target = { kind: "sqlite", url: t.url, file: t.url.slice("file:".length) };
    main = clientOn(target, 0).db;
    pooled = clientOn(target, 1);
    const project = await main.project.create({
      data: { slug: "pool", name: "Pool", settings: { nested: { list: [1, "two", null] } } },
    });
    await main.session.create({
      data: {
        projectId: project.id,
        externalId: "s-1",
        title: "Ünïcode ✓ 'quoted'",
        source: "api",
        status: "running",
        startedAt: new Date("2026-05-01T08:00:00.123Z"),
        qaPassed: true,
        totalTokens: 9_007_199_254_740_991,
        costUsd: 0.125,
        iteration: 7,
        metadata: { a: 1 },
      },
    });
  });

  afterAll(async () => {
    await main?.$disconnect();
    await pooled?.db.$disconnect();
    await t?.drop();
  });

  it("answers Prisma's reads as the main connection does: dates, JSON, booleans, large integers, decimals", async () => {
    const read = (db: Db) =>
      db.session.findMany({ include: { project: true }, orderBy: { externalId: "asc" } }) as Promise<unknown>;
    const fromPool = await read(pooled.db);
    expect(pooled.connection.readPool()?.workers.length).toBe(1);
    expect(fromPool).toEqual(await read(main));
    const raw = (db: Db) =>
      db.$queryRawUnsafe<unknown[]>(
        "SELECT 1 AS one, 2.5 AS half, 'x' AS text, NULL AS empty, 9007199254740993 AS big, x'0102' AS bytes",
      );
    expect(await raw(pooled.db)).toStrictEqual(await raw(main));
  });

  it("answers the SQL layer's reads as the main connection does", async () => {
    const blob = (db: Db) => sql<{ b: unknown; n: unknown }>`SELECT x'0102' AS b, 2.5 AS n`.execute(sqlFor(db));
    expect((await blob(pooled.db)).rows).toStrictEqual((await blob(main)).rows);
    const read = (db: Db) =>
      sqlFor(db)
        .selectFrom("Session")
        .select(["externalId", "title", "totalTokens", "qaPassed", "startedAt"])
        .execute();
    expect(await read(pooled.db)).toEqual(await read(main));
  });

  it("runs the SQL layer's writes outside a transaction on the main connection", async () => {
    const db = sqlFor(pooled.db);
    const changed = await db
      .updateTable("Session")
      .set({ mode: "pooled" })
      .where("externalId", "=", "s-1")
      .executeTakeFirst();
    expect(changed.numUpdatedRows).toBe(1n);
    const back = await db
      .selectFrom("Session")
      .select("mode")
      .where("externalId", "=", "s-1")
      .executeTakeFirstOrThrow();
    expect(back.mode).toBe("pooled");
  });

  it("fails a bad read with the Prisma error the main connection gives", async () => {
    const fail = async (db: Db) => {
      try {
        await db.$queryRawUnsafe("SELECT nope FROM Session");
      } catch (error) {
        return error;
      }
      throw new Error("expected the read to fail");
    };
    const [fromPool, fromMain] = [await fail(pooled.db), await fail(main)];
    expect(fromPool).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((fromPool as Prisma.PrismaClientKnownRequestError).code).toBe(
      (fromMain as Prisma.PrismaClientKnownRequestError).code,
    );
    expect((fromPool as Error).message).toBe((fromMain as Error).message);
  });

  it("sees a write as soon as it returns, from this connection and from another", async () => {
    const count = (db: Db) => db.session.count({ where: { title: { startsWith: "after" } } });
    for (let i = 1; i <= 8; i++) {
      const writer = i % 2 ? pooled.db : main;
      const project = await writer.project.findFirstOrThrow({ select: { id: true } });
      await writer.session.create({
        data: { projectId: project.id, externalId: `after-${i}`, title: `after ${i}`, source: "api" },
      });
      expect(await count(pooled.db)).toBe(i);
    }
    await pooled.db.$transaction(async (tx) => {
      const project = await tx.project.findFirstOrThrow({ select: { id: true } });
      await tx.session.create({
        data: { projectId: project.id, externalId: "after-tx", title: "after tx", source: "api" },
      });
      // a transaction's reads stay on its connection: they see its own write
      expect(await tx.session.count({ where: { title: { startsWith: "after" } } })).toBe(9);
      const viaSql = await sqlFor(tx).selectFrom("Session").select("id").where("externalId", "=", "after-tx").execute();
      expect(viaSql).toHaveLength(1);
    });
    expect(await count(pooled.db)).toBe(9);
  });

  it("keeps the main thread free while a long read runs on a worker", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const t0 = performance.now();
    const rows = await pooled.db.$queryRawUnsafe<{ c: number }[]>(SLOW_COUNT, 3_000_000);
    const ms = performance.now() - t0;
    clearInterval(timer);
    expect(Number(rows[0]?.c)).toBe(3_000_000);
    // the timer fired through the read: at least half the 5 ms slots it had
    expect(ms).toBeGreaterThan(100);
    expect(ticks).toBeGreaterThan(ms / 5 / 2);
  });

  it("recovers when a worker dies: the read in hand is answered, later reads too", async () => {
    const pool = pooled.connection.readPool()!;
    const [worker] = pool.workers;
    const slow = pooled.db.$queryRawUnsafe<{ c: number }[]>(SLOW_COUNT, 2_000_001);
    await new Promise((r) => setTimeout(r, 30));
    await worker!.terminate();
    expect(Number((await slow)[0]?.c)).toBe(2_000_001);
    expect(pool.workers).toHaveLength(1);
    expect(pool.workers[0]).not.toBe(worker);
    expect(await pooled.db.$queryRawUnsafe<{ c: number }[]>(SLOW_COUNT, 10)).toEqual([{ c: 10n }]);
  });

  it("stops its workers when the client disconnects, and starts again on the next read", async () => {
    const other = clientOn(target, 2);
    await Promise.all([other.db.$queryRawUnsafe(SLOW_COUNT, 200_000), other.db.$queryRawUnsafe(SLOW_COUNT, 200_001)]);
    const pool = other.connection.readPool()!;
    const workers = pool.workers;
    expect(workers).toHaveLength(2);
    const exited = workers.map((w) => new Promise((resolve) => w.once("exit", resolve)));
    await other.db.$disconnect();
    await Promise.all(exited);
    expect(pool.workers).toHaveLength(0);
    expect(other.connection.readPool()).toBeUndefined();
    expect(await other.db.$queryRawUnsafe(SLOW_COUNT, 3)).toEqual([{ c: 3n }]);
    expect(other.connection.readPool()?.workers).toHaveLength(1);
    await other.db.$disconnect();
  });

  it("moves a statement whose runs are cheap to the main thread after a few runs", async () => {
    const other = clientOn(target, 1);
    for (let i = 0; i < 5; i++) await other.db.$queryRawUnsafe("SELECT count(*) AS n FROM Project");
    const pool = other.connection.readPool()!;
    const [worker] = pool.workers;
    await worker!.terminate();
    // on the main thread now: no worker needed
    expect(await other.db.$queryRawUnsafe("SELECT count(*) AS n FROM Project")).toEqual([{ n: 1n }]);
    expect(pool.workers).toHaveLength(0);
    await other.db.$disconnect();
  });
});
