import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideDbForTests } from "@/lib/db/client";
import { ingestEvents } from "@/lib/ingest/pipeline";
import { ensureProject } from "@/lib/projects/projects";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { searchLogIds, type SearchPlan } from "./log-search";
import { loadLogPage, loadNewLogLines } from "./session-logs";

// small enough that the index walk stops early and the id range is read for the rest
const PLAN: SearchPlan = { recentEntries: 7, smallSession: 0, maxRowsPerEvent: 3 };

const WORDS = ["alpha", "Needle in text", "NEEDLE shouted", "100% done", "a_b literal", "a-b other", "plain"];
const LEVELS = ["info", "warn", "error"];

describe.each(databaseKinds())("log search over a session's id range on %s", (kind) => {
  let t: TestDatabase;
  let sessionId: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    const projectId = (await ensureProject(t.db, "log-search")).id;
    // two sessions written in alternating batches, so the one searched shares its id range;
    // timestamps out of id order (a late batch with older times) so order and range differ
    const at = (i: number) => new Date(Date.UTC(2026, 11, 1, 0, 0, (i * 37) % 600)).toISOString();
    const line = (session: string, i: number) => ({
      id: `${session}-${i}`,
      type: "log",
      timestamp: at(i),
      body: {
        sessionId: session,
        level: LEVELS[i % LEVELS.length],
        agentType: i % 2 ? "dev" : "qa",
        message: `${WORDS[(i * 3) % WORDS.length]} #${i}`,
      },
    });
    for (let b = 0; b < 6; b++) {
      await ingestEvents(
        t.db,
        projectId,
        Array.from({ length: 20 }, (_, j) => line("searched", b * 20 + j)),
      );
      await ingestEvents(
        t.db,
        projectId,
        Array.from({ length: 15 }, (_, j) => line("other", b * 15 + j)),
      );
    }
    sessionId = (await t.db.session.findFirstOrThrow({ where: { externalId: "searched" } })).id;
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  /** What the plain query answers: the session's matching lines, newest first, by the rules of the search. */
  async function expected(
    q: string,
    filters: { level?: string; agent?: string },
    before: { timestamp: Date; id: number } | null,
    limit: number,
  ) {
    const rows = await t.db.event.findMany({
      where: { sessionId, level: filters.level, agentType: filters.agent },
      select: { id: true, timestamp: true, message: true },
    });
    return rows
      .filter((r) => r.message.toLowerCase().includes(q.toLowerCase()))
      .filter(
        (r) =>
          !before ||
          r.timestamp < before.timestamp ||
          (r.timestamp.getTime() === before.timestamp.getTime() && r.id < before.id),
      )
      .sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime() || b.id - a.id)
      .slice(0, limit)
      .map((r) => r.id);
  }

  it.runIf(kind === "sqlite")(
    "finds what the plain query finds: frequent, rare and absent text, filters, % and _ literal, from a cursor",
    async () => {
      const all = await t.db.event.findMany({ where: { sessionId }, orderBy: [{ timestamp: "desc" }, { id: "desc" }] });
      const middle = all[50]!;
      const cases: [string, { level?: string; agent?: string }, { timestamp: Date; id: number } | null, number][] = [
        ["needle", {}, null, 5],
        ["needle", {}, null, 200],
        ["#11", {}, null, 10],
        ["100%", {}, null, 50],
        ["a_b", {}, null, 50],
        ["no such text", {}, null, 201],
        ["needle", { level: "warn" }, null, 201],
        ["alpha", { agent: "dev", level: "error" }, null, 201],
        ["needle", {}, { timestamp: middle.timestamp, id: middle.id }, 201],
      ];
      for (const [q, filters, before, limit] of cases) {
        const want = await expected(q, filters, before, limit);
        if (q !== "no such text") expect(want.length, q).toBeGreaterThan(0);
        const found = await searchLogIds(sessionId, { ...filters, q }, before, limit, PLAN);
        expect(found, `${q} ${JSON.stringify(filters)}`).toEqual(want);
      }
      // the absent text found nothing, and the frequent one reached past the recent entries
      expect((await searchLogIds(sessionId, { q: "needle" }, null, 200, PLAN))!.length).toBeGreaterThan(
        PLAN.recentEntries,
      );
    },
  );

  it.runIf(kind === "sqlite")("reads only the kept id range: narrowing it hides the older rows", async () => {
    const want = await expected("needle", {}, null, 201);
    const kept = await t.db.sessionCount.findUniqueOrThrow({ where: { sessionId } });
    const narrowed = kept.firstEventId! + 60;
    await t.db.sessionCount.update({ where: { sessionId }, data: { firstEventId: narrowed } });
    try {
      const found = await searchLogIds(sessionId, { q: "needle" }, null, 201, PLAN);
      expect(found!.length).toBeLessThan(want.length);
      expect(want.filter((id) => !found!.includes(id)).every((id) => id < narrowed)).toBe(true);
      // the index walk alone (a session below the plan's floor) does not use the range
      expect(await searchLogIds(sessionId, { q: "needle" }, null, 201, { ...PLAN, smallSession: 1_000 })).toEqual(want);
      // nor does a range wider than its rows allow
      expect(await searchLogIds(sessionId, { q: "needle" }, null, 201, { ...PLAN, maxRowsPerEvent: 1 })).toEqual(want);
    } finally {
      await t.db.sessionCount.update({ where: { sessionId }, data: { firstEventId: kept.firstEventId } });
    }
  });

  it("the Logs tab's search takes % and _ literally", async () => {
    for (const q of ["a_b", "100%"]) {
      const page = await loadLogPage(sessionId, { q });
      expect(page.lines.map((l) => l.id)).toEqual((await expected(q, {}, null, 201)).reverse());
      expect(page.lines.length).toBeGreaterThan(0);
    }
  });

  it("the live tail of a search takes % and _ literally too", async () => {
    const all = await t.db.event.findMany({ where: { sessionId }, orderBy: { id: "asc" }, select: { id: true } });
    const after = all[30]!.id;
    for (const q of ["a_b", "100%"]) {
      const want = (await expected(q, {}, null, 1_000)).filter((id) => id > after).sort((a, b) => a - b);
      expect(want.length).toBeGreaterThan(0);
      const tail = await loadNewLogLines(sessionId, { q }, after, 1_000);
      expect(tail.lines.map((l) => l.id)).toEqual(want);
    }
  });

  it.runIf(kind !== "sqlite")("leaves PostgreSQL to the plain query", async () => {
    expect(await searchLogIds(sessionId, { q: "needle" }, null, 10, PLAN)).toBeNull();
  });
});
