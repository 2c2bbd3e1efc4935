// The real Beads export (steveyegge/beads dogfooding, 485 issues) imports cleanly next to a
// coordination database. CI clones the repository with `shared/` beside it.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { importOnce } from "../import-source";
import { createCoordinationFixture } from "@/test/fixtures/beads-fixture";

const EXPORT = path.resolve(process.cwd(), "../shared/seed-data/beads-tempolite/beads-issues.jsonl");

describe.each(databaseKinds())("the real Beads export into %s", (kind) => {
  let t: TestDatabase;
  let dir: string;
  let coordination: string;

  beforeAll(async () => {
    if (!existsSync(EXPORT))
      throw new Error(`the real Beads export is missing: ${EXPORT} (shared/ must sit beside the repository)`);
    t = await createTestDatabase(kind);
    dir = mkdtempSync(path.join(tmpdir(), "beads-real-"));
    coordination = path.join(dir, "coordination.db");
    createCoordinationFixture(coordination).close();
  });
  afterAll(async () => {
    await t?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("imports all 485 issues with their dependencies, comments and statuses", async () => {
    const summary = await importOnce({
      db: t.db,
      system: "beads",
      location: coordination,
      projectSlug: "beads",
      options: { beads: EXPORT },
    });
    const issues = summary.tables.find((x) => x.table === "issues")!;
    expect(issues).toMatchObject({ read: 485, imported: 485, rejected: 0, reasons: {} });
    // six `blocks` dependencies point at ephemeral wisps that were never exported
    expect(issues.issues).toEqual({ "dependency on an issue not in the store": 6 });
    expect(summary.totals.rejected).toBe(0);

    const project = await t.db.project.findUniqueOrThrow({ where: { slug: "beads" } });
    const where = { projectId: project.id, source: "beads" };
    const session = await t.db.session.findFirstOrThrow({
      where: { ...where, externalId: "beads-issues:beads-issues.jsonl" },
    });
    expect(session).toMatchObject({
      title: "Beads issues",
      status: "running",
      placeholder: false,
      metadata: { issues: 485, open: 125 },
    });
    // the earliest created_at in the file
    expect(session.startedAt.toISOString()).toBe("2024-01-01T00:00:00.000Z");

    const tasks = await t.db.task.findMany({
      where,
      select: { status: true, sourceStatus: true, kind: true, sessionId: true, parentTaskId: true, placeholder: true },
    });
    expect(tasks).toHaveLength(485);
    expect(tasks.every((x) => x.sessionId === session.id && !x.placeholder)).toBe(true);
    const count = (values: (string | null)[]) =>
      Object.fromEntries([...new Set(values)].map((v) => [v, values.filter((x) => x === v).length]));
    expect(count(tasks.map((x) => x.sourceStatus))).toEqual({ closed: 360, open: 121, hooked: 4 });
    expect(count(tasks.map((x) => x.status))).toEqual({ completed: 360, pending: 125 });
    expect(count(tasks.map((x) => x.kind))).toEqual({
      task: 315,
      bug: 83,
      feature: 33,
      agent: 23,
      epic: 18,
      chore: 7,
      molecule: 3,
      message: 1,
      gate: 1,
      rig: 1,
    });
    expect(tasks.filter((x) => x.parentTaskId !== null)).toHaveLength(102);

    // created and closed times are the issue's own (read from the file), not updated_at
    const own = readFileSync(EXPORT, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as { id: string; created_at: string; closed_at?: string });
    const times = new Map(
      (await t.db.task.findMany({ where, select: { externalId: true, createdAt: true, closedAt: true } })).map((x) => [
        x.externalId,
        [x.createdAt.toISOString(), x.closedAt?.toISOString() ?? null],
      ]),
    );
    for (const i of own)
      expect([i.id, ...times.get(i.id)!]).toEqual([
        i.id,
        new Date(i.created_at).toISOString(),
        i.closed_at ? new Date(i.closed_at).toISOString() : null,
      ]);

    const deps = await t.db.taskDependency.groupBy({
      by: ["type"],
      where: { task: where },
      _count: { _all: true },
      orderBy: { type: "asc" },
    });
    expect(Object.fromEntries(deps.map((d) => [d.type, d._count._all]))).toEqual({
      "blocked-by": 5,
      blocks: 68,
      "discovered-from": 6,
      follows: 1,
      "parent-child": 102,
      related: 2,
    });
    expect(await t.db.taskComment.count({ where: { task: where } })).toBe(10);
    const comment = await t.db.taskComment.findFirstOrThrow({ where: { task: { ...where, externalId: "bd-03z45" } } });
    expect(comment).toMatchObject({ externalId: "1", author: "beads/crew/giles" });
    expect(comment.createdAt.toISOString()).toBe("2026-01-12T02:16:51.000Z");

    const request = {
      db: t.db,
      system: "beads",
      location: coordination,
      projectSlug: "beads",
      options: { beads: EXPORT },
    };
    // unchanged: the change token skips the pass; without it every issue is read, none sent again
    expect((await importOnce(request)).unchanged).toBe(true);
    for (const s of await t.db.importSource.findMany({ where: { system: "beads" } }))
      await t.db.importSource.update({
        where: { id: s.id },
        data: { state: { ...(s.state as Record<string, string>), token: "" } },
      });
    const again = await importOnce(request);
    expect(again.tables.find((x) => x.table === "issues")).toMatchObject({
      read: 485,
      imported: 0,
      updated: 0,
      skipped: 485,
      rejected: 0,
    });
  });
});
