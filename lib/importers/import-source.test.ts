import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBazingaFixture } from "@/test/fixtures/bazinga-fixture";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { openImport } from "./import-source";

describe.each(databaseKinds())("following a source on %s", (kind) => {
  let t: TestDatabase;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    dir = mkdtempSync(path.join(tmpdir(), "import-source-"));
    file = path.join(dir, "bazinga.db");
    createBazingaFixture(file).close();
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("records a pass over an unchanged source at most once a minute, unless the pass was requested", async () => {
    const follower = await openImport(
      { db: t.db, system: "bazinga", location: file, projectSlug: "quiet" },
      "on-change",
    );
    const lastSync = async () =>
      (await t.db.importSource.findFirstOrThrow({ where: { system: "bazinga", project: { slug: "quiet" } } }))
        .lastSyncAt;
    try {
      expect((await follower.pass()).unchanged).toBe(false);
      const first = await lastSync();
      expect(first).not.toBeNull();
      await new Promise((r) => setTimeout(r, 20));
      // quiet: the token is unchanged and nothing is committed to the app database
      expect((await follower.pass()).unchanged).toBe(true);
      expect(await lastSync()).toEqual(first);
      // a "sync now" is recorded, so the user sees it happen
      expect((await follower.pass({ record: true })).unchanged).toBe(true);
      expect((await lastSync())!.getTime()).toBeGreaterThan(first!.getTime());
    } finally {
      await follower.close();
    }
  });
});
