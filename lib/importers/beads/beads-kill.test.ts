// A crash mid-import of the real Dolt-era Beads export loses nothing and duplicates nothing: the
// CLI importer is killed with SIGKILL while it writes the project's .beads/issues.jsonl, run
// again to the end, and the result equals an uninterrupted import, table by table.
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureProject } from "@/lib/projects/projects";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/lib/testing/test-database";
import { importOnce } from "../import-source";

const root = path.resolve(import.meta.dirname, "../../..");
const EXPORT = path.resolve(process.cwd(), "../shared/seed-data/beads-tempolite/real/beads-issues-dolt.jsonl");

function cliArgs(...args: string[]): string[] {
  return [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", path.join(root, "lib/cli/main.ts"), ...args];
}

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

    const env = { ...process.env, DATABASE_URL: t.url, OBSERVATORY_FOLLOW_SOURCES: "0" };
    const child = spawn(process.execPath, cliArgs("import", "beads", project, "--project", "killed", "--json"), { cwd: root, env, stdio: "ignore" });
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const projectId = (await ensureProject(t.db, "killed")).id;
    const deadline = Date.now() + 120_000;
    let stored = 0;
    while (Date.now() < deadline) {
      stored = await t.db.task.count({ where: { projectId } });
      if (stored >= 50) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill("SIGKILL");
    await exited;
    expect(stored).toBeGreaterThanOrEqual(50);
    expect((await counts(t, "killed")).tasks).toBeLessThan(reference.tasks);

    const again = spawnSync(process.execPath, cliArgs("import", "beads", project, "--project", "killed", "--json"), { cwd: root, env, encoding: "utf8", timeout: 300_000 });
    expect(again.stderr).not.toMatch(/Error/);
    expect(await counts(t, "killed")).toEqual(reference);
    spawnSync(process.execPath, cliArgs("import", "beads", project, "--project", "killed", "--json"), { cwd: root, env, encoding: "utf8", timeout: 300_000 });
    expect(await counts(t, "killed")).toEqual(reference);
  }, 600_000);
});
