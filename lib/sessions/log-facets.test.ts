import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestEvents } from "@/lib/ingest/pipeline";
import { ensureProject } from "@/lib/projects/projects";
import { applyRetention } from "@/lib/retention/apply-retention";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { facetRowsOf, readLogFacets } from "./log-facets";

const OLD = "2020-01-01T00:00:00.000Z";
const NEW = "2026-12-01T00:00:00.000Z";

const log = (id: string, sessionId: string, level: string, kind: string, agentType: string | undefined, at = NEW) => ({
  id,
  type: "log",
  timestamp: at,
  body: { sessionId, level, kind, agentType, message: id },
});

describe("facetRowsOf", () => {
  it("lists each session's distinct levels, kinds and agents once, and skips events without a session", () => {
    expect(
      facetRowsOf([
        { sessionId: "s", level: "info", kind: "log", agentType: "dev" },
        { sessionId: "s", level: "info", kind: "log", agentType: "dev" },
        { sessionId: "s", kind: "tool_call" },
        { sessionId: null, level: "error", kind: "log" },
      ]),
    ).toEqual([
      { sessionId: "s", facet: "level", value: "info" },
      { sessionId: "s", facet: "kind", value: "log" },
      { sessionId: "s", facet: "agent", value: "dev" },
      { sessionId: "s", facet: "kind", value: "tool_call" },
    ]);
  });
});

