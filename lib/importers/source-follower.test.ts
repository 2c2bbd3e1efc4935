import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit } from "@/lib/audit/append-audit";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { overrideDbForTests } from "@/lib/db/client";
import { parseDatabaseUrl } from "@/lib/db/database-url";
import type { LiveChange } from "@/lib/live/live-change";
import { subscribeLive } from "@/lib/live/live-hub";
import { startPgListener } from "@/lib/live/pg-listener";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { ensureDefaultPrices } from "@/lib/usage/prices";
import { createBazingaFixture } from "@/test/fixtures/bazinga-fixture";
import { backoffMs, startSourceFollower, type SourceFollower } from "./source-follower";
import { registerSource, removeSource, requestSync, updateSource, type SourceAudit } from "./source-settings";

const audit: SourceAudit = (tx, entry) =>
  appendAudit(tx, { ...entry, actor: { type: "user", id: "admin-1", name: "admin@example.com", role: "admin" } });

/** Polls `check` until it returns true or `ms` pass; returns how long it took. */
async function within(ms: number, check: () => Promise<boolean>, what: string): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function addSession(source: Database.Database, id: string, logs: number): void {
  source
    .prepare(
      "INSERT INTO sessions (session_id, start_time, mode, original_requirements, status) VALUES (?, ?, ?, ?, ?)",
    )
    .run(id, "2025-02-01 10:00:00", "simple", `mission ${id}`, "active");
  const log = source.prepare(
    "INSERT INTO orchestration_logs (session_id, timestamp, iteration, agent_type, agent_id, content, log_type) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  for (let i = 0; i < logs; i++)
    log.run(id, `2025-02-01 10:0${i}:00`, 1, "developer", "developer_1", `step ${i}`, "interaction");
}

describe("backoffMs", () => {
  it("doubles from the interval after each failure, capped, never below the interval", () => {
    expect(backoffMs(5000, 0, 600_000)).toBe(5000);
    expect(backoffMs(5000, 1, 600_000)).toBe(10_000);
    expect(backoffMs(5000, 3, 600_000)).toBe(40_000);
    expect(backoffMs(5000, 50, 600_000)).toBe(600_000);
    expect(backoffMs(3_600_000, 2, 600_000)).toBe(3_600_000);
  });
});

describe.each(databaseKinds())("the source follower on %s", (kind) => {
  let t: TestDatabase;
  let dir: string;
  const followers: SourceFollower[] = [];

  function follow(): SourceFollower {
    const follower = startSourceFollower({ db: t.db, target: parseDatabaseUrl(t.url), refreshMs: 200, log: () => {} });
    followers.push(follower);
    return follower;
  }

  /** Stops every follower and forgets every source, so each test starts clean. */
  async function stopAll(): Promise<void> {
    await Promise.all(followers.splice(0).map((f) => f.stop()));
    await t.db.importSource.deleteMany({});
  }

  function fixture(name: string): { file: string; source: Database.Database } {
    const file = path.join(dir, name);
    return { file, source: createBazingaFixture(file) };
  }

  const sessions = (projectSlug: string) => t.db.session.count({ where: { project: { slug: projectSlug } } });
  const events = (projectSlug: string) => t.db.event.count({ where: { project: { slug: projectSlug } } });
  const completed = (id: string) => t.db.auditEntry.count({ where: { action: "import.completed", targetId: id } });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    await ensureDefaultPrices(t.db);
    dir = mkdtempSync(path.join(tmpdir(), "follower-"));
  });
  afterAll(async () => {
    await stopAll();
    overrideDbForTests(undefined);
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("follows a live source: imports it, picks up new rows, publishes them live, and stops when it is removed", async () => {
    const { file, source } = fixture("live.db");
    const changes: LiveChange[] = [];
    let stopLive: () => void;
    if (kind === "postgresql") {
      const target = parseDatabaseUrl(t.url);
      if (target.kind !== "postgresql") throw new Error("expected PostgreSQL");
      const listener = startPgListener(target, (c) => changes.push(c));
      await listener.ready;
      stopLive = () => void listener.stop();
    } else stopLive = subscribeLive((c) => changes.push(c));
    try {
      const follower = follow();
      const { id } = await registerSource(
        t.db,
        { system: "bazinga", location: file, project: "", newProject: "live", pollIntervalSec: "1" },
        audit,
      );
      await within(
        8000,
        async () => (await sessions("live")) === 3,
        "the fixture's 3 sessions (2 + a placeholder) arrive",
      );
      expect(follower.following()).toEqual([id]);
      const project = await t.db.project.findUniqueOrThrow({ where: { slug: "live" } });
      await within(
        3000,
        async () =>
          changes.some((c) => c.projectId === project.id && c.sessionIds?.includes("bazinga_20250112_143022")),
        "a live change for the import",
      );
      // the pass commits its import, then records it on the source
      await within(
        3000,
        async () => (await t.db.importSource.findUniqueOrThrow({ where: { id } })).lastSyncAt !== null,
        "the source's last sync",
      );
      const row = await t.db.importSource.findUniqueOrThrow({ where: { id } });
      expect(row.lastError).toBeNull();
      expect(row.rowsImported).toBe(20);
      expect(await completed(id)).toBe(1);

      // new rows in the source arrive within a few seconds, live
      const beforeEvents = await events("live");
      addSession(source, "bazinga_20250201_100000", 2);
      const took = await within(
        5000,
        async () => (await sessions("live")) === 4 && (await events("live")) === beforeEvents + 2,
        "the new session and its logs",
      );
      expect(took).toBeLessThan(5000);
      await within(
        3000,
        async () => changes.some((c) => c.sessionIds?.includes("bazinga_20250201_100000")),
        "a live change for the new session",
      );
      await within(
        3000,
        async () => (await t.db.importSource.findUniqueOrThrow({ where: { id } })).rowsImported === 23,
        "rowsImported counts the 3 new rows",
      );
      // passes that find nothing leave no audit entry
      expect(await completed(id)).toBe(2);
      await sleep(2500);
      expect(await completed(id)).toBe(2);

      // a long interval, then "sync now"
      await updateSource(t.db, { id, pollIntervalSec: "3600" }, audit);
      await sleep(1500);
      addSession(source, "bazinga_20250201_110000", 1);
      await sleep(1500);
      expect(await sessions("live")).toBe(4);
      await requestSync(t.db, { id }, audit);
      await within(5000, async () => (await sessions("live")) === 5, "sync now imports the waiting row");

      // paused: not followed; resumed: followed again
      await updateSource(t.db, { id, enabled: "false" }, audit);
      await within(3000, async () => follower.following().length === 0, "a paused source is let go");
      await updateSource(t.db, { id, enabled: "true", pollIntervalSec: "1" }, audit);
      await within(3000, async () => follower.following().includes(id), "a resumed source is followed again");

      // removed: let go, nothing more imported, the row is not recreated
      await removeSource(t.db, { id }, audit);
      await within(3000, async () => follower.following().length === 0, "a removed source is let go");
      addSession(source, "bazinga_20250201_120000", 1);
      await sleep(2500);
      expect(await sessions("live")).toBe(5);
      expect(await t.db.importSource.count({ where: { id } })).toBe(0);
      expect((await verifyAuditChain(t.db)).ok).toBe(true);
    } finally {
      stopLive();
      source.close();
      await stopAll();
    }
  });

  it("records a failing source's error and backs off, while another source keeps syncing", async () => {
    const good = fixture("good.db");
    const bad = fixture("bad.db");
    bad.source.close();
    const follower = follow();
    try {
      const ok = await registerSource(
        t.db,
        { system: "bazinga", location: good.file, project: "", newProject: "good", pollIntervalSec: "1" },
        audit,
      );
      const failing = await registerSource(
        t.db,
        { system: "bazinga", location: bad.file, project: "", newProject: "bad", pollIntervalSec: "1" },
        audit,
      );
      await within(
        8000,
        async () => (await sessions("bad")) === 3 && (await sessions("good")) === 3,
        "both sources imported",
      );
      rmSync(bad.file);
      await within(
        5000,
        async () =>
          ((await t.db.importSource.findUniqueOrThrow({ where: { id: failing.id } })).lastError ?? "").length > 0,
        "the failing source's error",
      );
      const failed = await t.db.importSource.findUniqueOrThrow({ where: { id: failing.id } });
      expect(failed.lastError).toMatch(/no such file/);
      expect(follower.following().sort()).toEqual([ok.id, failing.id].sort());
      addSession(good.source, "bazinga_20250301_090000", 1);
      await within(5000, async () => (await sessions("good")) === 4, "the healthy source still syncs");
      // backed off: the error stays, its lastSyncAt does not move
      const errorAt = failed.updatedAt.getTime();
      await sleep(2500);
      const later = await t.db.importSource.findUniqueOrThrow({ where: { id: failing.id } });
      expect(later.lastSyncAt?.getTime()).toBe(failed.lastSyncAt?.getTime());
      expect(later.updatedAt.getTime() - errorAt).toBeLessThan(2500 + 1000);
    } finally {
      good.source.close();
      await stopAll();
    }
  });

  it.runIf(kind === "postgresql")("lets only one of two followers on one database follow each source", async () => {
    const files = ["a", "b", "c"].map((n) => fixture(`locked-${n}.db`));
    const ids: string[] = [];
    for (const [i, f] of files.entries()) {
      f.source.close();
      ids.push(
        (
          await registerSource(
            t.db,
            { system: "bazinga", location: f.file, project: "", newProject: `locked-${i}`, pollIntervalSec: "1" },
            audit,
          )
        ).id,
      );
    }
    const one = follow();
    const two = follow();
    try {
      await within(
        10_000,
        async () => (await t.db.importSource.count({ where: { id: { in: ids }, lastSyncAt: { not: null } } })) === 3,
        "all three sources synced",
      );
      await sleep(2500);
      const a = one.following().filter((id) => ids.includes(id));
      const b = two.following().filter((id) => ids.includes(id));
      expect([...a, ...b].sort()).toEqual([...ids].sort());
      expect(a.filter((id) => b.includes(id))).toEqual([]);
      for (const id of ids) expect(await completed(id)).toBe(1);
      for (const i of [0, 1, 2]) expect(await sessions(`locked-${i}`)).toBe(3);
      for (const id of ids)
        expect((await t.db.importSource.findUniqueOrThrow({ where: { id } })).rowsImported).toBe(20);

      // the other takes over what a stopped follower held
      const [stopping, staying] = a.length > 0 ? [one, two] : [two, one];
      await stopping.stop();
      await within(
        5000,
        async () => ids.every((id) => staying.following().includes(id)),
        "the remaining follower takes every source",
      );
      for (const id of ids) expect(await completed(id)).toBe(1);
    } finally {
      await stopAll();
    }
  });
});
