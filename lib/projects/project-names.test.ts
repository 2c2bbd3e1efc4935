import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";
import { ensureProject } from "./projects";
import { forgetProjectNames, PROJECT_NAMES_TTL_MS, projectNamesById } from "./project-names";

describe("projectNamesById", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
  });
  afterAll(async () => {
    forgetProjectNames();
    await t.drop();
  });

  it("reads once, then answers from memory until an unknown id, the TTL or a rename", async () => {
    const a = await ensureProject(t.db, "alpha", "Alpha");
    const reads = vi.spyOn(t.db.project, "findMany");
    const now = 1_000_000;
    expect((await projectNamesById(t.db, [a.id], now)).get(a.id)).toEqual({ name: "Alpha", slug: "alpha" });
    expect((await projectNamesById(t.db, [a.id], now + 10)).get(a.id)).toEqual({ name: "Alpha", slug: "alpha" });
    expect(reads).toHaveBeenCalledTimes(1);

    const b = await ensureProject(t.db, "beta", "Beta"); // created since: an unknown id reloads
    expect((await projectNamesById(t.db, [a.id, b.id], now + 20)).get(b.id)?.slug).toBe("beta");
    expect(reads).toHaveBeenCalledTimes(2);

    await t.db.project.update({ where: { id: a.id }, data: { name: "Alpha 2" } }); // elsewhere
    expect((await projectNamesById(t.db, [a.id], now + 30)).get(a.id)?.name).toBe("Alpha");
    expect((await projectNamesById(t.db, [a.id], now + 20 + PROJECT_NAMES_TTL_MS)).get(a.id)?.name).toBe("Alpha 2");
    expect(reads).toHaveBeenCalledTimes(3);

    forgetProjectNames(); // a rename in this process
    await projectNamesById(t.db, [a.id], now + 40 + PROJECT_NAMES_TTL_MS);
    expect(reads).toHaveBeenCalledTimes(4);
    reads.mockRestore();
  });
});
