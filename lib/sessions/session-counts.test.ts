import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideDbForTests } from "@/lib/db/client";
import { seedScale } from "@/lib/demo/scale-seed";
import { importOnce } from "@/lib/importers/import-source";
import { ingestEvents } from "@/lib/ingest/pipeline";
import { exportTraces } from "@/lib/otlp/export-traces";
import { ensureProject } from "@/lib/projects/projects";
import { applyRetention } from "@/lib/retention/apply-retention";
import { ensureDefaultPrices } from "@/lib/usage/prices";
import { createBazingaFixture } from "@/test/fixtures/bazinga-fixture";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { getSessionDetail } from "./session-api";
import type { Db } from "@/lib/db/client";
import { countBySession, eventCountsOf } from "./session-counts";
import { loadSessionHeader } from "./session-page";

const OLD = "2020-01-01T00:00:00.000Z";

/** The session's event count as kept (0 when it has none). */
async function readEventCount(db: Db, sessionId: string): Promise<number> {
  const row = await db.sessionCount.findUnique({ where: { sessionId }, select: { events: true } });
  return row?.events ?? 0;
}
const NEW = "2026-12-01T00:00:00.000Z";

const log = (id: string, sessionId: string | undefined, at = NEW) => ({
  id,
  type: "log",
  timestamp: at,
  body: { sessionId, level: "info", message: id },
});

describe("eventCountsOf", () => {
  it("counts the inserted events per session, an id written twice once, and none without a session", () => {
    expect(
      eventCountsOf(
        [
          { externalId: "a", sessionId: "s2" },
          { externalId: "b", sessionId: "s1" },
          { externalId: "b", sessionId: "s1" },
          { externalId: "c", sessionId: "s1" },
          { externalId: "d", sessionId: null },
          { externalId: "replayed", sessionId: "s1" },
        ],
        ["a", "b", "c", "d"],
      ),
    ).toEqual([
      { sessionId: "s1", events: 2 },
      { sessionId: "s2", events: 1 },
    ]);
  });

  it("countBySession orders sessions by id and skips missing ones", () => {
    expect(countBySession(["b", "a", null, "b", undefined])).toEqual([
      { sessionId: "a", events: 1 },
      { sessionId: "b", events: 2 },
    ]);
  });
});

