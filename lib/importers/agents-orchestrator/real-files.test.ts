// The real example files (claude-orchestrator's file-based state, in shared/seed-data) import
// cleanly; that copy keeps them under orchestrate/ without the leading dot.
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/lib/testing/test-database";
import { importOnce } from "../import-source";

const FOLDER = path.resolve(process.cwd(), "../shared/seed-data/agents-orchestrator");

describe.each(databaseKinds())("the real agents-orchestrator files into %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    if (!existsSync(FOLDER)) throw new Error(`the example files are missing: ${FOLDER} (shared/ must sit beside the repository)`);
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("imports the status, session and output files as one session with runs and artifacts", async () => {
    const summary = await importOnce({ db: t.db, system: "agents-orchestrator", location: FOLDER, projectSlug: "ao-real" });
    expect(summary.totals).toMatchObject({ read: 8, imported: 8, rejected: 0 });
    const runs = await t.db.run.findMany({ orderBy: { externalId: "asc" }, select: { status: true, input: true } });
    expect(runs).toHaveLength(2);
    expect(runs.every((r) => r.status === "completed")).toBe(true);
    expect(runs[0]?.input).toBe("What is 2+2?");
    expect(await t.db.artifact.count()).toBe(3);
    const again = await importOnce({ db: t.db, system: "agents-orchestrator", location: FOLDER, projectSlug: "ao-real" });
    expect(again.totals.imported + again.totals.updated).toBe(0);
  });
});
