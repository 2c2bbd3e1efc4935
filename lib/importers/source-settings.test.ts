import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionError } from "@/lib/actions/action-result";
import { appendAudit } from "@/lib/audit/append-audit";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { overrideDbForTests } from "@/lib/db/client";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { createBazingaFixture } from "@/test/fixtures/bazinga-fixture";
import { createCoordinationFixture } from "@/test/fixtures/beads-fixture";
import { connectLocation, decryptWith, encryptWith } from "./source-secret";
import {
  listSources,
  pendingSyncRequests,
  registerSource,
  removeSource,
  requestSync,
  updateSource,
  type SourceAudit,
} from "./source-settings";

const audit: SourceAudit = (tx, entry) =>
  appendAudit(tx, { ...entry, actor: { type: "user", id: "admin-1", name: "admin@example.com", role: "admin" } });

async function refusal(promise: Promise<unknown>): Promise<ActionError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ActionError);
  return error as ActionError;
}

describe("source secrets", () => {
  it("round-trips under the same secret and fails under another", () => {
    const sealed = encryptWith("a".repeat(32), "postgresql://u:p4ss@h/db");
    expect(sealed).not.toContain("p4ss");
    expect(decryptWith("a".repeat(32), sealed)).toBe("postgresql://u:p4ss@h/db");
    expect(() => decryptWith("b".repeat(32), sealed)).toThrow();
  });
});

