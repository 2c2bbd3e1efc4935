// A followed PostgreSQL source whose server drops the connection (a restart, an admin's
// pg_terminate_backend) must not raise an uncaught error in this process: the next read fails
// and the follower reopens the source.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { openSqlSource } from "./source";

describe.runIf(databaseKinds().includes("postgresql"))("a PostgreSQL source", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgresql", { migrate: false });
  });
  afterAll(async () => {
    await t.drop();
  });

  it("survives its connection being terminated by the server, and says so on the next read", async () => {
    const source = await openSqlSource(t.url);
    const [{ pid }] = (await source.all("SELECT pg_backend_pid() AS pid")) as [{ pid: number }];
    const admin = new pg.Client({ connectionString: t.url });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend($1)", [pid]);
    await admin.end();
    // the client's 'error' event fires here; without a listener it is an uncaught exception
    await new Promise((r) => setTimeout(r, 300));
    await expect(source.all("SELECT 1")).rejects.toThrow();
    await source.close().catch(() => {});
  });

  it("keeps its change token while nothing is written, and changes it on an insert, an update and a delete", async () => {
    const writer = new pg.Client({ connectionString: t.url });
    await writer.connect();
    const source = await openSqlSource(t.url);
    try {
      await writer.query("CREATE TABLE tasks (id INTEGER PRIMARY KEY, status TEXT)");
      await writer.query("INSERT INTO tasks VALUES (1, 'open'), (2, 'open')");
      const tokens = [await source.changeToken()];
      expect(await source.changeToken()).toBe(tokens[0]);
      await writer.query("INSERT INTO tasks VALUES (3, 'open')");
      tokens.push(await source.changeToken());
      // an update in place keeps the row count: the row's new version (xmin) tells
      await writer.query("UPDATE tasks SET status = 'done' WHERE id = 1");
      tokens.push(await source.changeToken());
      await writer.query("DELETE FROM tasks WHERE id = 2");
      tokens.push(await source.changeToken());
      expect(new Set(tokens).size).toBe(4);
      // a transaction that was open when a token was taken and commits later is seen
      await writer.query("BEGIN");
      await writer.query("UPDATE tasks SET status = 'open' WHERE id = 3");
      const during = await source.changeToken();
      expect(during).toBe(tokens[3]);
      await writer.query("COMMIT");
      expect(await source.changeToken()).not.toBe(during);
    } finally {
      await source.close();
      await writer.end();
    }
  });
});
