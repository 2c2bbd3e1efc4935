import { afterAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

describe("sqliteDriverOf", () => {
  let t: TestDatabase | undefined;
  afterAll(async () => {
    await t?.drop();
  });

  it("finds the driver of a client created by another instance of the module (Next.js bundles it more than once)", async () => {
    t = await createTestDatabase("sqlite");
    await t.db.project.count(); // connects, which records the driver
    vi.resetModules();
    const other = await import("./client");
    const driver = other.sqliteDriverOf(t.db);
    expect(driver).toBeDefined();
    const row = driver!.prepare(`SELECT count(*) AS n FROM "Project"`).get() as { n: number | bigint };
    expect(Number(row.n)).toBe(0);
  });
});