describe.each(databaseKinds())("session event counts on %s", (kind) => {
  let t: TestDatabase;
  let projectId: string;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    await ensureDefaultPrices(t.db);
    projectId = (await ensureProject(t.db, "counts")).id;
    dir = mkdtempSync(path.join(tmpdir(), "session-counts-"));
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every session's kept count against count(*) of its events; answers how many sessions have events. */
  async function expectExact(): Promise<number> {
    const sessions = await t.db.session.findMany({ select: { id: true } });
    const kept = await Promise.all(sessions.map((s) => readEventCount(t.db, s.id)));
    const counted = await Promise.all(sessions.map((s) => t.db.event.count({ where: { sessionId: s.id } })));
    expect(kept).toEqual(counted);
    // every event's id lies in its session's kept range
    const ranges = await t.db.event.groupBy({ by: ["sessionId"], _min: { id: true }, _max: { id: true } });
    for (const r of ranges) {
      if (!r.sessionId) continue;
      const row = await t.db.sessionCount.findUniqueOrThrow({ where: { sessionId: r.sessionId } });
      expect(row.firstEventId, r.sessionId).toBeLessThanOrEqual(r._min.id!);
      expect(row.lastEventId, r.sessionId).toBeGreaterThanOrEqual(r._max.id!);
    }
    return counted.filter((n) => n > 0).length;
  }
  const sessionRow = async (externalId: string, project = projectId) =>
    (await t.db.session.findUniqueOrThrow({ where: { projectId_externalId: { projectId: project, externalId } } })).id;

  it("API ingest counts the events really inserted: not replays, not an id repeated in a batch", async () => {
    const batch = [log("c1", "ca"), log("c2", "ca"), log("c3", "cb"), log("c4", undefined), log("c2", "ca")];
    await ingestEvents(t.db, projectId, batch);
    await ingestEvents(t.db, projectId, batch);
    await ingestEvents(t.db, projectId, [log("c5", "ca", OLD), log("c1", "ca"), log("c6", "ca", OLD)]);
    expect(await readEventCount(t.db, await sessionRow("ca"))).toBe(4);
    expect(await readEventCount(t.db, await sessionRow("cb"))).toBe(1);
    expect(await expectExact()).toBe(2);
  });

  it("the page header and the sessions API show the kept count", async () => {
    const header = await loadSessionHeader(await sessionRow("ca"));
    expect(header?.counts.logs).toBe(4);
    expect((await getSessionDetail(t.db, projectId, "ca"))?.counts.logs).toBe(4);
  });

  it("OTLP ingest counts the logs it stores from spans", async () => {
    const before = await t.db.event.count();
    const span = {
      traceId: "5b8efff798038103d269b633813fc60c",
      spanId: "eee19b7ec3c1b174",
      name: "POST /chat",
      startTimeUnixNano: "1780000000000000000",
      endTimeUnixNano: "1780000001000000000",
      kind: 2,
      attributes: [{ key: "session.id", value: { stringValue: "otlp-session" } }],
      events: [{ name: "retrying", timeUnixNano: "1780000000500000000" }],
    };
    const body = { resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ spans: [span] }] }] };
    const send = () =>
      exportTraces(
        t.db,
        projectId,
        new Request("http://localhost/api/v1/otlp/v1/traces", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
      );
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    expect(await t.db.event.count()).toBeGreaterThan(before);
    await expectExact();
  });

  it("an importer's events are counted, and importing again changes nothing", async () => {
    const source = path.join(dir, "bazinga.db");
    createBazingaFixture(source).close();
    await importOnce({ db: t.db, system: "bazinga", location: source, projectSlug: "baz" });
    await importOnce({ db: t.db, system: "bazinga", location: source, projectSlug: "baz" });
    const baz = (await t.db.project.findUniqueOrThrow({ where: { slug: "baz" } })).id;
    expect(await t.db.event.count({ where: { projectId: baz } })).toBeGreaterThan(0);
    await expectExact();
  });

  it("retention subtracts the events it deletes", async () => {
    await applyRetention(t.db, { cutoff: new Date("2021-01-01T00:00:00Z"), batchSize: 1 });
    expect(await readEventCount(t.db, await sessionRow("ca"))).toBe(2);
    await expectExact();
  });

  it("deleting a session deletes its count", async () => {
    await t.db.session.delete({ where: { id: await sessionRow("cb") } });
    expect(await t.db.sessionCount.count({ where: { session: { externalId: "cb" } } })).toBe(0);
    await expectExact();
  });

  it("the scale seed's bulk-loaded events are counted", async () => {
    await seedScale(t.db, "tiny");
    expect(await expectExact()).toBeGreaterThan(10);
  });

  const backfillOf = (migration: string) => {
    const dir = kind === "sqlite" ? "prisma/migrations" : "prisma/postgres/migrations";
    const file = path.join(import.meta.dirname, "../..", dir, migration, "migration.sql");
    return readFileSync(file, "utf8")
      .split("-- Backfill")[1]!
      .replace(/^[^\n]*\n/, "");
  };

  it("the migrations' backfills compute the same counts and ranges from stored events", async () => {
    const before = await t.db.sessionCount.findMany({ orderBy: { sessionId: "asc" } });
    await t.db.sessionCount.deleteMany();
    await t.db.$executeRawUnsafe(backfillOf("20261207184322_session_counts"));
    const counted = await t.db.sessionCount.findMany({ orderBy: { sessionId: "asc" } });
    // the backfill has no row for a session whose events all went; 0 either way
    const withEvents = before.filter((r) => r.events > 0);
    expect(counted.map((r) => [r.sessionId, r.events])).toEqual(withEvents.map((r) => [r.sessionId, r.events]));
    expect(counted.length).toBeGreaterThan(10);
    await t.db.$executeRawUnsafe(backfillOf("20261208003004_session_event_bounds"));
    await expectExact();
    // exact where the writers' ranges are wider: the backfill reads each session's own ids
    for (const r of await t.db.event.groupBy({ by: ["sessionId"], _min: { id: true }, _max: { id: true } })) {
      if (!r.sessionId) continue;
      const row = await t.db.sessionCount.findUniqueOrThrow({ where: { sessionId: r.sessionId } });
      expect([row.firstEventId, row.lastEventId]).toEqual([r._min.id, r._max.id]);
    }
  });
});
