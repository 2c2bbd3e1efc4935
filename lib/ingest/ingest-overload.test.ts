// A full ingest write queue, through the real route handler: 503 with Retry-After, nothing of
// the refused request stored, and the same request accepted once the queue has drained.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { overrideDbForTests } from "@/lib/db/client";
import { dialectOf } from "@/lib/db/sql/registry";
import { ensureProject } from "@/lib/projects/projects";
import { BASE_URL, dispatch } from "@/test/support/api-harness";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";

// env() reads this when the pipeline first builds its queue: at most 5 events waiting
const saved = vi.hoisted(() => {
  const value = process.env.OBSERVATORY_INGEST_QUEUE_EVENTS;
  process.env.OBSERVATORY_INGEST_QUEUE_EVENTS = "5";
  return value;
});
afterAll(() => {
  if (saved === undefined) delete process.env.OBSERVATORY_INGEST_QUEUE_EVENTS;
  else process.env.OBSERVATORY_INGEST_QUEUE_EVENTS = saved;
});

const logs = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    type: "log",
    timestamp: "2026-05-01T09:00:00Z",
    body: { sessionId: "s-overload", message: `${prefix} ${i}` },
  }));

describe.each(databaseKinds())("ingest under a full write queue on %s", (kind) => {
  let t: TestDatabase;
  let key: string;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    key = (await createApiKey(t.db, { projectId: (await ensureProject(t.db, "alpha")).id, name: "agent" })).key;
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  const post = (events: unknown[]) =>
    dispatch(
      new Request(`${BASE_URL}/api/v1/ingest`, {
        method: "POST",
        body: JSON.stringify({ events }),
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      }),
    );

  it("answers 503 + Retry-After beyond the queue, stores nothing of that request, and takes it later", async () => {
    // hold every write open so that requests queue behind the running ones
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // the write transaction as ingest opens it (on SQLite not Prisma's $transaction)
    const dialect = dialectOf(t.db);
    const original = dialect.transaction.bind(dialect) as (...args: unknown[]) => Promise<unknown>;
    const spy = vi.spyOn(dialect, "transaction").mockImplementation((async (...args: unknown[]) => {
      await held;
      return original(...args);
    }) as never);
    try {
      const writers = kind === "sqlite" ? 1 : 2;
      const running = [];
      for (let w = 0; w < writers; w++) {
        running.push(post(logs(`running${w}`, 3)));
        await vi.waitFor(() => expect(spy).toHaveBeenCalledTimes(w + 1));
      }
      const queued = post(logs("queued", 3)); // waits: 3 events queued
      await new Promise((r) => setTimeout(r, 50));
      const refused = await post(logs("refused", 3)); // 6 > 5 waiting: shed
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toBe("1");
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("overloaded");
      release();
      for (const r of [...running, queued]) expect((await r).status).toBe(207);
      expect(await t.db.event.count({ where: { externalId: { startsWith: "refused-" } } })).toBe(0);
      const retried = await post(logs("refused", 3));
      expect(retried.status).toBe(207);
      expect(((await retried.json()) as { results: { status: number }[] }).results.map((r) => r.status)).toEqual([
        201, 201, 201,
      ]);
      expect(await t.db.event.count({ where: { session: { externalId: "s-overload" } } })).toBe(3 * (writers + 2));
    } finally {
      release();
      spy.mockRestore();
    }
  });
});
