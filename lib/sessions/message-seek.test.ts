import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { timeCursor } from "@/lib/api/cursor";
import { overrideDbForTests } from "@/lib/db/client";
import { ingestEvents } from "@/lib/ingest/pipeline";
import type { IngestEventInput } from "@/lib/ingest/schemas";
import { ensureProject } from "@/lib/projects/projects";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import type { MessageSeek } from "./detail-action-schemas";
import { findSessionPage } from "./session-page";
import { loadMessageWindow, loadTasks, MESSAGE_PAGE_SIZE } from "./session-records";

// Seeking through a long thread: every jump and every step is one keyset page, and walking the
// pages either way visits each message once, in (timestamp, id) order, ties included.

const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);
const MESSAGES = 350;
// past SQLite's ~1,000 bound parameters, which a nested relation select over every task exceeds
const TASKS = 1_200;
// three messages share each second, so the id breaks ties
const secondOf = (n: number) => Math.floor(n / 3);
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

describe.each(databaseKinds())("message seek on %s", (kind) => {
  let t: TestDatabase;
  let sessionId: string;
  let order: string[];

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    const project = (await ensureProject(t.db, "seek")).id;
    const events: IngestEventInput[] = [
      {
        id: "s",
        type: "session",
        timestamp: at(0),
        body: { sessionId: "long", title: "Long thread", status: "running", source: "api" },
      },
      { id: "o", type: "session", timestamp: at(0), body: { sessionId: "other", status: "running", source: "api" } },
      // a message of another session inside the same time range must never show up
      {
        id: "o1",
        type: "message",
        timestamp: at(50),
        body: { messageId: "other-1", sessionId: "other", from: "x", to: "y", content: "elsewhere" },
      },
      ...Array.from({ length: MESSAGES }, (_, n): IngestEventInput => ({
        id: `m${n}`,
        type: "message",
        timestamp: at(secondOf(n)),
        body: {
          messageId: `msg-${n}`,
          sessionId: "long",
          from: n % 2 ? "dev" : "pm",
          to: n % 2 ? "pm" : "dev",
          content: `message ${n}`,
        },
      })),
      // a parent kept in another session
      {
        id: "op",
        type: "task",
        timestamp: at(0),
        body: { taskId: "epic-elsewhere", sessionId: "other", name: "Epic" },
      },
      ...Array.from({ length: TASKS }, (_, n): IngestEventInput => ({
        id: `t${n}`,
        type: "task",
        timestamp: at(n),
        body: {
          taskId: `task-${n}`,
          sessionId: "long",
          name: `Task ${n}`,
          status: n % 3 ? "pending" : "completed",
          parentTaskId: n === 1 ? "epic-elsewhere" : n > 0 ? "task-0" : undefined,
          dependsOn: n > 0 ? [`task-${n - 1}`] : [],
        },
      })),
    ];
    const results = await ingestEvents(t.db, project, events);
    expect(results.filter((r) => r.status !== 201)).toEqual([]);
    const found = await findSessionPage("long");
    if (found.kind !== "found") throw new Error(found.kind);
    sessionId = found.session.id;
    const all = await t.db.message.findMany({
      where: { sessionId },
      orderBy: [{ timestamp: "asc" }, { id: "asc" }],
      select: { externalId: true },
    });
    order = all.map((m) => m.externalId);
    expect(order).toHaveLength(MESSAGES);
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  const page = (seek: MessageSeek) => loadMessageWindow(sessionId, seek);
  const names = (p: { items: { externalId: string }[] }) => p.items.map((m) => m.externalId);

  it("opens at the start and jumps to the end", async () => {
    const start = await page({ to: "start" });
    expect(names(start)).toEqual(order.slice(0, MESSAGE_PAGE_SIZE));
    expect(start).toMatchObject({ atStart: true, atEnd: false });
    const end = await page({ to: "end" });
    expect(names(end)).toEqual(order.slice(-MESSAGE_PAGE_SIZE));
    expect(end).toMatchObject({ atStart: false, atEnd: true });
    expect(end.items.at(-1)?.content).toBe(`message ${MESSAGES - 1}`);
  });

  it("walks forward from the start and back from the end, each message once", async () => {
    let p = await page({ to: "start" });
    const forward = names(p);
    while (!p.atEnd) {
      p = await page({ to: "after", cursor: p.items.at(-1)!.cursor });
      forward.push(...names(p));
    }
    expect(forward).toEqual(order);
    p = await page({ to: "end" });
    const backward = names(p);
    while (!p.atStart) {
      p = await page({ to: "before", cursor: p.items[0]!.cursor });
      backward.unshift(...names(p));
    }
    expect(backward).toEqual(order);
  });

  it("continues past a row that shares its timestamp with the next ones", async () => {
    // msg-1 is the middle one of three sharing a second: the page after it starts at the row after it
    const index = order.indexOf("msg-1");
    const row = (await page({ to: "start" })).items[index]!;
    expect(names(await page({ to: "after", cursor: row.cursor }))[0]).toBe(order[index + 1]);
    expect(names(await page({ to: "before", cursor: row.cursor })).at(-1)).toBe(order[index - 1]);
  });

  it("jumps to a time: the first message at or after it, and whether any came before", async () => {
    const mid = await page({ to: "time", at: at(100) });
    expect(names(mid)[0]).toBe(order[300]);
    expect(mid.items[0]!.timestamp.toISOString()).toBe(at(100));
    expect(mid).toMatchObject({ atStart: false, atEnd: true });
    expect(mid.items).toHaveLength(MESSAGES - 300);
    const between = await page({ to: "time", at: new Date(T0 + 40_500).toISOString() });
    expect(between.items[0]!.timestamp.toISOString()).toBe(at(41));
    const before = await page({ to: "time", at: at(-5) });
    expect(before).toMatchObject({ atStart: true });
    expect(names(before)).toEqual(order.slice(0, MESSAGE_PAGE_SIZE));
    // past the last message lands on the end
    const after = await page({ to: "time", at: at(10_000) });
    expect(names(after)).toEqual(order.slice(-MESSAGE_PAGE_SIZE));
    expect(after.atEnd).toBe(true);
  });

  it("reads a cursor it cannot decode as the start", async () => {
    const bad = await page({ to: "after", cursor: "not-a-cursor" });
    expect(names(bad)).toEqual(order.slice(0, MESSAGE_PAGE_SIZE));
    const foreign = timeCursor.encode({ t: at(-100), i: "" });
    expect(names(await page({ to: "after", cursor: foreign }))).toEqual(order.slice(0, MESSAGE_PAGE_SIZE));
  });

  it("puts every task on the board, past the old cap of 500", async () => {
    const { tasks, total } = await loadTasks(sessionId);
    expect(total).toBe(TASKS);
    expect(tasks).toHaveLength(TASKS);
    expect(new Set(tasks.map((x) => x.externalId)).size).toBe(TASKS);
    expect(tasks.find((x) => x.externalId === "task-7")).toMatchObject({
      parentExternalId: "task-0",
      dependencies: [{ dependsOn: "task-6", type: "blocks" }],
    });
    expect(tasks.find((x) => x.externalId === "task-1")?.parentExternalId).toBe("epic-elsewhere");
  });
});
