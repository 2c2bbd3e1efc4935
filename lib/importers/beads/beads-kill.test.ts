// A crash mid-import of the real Dolt-era Beads export loses nothing and duplicates nothing: the
// CLI importer is killed with SIGKILL while it writes the project's .beads/issues.jsonl, run
// again to the end, and the result equals an uninterrupted import, table by table.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureProject } from "@/lib/projects/projects";
import { importKilledMidway, importWithCli } from "@/test/support/import-cli";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { importOnce } from "../import-source";

const EXPORT = path.resolve(process.cwd(), "../shared/seed-data/beads-tempolite/real/beads-issues-dolt.jsonl");

async function counts(t: TestDatabase, slug: string) {
  const projectId = (await ensureProject(t.db, slug)).id;
  const where = { projectId };
  return {
    sessions: await t.db.session.count({ where }),
    tasks: await t.db.task.count({ where }),
    dependencies: await t.db.taskDependency.count({ where: { task: where } }),
    closed: await t.db.task.count({ where: { ...where, closedAt: { not: null } } }),
    sourceRecords: await t.db.sourceRecord.count({ where }),
  };
}

describe.each(databaseKinds())("Beads import killed mid-import, into %s", (kind) => {
  let t: TestDatabase;
  let dir: string;
  let project: string;

  beforeAll(async () => {
    if (!existsSync(EXPORT)) throw new Error(`the real Beads export is missing: ${EXPORT}`);
    t = await createTestDatabase(kind);
    dir = mkdtempSync(path.join(os.tmpdir(), "beads-kill-"));
    project = path.join(dir, "beads");
    mkdirSync(path.join(project, ".beads"), { recursive: true });
    copyFileSync(EXPORT, path.join(project, ".beads", "issues.jsonl"));
  });
  afterAll(async () => {
    await t?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("gives exactly the counts of an uninterrupted import after SIGKILL and a second run", async () => {
    await importOnce({ db: t.db, system: "beads", location: project, projectSlug: "reference" });
    const reference = await counts(t, "reference");

    const projectId = (await ensureProject(t.db, "killed")).id;
    const stored = await importKilledMidway(
      t,
      "beads",
      project,
      "killed",
      () => t.db.task.count({ where: { projectId } }),
      50,
    );
    expect(stored).toBeGreaterThanOrEqual(50);
    expect((await counts(t, "killed")).tasks).toBeLessThan(reference.tasks);

    const again = importWithCli(t, "beads", project, "killed");
    expect(again.stderr).not.toMatch(/Error/);
    expect(await counts(t, "killed")).toEqual(reference);
    importWithCli(t, "beads", project, "killed");
    expect(await counts(t, "killed")).toEqual(reference);
  }, 600_000);
});