describe.each(databaseKinds())("Settings → Sources on %s", (kind) => {
  let t: TestDatabase;
  let dir: string;
  let bazinga: string;
  let beads: string;

  async function counts() {
    return Promise.all([t.db.importSource.count(), t.db.project.count(), t.db.auditEntry.count(), t.db.config.count()]);
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    await t.db.project.create({ data: { slug: "existing", name: "Existing" } });
    dir = mkdtempSync(path.join(tmpdir(), "sources-"));
    bazinga = path.join(dir, "bazinga.db");
    createBazingaFixture(bazinga).close();
    beads = path.join(dir, "coordination.db");
    createCoordinationFixture(beads).close();
    writeFileSync(path.join(dir, "notes.txt"), "not a database\n");
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const valid = () => ({
    system: "bazinga",
    location: bazinga,
    project: "existing",
    newProject: "",
    pollIntervalSec: "5",
  });

  it.each([
    ["a missing file", { location: "/nonexistent/bazinga.db" }, "location", /no such file/],
    ["a file that is not SQLite", { location: "NOTES" }, "location", /not a SQLite database/],
    ["another system's database", { system: "tac" }, "location", /bazinga|not a tac/i],
    ["a beads database as bazinga", { location: "BEADS" }, "location", /beads|not a bazinga/i],
    ["a relative path", { location: "bazinga.db" }, "location", /absolute path/],
    ["an unknown system", { system: "crewai" }, "system", /system: choose one of/],
    ["an interval of 0 s", { pollIntervalSec: "0" }, "pollIntervalSec", /at least 1/],
    ["an interval over an hour", { pollIntervalSec: "3601" }, "pollIntervalSec", /at most 3600/],
    ["an unknown project", { project: "nope" }, "project", /no project "nope"/],
    ["no project at all", { project: "" }, "newProject", /choose a project/],
    ["a bad new slug", { project: "", newProject: "Bad Slug" }, "newProject", /lowercase/],
    ["a password in the query", { location: "postgresql://u@127.0.0.1/db?password=x" }, "location", /user part/],
    ["an unknown time zone", { timeZone: "Mars/Olympus" }, "timeZone", /IANA time zone/],
  ])("refuses %s, naming the field and writing nothing", async (_, change, field, message) => {
    const before = await counts();
    const input: Record<string, string> = { ...valid(), ...change };
    if (input.location === "NOTES") input.location = path.join(dir, "notes.txt");
    if (input.location === "BEADS") input.location = beads;
    const error = await refusal(registerSource(t.db, input, audit));
    expect(error.field).toBe(field);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain("\n");
    expect(await counts()).toEqual(before);
  });

  it("registers a valid source into a new project, audited without secrets, and refuses it twice", async () => {
    const created = await registerSource(
      t.db,
      { ...valid(), project: "", newProject: "baz-team", pollIntervalSec: "7", timeZone: "Europe/Berlin" },
      audit,
    );
    const row = await t.db.importSource.findUniqueOrThrow({ where: { id: created.id }, include: { project: true } });
    expect(row).toMatchObject({
      system: "bazinga",
      location: bazinga,
      pollIntervalSec: 7,
      timeZone: "Europe/Berlin",
      enabled: true,
      rowsImported: 0,
      lastSyncAt: null,
    });
    expect(row.project.slug).toBe("baz-team");
    const entry = await t.db.auditEntry.findFirstOrThrow({ where: { action: "source.created", targetId: created.id } });
    expect(entry.after).toEqual({
      system: "bazinga",
      location: bazinga,
      project: "baz-team",
      pollIntervalSec: 7,
      timeZone: "Europe/Berlin",
      enabled: true,
    });
    expect(entry.actorName).toBe("admin@example.com");
    const before = await counts();
    const error = await refusal(registerSource(t.db, { ...valid(), project: "baz-team" }, audit));
    expect(error.field).toBe("location");
    expect(error.message).toMatch(/already registered/);
    expect(await counts()).toEqual(before);
  });

  it("changes the interval and pauses, with before and after in the audit", async () => {
    const { id } = await registerSource(t.db, valid(), audit);
    await updateSource(t.db, { id, pollIntervalSec: "60" }, audit);
    await updateSource(t.db, { id, enabled: "false" }, audit);
    const entries = await t.db.auditEntry.findMany({
      where: { action: "source.updated", targetId: id },
      orderBy: { seq: "asc" },
    });
    expect(
      entries.map((e) => [
        (e.before as { pollIntervalSec: number }).pollIntervalSec,
        (e.after as { pollIntervalSec: number }).pollIntervalSec,
      ]),
    ).toEqual([
      [5, 60],
      [60, 60],
    ]);
    expect(
      entries.map((e) => [(e.before as { enabled: boolean }).enabled, (e.after as { enabled: boolean }).enabled]),
    ).toEqual([
      [true, true],
      [true, false],
    ]);
    expect(await t.db.importSource.findUniqueOrThrow({ where: { id } })).toMatchObject({
      pollIntervalSec: 60,
      enabled: false,
    });
    for (const bad of ["0", "3601", "abc"]) {
      const error = await refusal(updateSource(t.db, { id, pollIntervalSec: bad }, audit));
      expect(error.field).toBe("pollIntervalSec");
    }
    expect((await refusal(updateSource(t.db, { id: "missing", enabled: "true" }, audit))).field).toBe("id");

    await requestSync(t.db, { id }, audit);
    expect(await pendingSyncRequests(t.db)).toEqual([id]);
    expect((await listSources(t.db)).find((s) => s.id === id)?.syncRequested).toBe(true);

    await removeSource(t.db, { id }, audit);
    expect(await t.db.importSource.findUnique({ where: { id } })).toBeNull();
    expect(await pendingSyncRequests(t.db)).toEqual([]);
    const removed = await t.db.auditEntry.findFirstOrThrow({ where: { action: "source.deleted", targetId: id } });
    expect(removed.before).toMatchObject({
      system: "bazinga",
      location: bazinga,
      project: "existing",
      pollIntervalSec: 60,
      enabled: false,
    });
    expect((await refusal(removeSource(t.db, { id }, audit))).field).toBe("id");
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it.runIf(kind === "postgresql")(
    "keeps a PostgreSQL password out of the row, the audit and the page, but can reconnect",
    async () => {
      // a beads coordination database on PostgreSQL: the test database server is trust-auth, so any password connects
      const server = new URL(t.url);
      const sourceDb = `src_${Date.now().toString(36)}`;
      const pg = (await import("pg")).default;
      const admin = new pg.Client({ connectionString: t.url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${sourceDb}`);
      await admin.end();
      const url = `postgresql://${server.username || "postgres"}:s3cret-pass@${server.host}/${sourceDb}`;
      const src = new pg.Client({ connectionString: url });
      await src.connect();
      await src.query(
        "CREATE TABLE workflow_mappings (beads_issue_id TEXT PRIMARY KEY, tempolite_workflow_id TEXT NOT NULL, workflow_type TEXT NOT NULL, status TEXT, created_at TIMESTAMP)",
      );
      await src.end();
      try {
        const { id, location } = await registerSource(t.db, { ...valid(), system: "beads", location: url }, audit);
        expect(location).not.toContain("s3cret");
        const row = await t.db.importSource.findUniqueOrThrow({ where: { id } });
        expect(row.location).toBe(location);
        const audits = await t.db.auditEntry.findMany({ where: { targetId: id } });
        expect(JSON.stringify(audits)).not.toContain("s3cret");
        expect(JSON.stringify(await t.db.config.findMany())).not.toContain("s3cret");
        expect(JSON.stringify(await listSources(t.db))).not.toContain("s3cret");
        expect(await connectLocation(t.db, row)).toBe(url);
        await removeSource(t.db, { id }, audit);
        expect(await t.db.config.count({ where: { key: { contains: id } } })).toBe(0);
      } finally {
        const cleanup = new pg.Client({ connectionString: t.url });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS ${sourceDb} WITH (FORCE)`);
        await cleanup.end();
      }
    },
  );
});
