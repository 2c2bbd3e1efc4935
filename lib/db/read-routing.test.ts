import { describe, expect, it } from "vitest";
import { isPoolableRead, ReadRouter } from "./read-routing";

describe("isPoolableRead", () => {
  it("takes plain SELECT and WITH statements", () => {
    expect(isPoolableRead('SELECT "id" FROM "Session" WHERE "id" = ?')).toBe(true);
    expect(isPoolableRead("  with x as (select 1) select * from x")).toBe(true);
  });

  it("leaves statements bound to the main connection on it", () => {
    expect(isPoolableRead("PRAGMA data_version")).toBe(false);
    expect(isPoolableRead("SELECT last_insert_rowid()")).toBe(false);
    expect(isPoolableRead("SELECT changes() AS n")).toBe(false);
    expect(isPoolableRead('INSERT INTO "Event" ("id") VALUES (?) RETURNING "id"')).toBe(false);
    expect(isPoolableRead("SELECTED")).toBe(false);
  });
});

describe("ReadRouter", () => {
  const options = { slowMs: 1, window: 3, slowAllowed: 1, limit: 2 };

  it("sends a statement it has not seen run enough times to the pool", () => {
    const router = new ReadRouter(options);
    expect(router.lane("a")).toBe("pool");
    router.record("a", 0.1);
    router.record("a", 0.1);
    expect(router.lane("a")).toBe("pool");
    router.record("a", 0.1);
    expect(router.lane("a")).toBe("main");
  });

  it("keeps a cheap statement on the main thread through one slow run, not two", () => {
    const router = new ReadRouter(options);
    for (const ms of [0.1, 0.1, 0.1, 5]) router.record("a", ms);
    expect(router.lane("a")).toBe("main");
    router.record("a", 5);
    expect(router.lane("a")).toBe("pool");
    // cheap again for a whole window: back on the main thread
    for (const ms of [0.1, 0.1]) router.record("a", ms);
    expect(router.lane("a")).toBe("main");
  });

  it("keeps a slow statement on the pool", () => {
    const router = new ReadRouter(options);
    for (const ms of [200, 300, 250, 0.5]) router.record("a", ms);
    expect(router.lane("a")).toBe("pool");
  });

  it("forgets the least recently used statement past its limit", () => {
    const router = new ReadRouter(options);
    for (const sql of ["a", "b"]) for (let i = 0; i < 3; i++) router.record(sql, 0.1);
    router.record("a", 0.1);
    router.record("c", 0.1);
    expect(router.lane("a")).toBe("main");
    expect(router.lane("b")).toBe("pool");
  });
});
