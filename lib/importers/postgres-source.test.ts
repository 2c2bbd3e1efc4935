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
});
