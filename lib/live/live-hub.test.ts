import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideDbForTests } from "@/lib/db/client";
import { parseDatabaseUrl } from "@/lib/db/database-url";
import { ingestEvents } from "@/lib/ingest/pipeline";
import { ensureProject } from "@/lib/projects/projects";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import type { LiveChange } from "./live-change";
import { subscribeLive } from "./live-hub";
import { startPgListener } from "./pg-listener";
import Database from "better-sqlite3";
import { startSqliteWatcher } from "./sqlite-watcher";

function collector() {
  const changes: LiveChange[] = [];
  const waitFor = async (predicate: (c: LiveChange) => boolean, timeoutMs = 2_000): Promise<LiveChange> => {
    const start = Date.now();
    while (Date.now() - start < timeoutMs) {
      const hit = changes.find(predicate);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no matching change within ${timeoutMs} ms; got ${JSON.stringify(changes)}`);
  };
  return { changes, push: (c: LiveChange) => changes.push(c), waitFor };
}

const event = (id: string, sessionId: string) => ({
  id,
  type: "log",
  timestamp: new Date().toISOString(),
  body: { sessionId, message: `log ${id}` },
});

describe.each(databaseKinds())("live changes on %s", (kind) => {
  let t: TestDatabase;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    projectId = (await ensureProject(t.db, "live")).id;
    overrideDbForTests({ db: t.db, kind });
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  it("announces a committed batch within 2 s, naming its sessions and kinds", async () => {
    const c = collector();
    let stop: () => Promise<void> | void;
    if (kind === "postgresql") {
      const target = parseDatabaseUrl(t.url);
      if (target.kind !== "postgresql") throw new Error("expected PostgreSQL");
      const listener = startPgListener(target, c.push);
      await listener.ready;
      stop = listener.stop;
    } else {
      stop = subscribeLive(c.push);
    }
    try {
      const sent = Date.now();
      const results = await ingestEvents(t.db, projectId, [
        {
          id: "l1",
          type: "session",
          timestamp: new Date().toISOString(),
          body: { sessionId: "s-live", status: "running" },
        },
        event("l2", "s-live"),
      ]);
      expect(results.map((r) => r.status)).toEqual([201, 201]);
      const change = await c.waitFor((ch) => ch.sessionIds?.includes("s-live") ?? false);
      expect(change).toMatchObject({ projectId, sessionIds: ["s-live"], kinds: ["log", "session"] });
      expect(Date.now() - sent).toBeLessThan(2_000);
    } finally {
      await stop();
    }
  });

  it("says nothing for a replayed batch", async () => {
    await ingestEvents(t.db, projectId, [event("r1", "s-replay")]);
    const c = collector();
    const stop = subscribeLive(c.push);
    try {
      await ingestEvents(t.db, projectId, [event("r1", "s-replay")]);
      await new Promise((r) => setTimeout(r, 200));
      expect(c.changes.filter((ch) => ch.sessionIds?.includes("s-replay"))).toEqual([]);
    } finally {
      stop();
    }
  });

  it.runIf(kind === "sqlite")("notices commits made by another process", async () => {
    const c = collector();
    const watcher = startSqliteWatcher(t.db, c.push, 50);
    const other = new Database(t.url.slice("file:".length));
    try {
      await new Promise((r) => setTimeout(r, 120));
      // our own connection's commits are announced by the writer, not the watcher
      await t.db.ingestReceipt.create({ data: { projectId, eventId: "own-1", type: "log" } });
      await new Promise((r) => setTimeout(r, 200));
      expect(c.changes).toEqual([]);
      // another process's commit: another connection writes without an in-process announcement
      other
        .prepare('INSERT INTO "IngestReceipt" ("projectId", "eventId", "type", "createdAt") VALUES (?, ?, ?, ?)')
        .run(projectId, "external-1", "log", new Date().toISOString());
      const change = await c.waitFor(() => true);
      expect(change).toMatchObject({ projectId: null, sessionIds: null });
    } finally {
      watcher.stop();
      other.close();
    }
  });
});
