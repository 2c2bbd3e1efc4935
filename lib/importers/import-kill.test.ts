// A crash mid-import loses nothing and duplicates nothing: the CLI importer is killed with
// SIGKILL while it writes a large BAZINGA database, run again to the end, and the result
// equals an import that was never interrupted — row for row, per table.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureProject } from "@/lib/projects/projects";
import { importKilledMidway, importWithCli } from "@/test/support/import-cli";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { createBazingaFixture } from "@/test/fixtures/bazinga-fixture";
import { importOnce } from "./import-source";

const LOGS = 25_000;

/** Counts of everything an import writes, for one project. */
async function counts(t: TestDatabase, slug: string) {
  const projectId = (await ensureProject(t.db, slug)).id;
  const where = { projectId };
  return {
    sessions: await t.db.session.count({ where }),
    events: await t.db.event.count({ where }),
    llmCalls: await t.db.llmCall.count({ where }),
    tasks: await t.db.task.count({ where }),
    states: await t.db.stateSnapshot.count({ where }),
    decisions: await t.db.decision.count({ where }),
    artifacts: await t.db.artifact.count({ where }),
    sourceRecords: await t.db.sourceRecord.count({ where }),
    tokens: (await t.db.session.aggregate({ where, _sum: { totalTokens: true } }))._sum.totalTokens,
  };
}

describe.each(databaseKinds())("importer killed mid-import, into %s", (kind) => {
  let t: TestDatabase;
  let dir: string;
  let source: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    dir = mkdtempSync(path.join(os.tmpdir(), "import-kill-"));
    source = path.join(dir, "bazinga.db");
    const db = createBazingaFixture(source);
    const log = db.prepare(
      "INSERT INTO orchestration_logs (session_id, timestamp, iteration, agent_type, agent_id, content, log_type) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    db.transaction(() => {
      for (let i = 0; i < LOGS; i++) {
        const at = new Date(Date.UTC(2025, 0, 12, 15, 0, 0) + i * 1000).toISOString().replace("T", " ").slice(0, 19);
        log.run(
          "bazinga_20250112_143022",
          at,
          1 + (i % 5),
          i % 2 ? "developer" : "qa_expert",
          "developer_1",
          `line ${i}`,
          "interaction",
        );
      }
    })();
    db.close();
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives exactly the counts of an uninterrupted import after SIGKILL and a second run", async () => {
    await importOnce({ db: t.db, system: "bazinga", location: source, projectSlug: "reference" });
    const reference = await counts(t, "reference");
    expect(reference.events).toBeGreaterThanOrEqual(LOGS);

    const projectId = (await ensureProject(t.db, "killed")).id;
    // kill once part of the logs are stored, and make sure it was mid-import
    const stored = await importKilledMidway(
      t,
      "bazinga",
      source,
      "killed",
      () => t.db.event.count({ where: { projectId } }),
      2_000,
    );
    const atKill = await counts(t, "killed");
    expect(stored).toBeGreaterThanOrEqual(2_000);
    expect(atKill.events).toBeLessThan(reference.events);

    const again = importWithCli(t, "bazinga", source, "killed");
    expect(again.stderr).not.toMatch(/Error/);
    expect(await counts(t, "killed")).toEqual(reference);
    // and a third run changes nothing
    importWithCli(t, "bazinga", source, "killed");
    expect(await counts(t, "killed")).toEqual(reference);
  }, 600_000);

  it("merges a copy of the same data at another path instead of duplicating it", async () => {
    await importOnce({ db: t.db, system: "bazinga", location: source, projectSlug: "copies" });
    const before = await counts(t, "copies");
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), "import-copy-"));
    try {
      copyFileSync(source, path.join(elsewhere, "bazinga.db"));
      const summary = await importOnce({
        db: t.db,
        system: "bazinga",
        location: path.join(elsewhere, "bazinga.db"),
        projectSlug: "copies",
      });
      expect(summary.totals.imported + summary.totals.updated).toBe(0);
      expect(await counts(t, "copies")).toEqual(before);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
