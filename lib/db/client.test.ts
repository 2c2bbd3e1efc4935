import { afterAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";

describe("the SQL layer's registry", () => {
  let t: TestDatabase | undefined;
  afterAll(async () => {
    await t?.drop();
  });

  it("knows a client created by another instance of the module (Next.js bundles it more than once)", async () => {
    t = await createTestDatabase("sqlite");
    vi.resetModules();
    const other = await import("./sql/registry");
    expect(other.kindOf(t.db)).toBe("sqlite");
    const rows = await other.sqlFor(t.db).selectFrom("Project").select("id").execute();
    expect(rows).toEqual([]);
  });

  it("knows the transactions of a client, and refuses clients it did not make", async () => {
    const { kindOf } = await import("./sql/registry");
    await t!.db.$transaction(async (tx) => expect(kindOf(tx)).toBe("sqlite"));
    expect(() => kindOf({})).toThrow(/createDb/);
  });
});
