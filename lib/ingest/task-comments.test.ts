import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureProject } from "@/lib/projects/projects";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { ingestEvents } from "./pipeline";
import type { IngestEventInput } from "./schemas";

const at = (minute: number) => new Date(Date.UTC(2026, 0, 12, 2, minute)).toISOString();

function task(
  id: string,
  minute: number,
  comments: { id: string | number; author?: string; body: string; createdAt?: string }[],
): IngestEventInput {
  return {
    id,
    type: "task",
    timestamp: at(minute),
    body: { taskId: "bd-03z45", sessionId: "s-1", name: "Review PR", status: "open", comments },
  };
}

describe.each(databaseKinds())("task comments on %s", (kind) => {
  let t: TestDatabase;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    projectId = (await ensureProject(t.db, "comments")).id;
  });
  afterAll(async () => {
    await t.drop();
  });

  const comments = async () =>
    (await t.db.taskComment.findMany({ orderBy: { externalId: "asc" } })).map((c) => [
      c.externalId,
      c.author,
      c.body,
      c.createdAt.toISOString(),
    ]);

  it("stores comments by id, once, and lets only a newer event rewrite them", async () => {
    const first = await ingestEvents(t.db, projectId, [
      task("e1", 10, [
        { id: 1, author: "beads/crew/giles", body: "**Bold** and *italic*", createdAt: "2026-01-12T02:16:51Z" },
        { id: 2, body: "no author, no time" },
      ]),
    ]);
    expect(first.map((r) => r.status)).toEqual([201]);
    expect(await comments()).toEqual([
      ["1", "beads/crew/giles", "**Bold** and *italic*", "2026-01-12T02:16:51.000Z"],
      ["2", null, "no author, no time", at(10)],
    ]);
    // an older event adds the comment it knows of but does not rewrite existing ones
    await ingestEvents(t.db, projectId, [
      task("e0", 5, [
        { id: 1, body: "old text" },
        { id: 3, author: "mayor", body: "added" },
      ]),
    ]);
    // a newer one does
    await ingestEvents(t.db, projectId, [task("e2", 20, [{ id: 2, author: "mayor", body: "edited" }])]);
    expect(await comments()).toEqual([
      ["1", "beads/crew/giles", "**Bold** and *italic*", "2026-01-12T02:16:51.000Z"],
      ["2", "mayor", "edited", at(10)],
      ["3", "mayor", "added", at(5)],
    ]);
    const stored = await t.db.task.findFirstOrThrow({ where: { externalId: "bd-03z45" } });
    expect(stored.metadata).toBeNull();
  });

  it("rejects a comment without a body", async () => {
    const [result] = await ingestEvents(t.db, projectId, [
      {
        id: "bad",
        type: "task",
        timestamp: at(30),
        body: { taskId: "x", sessionId: "s-1", name: "x", comments: [{ id: 1 }] },
      } as unknown as IngestEventInput,
    ]);
    expect(result).toMatchObject({ status: 400, error: { field: "body.comments[0].body" } });
  });
});
