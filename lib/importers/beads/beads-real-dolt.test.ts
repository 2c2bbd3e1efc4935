// The real Dolt-era Beads export (steveyegge/beads 385c0c0, 704 issues) imported from a project
// folder, as `import beads <project>` finds its .beads/issues.jsonl. Every expectation is
// computed from the file with plain JSON reads. Then the copy changes the way `bd` changes
// it (a new issue appended, an issue closed in place) and the next pass follows.
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { importOnce } from "../import-source";
import { ISSUE_STATUS } from "./vocabulary";

const EXPORT = path.resolve(process.cwd(), "../shared/seed-data/beads-tempolite/real/beads-issues-dolt.jsonl");

type Dep = { issue_id: string; depends_on_id: string; type: string; metadata?: string };
type Issue = Record<string, unknown> & {
  id: string;
  status: string;
  issue_type: string;
  created_at: string;
  closed_at?: string;
  dependencies?: Dep[];
  parent?: string;
};

const readIssues = (file: string): Issue[] =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Issue);

function tally(values: (string | null | undefined)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[String(v)] = (out[String(v)] ?? 0) + 1;
  return out;
}

describe.each(databaseKinds())("the real Dolt-era Beads export into %s", (kind) => {
  let t: TestDatabase;
  let dir: string;
  let project: string;
  let jsonl: string;
  let issues: Issue[];

  beforeAll(async () => {
    if (!existsSync(EXPORT))
      throw new Error(`the real Beads export is missing: ${EXPORT} (shared/ must sit beside the repository)`);
    t = await createTestDatabase(kind);
    dir = mkdtempSync(path.join(tmpdir(), "beads-dolt-"));
    project = path.join(dir, "beads");
    mkdirSync(path.join(project, ".beads"), { recursive: true });
    jsonl = path.join(project, ".beads", "issues.jsonl");
    copyFileSync(EXPORT, jsonl);
    issues = readIssues(EXPORT);
  });
  afterAll(async () => {
    await t?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const request = () => ({ db: t.db, system: "beads", location: project, projectSlug: "beads-dolt" });
  const where = async () => ({
    projectId: (await t.db.project.findUniqueOrThrow({ where: { slug: "beads-dolt" } })).id,
    source: "beads",
  });

  it("imports every issue of the project's .beads/ with the times, statuses, links and counts the file holds", async () => {
    const summary = await importOnce(request());
    expect(summary.version).toBe("issue store (issues.jsonl)");
    const ids = new Set(issues.map((i) => i.id));
    const deps = issues.flatMap((i) => i.dependencies ?? []);
    const dangling = deps.filter((d) => !ids.has(d.depends_on_id));
    const table = summary.tables.find((x) => x.table === "issues")!;
    expect(table).toMatchObject({ read: issues.length, imported: issues.length, rejected: 0, keptRaw: 0 });
    expect(table.issues).toEqual(
      dangling.length > 0 ? { "dependency on an issue not in the store": dangling.length } : {},
    );

    const w = await where();
    const tasks = await t.db.task.findMany({ where: w, include: { parent: true, dependencies: true } });
    expect(tasks).toHaveLength(issues.length);
    const byId = new Map(tasks.map((x) => [x.externalId, x]));
    // statuses: the word as written, counted in the bucket the vocabulary names
    expect(tally(tasks.map((x) => x.sourceStatus))).toEqual(tally(issues.map((i) => i.status)));
    expect(tally(tasks.map((x) => x.status))).toEqual(tally(issues.map((i) => ISSUE_STATUS[i.status])));
    expect(tally(tasks.map((x) => x.kind))).toEqual(tally(issues.map((i) => i.issue_type)));
    // created and closed times are the issue's own, not updated_at
    for (const i of issues) {
      const task = byId.get(i.id)!;
      expect([i.id, task.createdAt.toISOString()]).toEqual([i.id, new Date(i.created_at).toISOString()]);
      expect([i.id, task.closedAt?.toISOString() ?? null]).toEqual([
        i.id,
        i.closed_at ? new Date(i.closed_at).toISOString() : null,
      ]);
    }
    // dependencies, dangling ones included, with their type word for word
    const depKeys = (list: { from: string; to: string; type: string }[]) =>
      [...new Set(list.map((d) => `${d.from}>${d.to}:${d.type}`))].sort();
    const stored = tasks.flatMap((x) =>
      x.dependencies.map((d) => ({ from: x.externalId, to: d.dependsOnExternalId, type: d.type })),
    );
    expect(depKeys(stored)).toEqual(
      depKeys(deps.map((d) => ({ from: d.issue_id, to: d.depends_on_id, type: d.type }))),
    );
    // parents: the parent-child link, else the `parent` key, when the parent is in the file
    const parentOf = (i: Issue) =>
      (i.dependencies ?? []).find((d) => d.type === "parent-child")?.depends_on_id ?? i.parent;
    const expectedParents = issues.filter(
      (i) => parentOf(i) !== undefined && ids.has(parentOf(i)!) && parentOf(i) !== i.id,
    ).length;
    expect(tasks.filter((x) => x.parent !== null)).toHaveLength(expectedParents);
    // the precomputed counts are kept as written, never checked against the arrays
    for (const i of issues.filter((x) => x.dependency_count !== (x.dependencies ?? []).length).slice(0, 20)) {
      expect(byId.get(i.id)!.metadata).toMatchObject({
        dependency_count: i.dependency_count,
        dependent_count: i.dependent_count,
        comment_count: i.comment_count,
      });
    }
    // wisps, agent beads and pinned beads keep their keys in metadata
    const flagged = (key: string) =>
      tasks.filter((x) => (x.metadata as Record<string, unknown>)[key] !== undefined).length;
    for (const key of ["ephemeral", "agent_state", "pinned", "hook_bead", "wisp_type", "last_activity"])
      expect([key, flagged(key)]).toEqual([key, issues.filter((i) => i[key] !== undefined).length]);
    // dangling targets are listed on their task
    const withDangling = issues.filter((i) => (i.dependencies ?? []).some((d) => !ids.has(d.depends_on_id)));
    for (const i of withDangling) {
      expect((byId.get(i.id)!.metadata as { missing_dependencies?: string[] }).missing_dependencies).toEqual(
        (i.dependencies ?? []).filter((d) => !ids.has(d.depends_on_id)).map((d) => d.depends_on_id),
      );
    }

    const session = await t.db.session.findFirstOrThrow({
      where: { ...w, externalId: "beads-issues:beads/.beads/issues.jsonl" },
    });
    const open = issues.filter((i) => !["completed", "cancelled"].includes(ISSUE_STATUS[i.status]!)).length;
    expect(session).toMatchObject({
      title: "Beads issues",
      placeholder: false,
      metadata: { issues: issues.length, open },
    });
  });

  it("is idempotent, and follows an appended issue and an issue closed in place", async () => {
    const count = () => Promise.all([t.db.task.count(), t.db.taskDependency.count(), t.db.session.count()]);
    const before = await count();
    const again = await importOnce(request());
    // the file's size and mtime are unchanged: nothing is read
    expect(again.unchanged).toBe(true);
    expect(again.totals.imported + again.totals.updated).toBe(0);
    expect(await count()).toEqual(before);

    // bd closes an issue by rewriting its line, and appends new issues
    const lines = readFileSync(jsonl, "utf8").split("\n");
    const target = issues.find((i) => i.status === "open")!;
    const closedAt = "2026-03-01T10:00:00Z";
    const idx = lines.findIndex((l) => l.includes(`"id": "${target.id}"`));
    lines[idx] = JSON.stringify({
      ...JSON.parse(lines[idx]!),
      status: "closed",
      closed_at: closedAt,
      updated_at: closedAt,
      close_reason: "done",
    });
    writeFileSync(jsonl, lines.join("\n"));
    const added = {
      id: "bd-new1",
      title: "A new issue",
      status: "in_progress",
      priority: 2,
      issue_type: "convoy",
      created_at: "2026-03-01T09:00:00Z",
      updated_at: "2026-03-01T09:30:00Z",
      dependency_count: 3,
      dependent_count: 0,
      comment_count: 0,
      ephemeral: true,
      dependencies: [
        {
          issue_id: "bd-new1",
          depends_on_id: "bd-reaped-wisp",
          type: "blocks",
          created_at: "2026-03-01T09:00:00Z",
          created_by: "x",
          metadata: '{"reason":"gone"}',
        },
      ],
    };
    appendFileSync(jsonl, `${JSON.stringify(added)}\n`);

    const next = await importOnce(request());
    expect(next.tables.find((x) => x.table === "issues")).toMatchObject({
      read: issues.length + 1,
      imported: 1,
      updated: 1,
      rejected: 0,
    });
    const w = await where();
    const closed = await t.db.task.findFirstOrThrow({ where: { ...w, externalId: target.id } });
    expect([
      closed.status,
      closed.sourceStatus,
      closed.closedAt?.toISOString(),
      closed.createdAt.toISOString(),
    ]).toEqual(["completed", "closed", new Date(closedAt).toISOString(), new Date(target.created_at).toISOString()]);
    const fresh = await t.db.task.findFirstOrThrow({
      where: { ...w, externalId: "bd-new1" },
      include: { dependencies: true },
    });
    expect([fresh.status, fresh.sourceStatus, fresh.kind, fresh.createdAt.toISOString(), fresh.closedAt]).toEqual([
      "running",
      "in_progress",
      "convoy",
      "2026-03-01T09:00:00.000Z",
      null,
    ]);
    expect(fresh.dependencies.map((d) => [d.dependsOnExternalId, d.type])).toEqual([["bd-reaped-wisp", "blocks"]]);
    expect(fresh.metadata).toMatchObject({
      dependency_count: 3,
      missing_dependencies: ["bd-reaped-wisp"],
      dependency_metadata: { "blocks:bd-reaped-wisp": { reason: "gone" } },
    });

    // reopened: the closed time is cleared
    lines[idx] = JSON.stringify({
      ...JSON.parse(lines[idx]!),
      status: "open",
      closed_at: undefined,
      updated_at: "2026-03-02T10:00:00Z",
    });
    writeFileSync(jsonl, `${lines.join("\n")}${JSON.stringify(added)}\n`);
    await importOnce(request());
    const reopened = await t.db.task.findFirstOrThrow({ where: { ...w, externalId: target.id } });
    expect([reopened.status, reopened.closedAt]).toEqual(["pending", null]);
  });
});