describe.each(databaseKinds())("log facets on %s", (kind) => {
  let t: TestDatabase;
  let projectId: string;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    projectId = (await ensureProject(t.db, "facets")).id;
  });
  afterAll(async () => {
    await t.drop();
  });

  async function otherConnection(statement: string) {
    if (kind === "sqlite") {
      const other = new Database(t.url.replace(/^file:/, ""));
      try {
        other.exec(statement);
      } finally {
        other.close();
      }
      return;
    }
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    try {
      await other.query(statement);
    } finally {
      await other.end();
    }
  }

  /** What grouping every event of the session says, the way the tab used to compute it. */
  async function grouped(sessionId: string) {
    const groups = await t.db.event.groupBy({ by: ["level", "kind", "agentType"], where: { sessionId } });
    const sorted = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))].sort();
    return {
      levels: sorted(groups.map((g) => g.level)),
      kinds: sorted(groups.map((g) => g.kind)),
      agents: sorted(groups.map((g) => g.agentType)),
    };
  }
  const asSets = (f: { levels: string[]; kinds: string[]; agents: string[] }) => ({
    levels: [...f.levels].sort(),
    kinds: [...f.kinds].sort(),
    agents: [...f.agents].sort(),
  });
  const sessionRow = async (externalId: string) =>
    (await t.db.session.findUniqueOrThrow({ where: { projectId_externalId: { projectId, externalId } } })).id;

  it("keeps the facets as events are ingested, equal to grouping the events, and a replay changes nothing", async () => {
    const batch = [
      log("f1", "fa", "info", "log", "dev"),
      log("f2", "fa", "error", "tool_call", "qa"),
      log("f3", "fb", "debug", "log", undefined),
    ];
    await ingestEvents(t.db, projectId, batch);
    await ingestEvents(t.db, projectId, batch);
    await ingestEvents(t.db, projectId, [log("f4", "fa", "warn", "log", "pm", OLD)]);
    const fa = await sessionRow("fa");
    expect(asSets(await readLogFacets(t.db, fa))).toEqual(await grouped(fa));
    expect(await readLogFacets(t.db, fa)).toEqual({
      levels: ["error", "warn", "info"],
      kinds: ["log", "tool_call"],
      agents: ["dev", "pm", "qa"],
    });
    expect(await readLogFacets(t.db, await sessionRow("fb"))).toEqual({
      levels: ["debug"],
      kinds: ["log"],
      agents: [],
    });
    expect(await t.db.logFacet.count()).toBe(10);
  });

  it("drops a value when retention deletes its last event", async () => {
    await applyRetention(t.db, { cutoff: new Date("2021-01-01T00:00:00Z") });
    const fa = await sessionRow("fa");
    expect(await readLogFacets(t.db, fa)).toEqual({
      levels: ["error", "info"],
      kinds: ["log", "tool_call"],
      agents: ["dev", "qa"],
    });
    expect(asSets(await readLogFacets(t.db, fa))).toEqual(await grouped(fa));
  });

  it("records a value again after retention dropped it (the process forgets what it rebuilt)", async () => {
    // "warn" went with its last event in the previous test
    await ingestEvents(t.db, projectId, [log("f5", "fa", "warn", "log", "dev")]);
    const fa = await sessionRow("fa");
    expect((await readLogFacets(t.db, fa)).levels).toEqual(["error", "warn", "info"]);
    expect(asSets(await readLogFacets(t.db, fa))).toEqual(await grouped(fa));
  });

  it("records a value again after another process deleted it", async () => {
    await ingestEvents(t.db, projectId, [log("g1", "ga", "info", "log", "dev")]);
    const ga = await sessionRow("ga");
    // as retention run by the CLI beside the server would, on a connection of its own
    await otherConnection(`DELETE FROM "LogFacet" WHERE "sessionId" = '${ga}' AND "facet" = 'agent'`);
    await ingestEvents(t.db, projectId, [log("g2", "ga", "info", "log", "dev")]);
    expect(await readLogFacets(t.db, ga)).toEqual({ levels: ["info"], kinds: ["log"], agents: ["dev"] });
  });

  it("leaves nothing of a batch whose transaction failed halfway, and does not remember its facets", async () => {
    // the event counter's statement, after the events' and the facets', fails
    const fail =
      kind === "sqlite"
        ? [`CREATE TRIGGER "fail_counts" BEFORE INSERT ON "SessionCount" BEGIN SELECT RAISE(ABORT, 'boom'); END`]
        : [
            `CREATE FUNCTION fail_counts() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$ LANGUAGE plpgsql`,
            `CREATE TRIGGER "fail_counts" BEFORE INSERT ON "SessionCount" FOR EACH ROW EXECUTE FUNCTION fail_counts()`,
          ];
    const heal = kind === "sqlite" ? [`DROP TRIGGER "fail_counts"`] : [`DROP TRIGGER "fail_counts" ON "SessionCount"`];
    const batch = [log("h1", "ha", "critical", "plan", "ops"), log("h2", "ha", "info", "log", "ops")];
    await ingestEvents(t.db, projectId, [log("h0", "ha", "info", "log", undefined)]);
    const ha = await sessionRow("ha");
    await t.db.sessionCount.deleteMany({ where: { sessionId: ha } });
    for (const statement of fail) await t.db.$executeRawUnsafe(statement);
    try {
      const results = await ingestEvents(t.db, projectId, batch);
      expect(results.map((r) => r.status)).toEqual([500, 500]);
    } finally {
      for (const statement of heal) await t.db.$executeRawUnsafe(statement);
    }
    expect(await t.db.event.count({ where: { externalId: { in: ["h1", "h2"] } } })).toBe(0);
    expect(await readLogFacets(t.db, ha)).toEqual({ levels: ["info"], kinds: ["log"], agents: [] });
    expect((await t.db.session.findUniqueOrThrow({ where: { id: ha } })).errorCount).toBe(0);
    // the same batch again: its facets are written, not taken as known
    expect((await ingestEvents(t.db, projectId, batch)).map((r) => r.status)).toEqual([201, 201]);
    expect(await readLogFacets(t.db, ha)).toEqual({
      levels: ["critical", "info"],
      kinds: ["log", "plan"],
      agents: ["ops"],
    });
  });

  it("the migration's backfill computes the same facets from stored events", async () => {
    const before = await t.db.logFacet.findMany({
      orderBy: [{ sessionId: "asc" }, { facet: "asc" }, { value: "asc" }],
    });
    const dir = kind === "sqlite" ? "prisma/migrations" : "prisma/postgres/migrations";
    const file = path.join(import.meta.dirname, "../..", dir, "20261207175138_add_log_facets/migration.sql");
    const backfill = readFileSync(file, "utf8")
      .split("-- Backfill")[1]!
      .replace(/^[^\n]*\n/, "");
    await t.db.logFacet.deleteMany();
    await t.db.$executeRawUnsafe(backfill);
    const after = await t.db.logFacet.findMany({ orderBy: [{ sessionId: "asc" }, { facet: "asc" }, { value: "asc" }] });
    expect(after).toEqual(before);
    expect(after.length).toBeGreaterThan(0);
  });
});
