// The SQLite databases claude-orchestrator's own code writes (shared/seed-data/agents-orchestrator
// /real: the Guardian MCP server's coordination.db and the short-term memory's session_state.db)
// imported from a project folder holding them, from each file alone (told apart by its tables)
// and from the read-only shared folder itself. Every expectation is computed from the copies
// with plain SQL. Then the copies change the way the real code changes them and the next pass
// follows: statuses and heartbeats updated in place, messages read, inserted and deleted, a
// new session started, an issue resolved, a checkpoint taken (the schedule rewritten in place).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { importOnce } from "../import-source";
import { GUARDIAN_SESSION } from "./guardian-readers";
import { GUARDIAN_AGENT_STATUS, SESSION_STATE_STATUS, STALE_AFTER_MS } from "./vocabulary";

const REAL = path.resolve(process.cwd(), "../shared/seed-data/agents-orchestrator/real");
const ZONE = "Europe/Berlin"; // SOURCES.md: the clock ran in Europe/Berlin

type R = Record<string, unknown>;
const utc = (sqliteText: unknown) => new Date(`${String(sqliteText).replace(" ", "T")}Z`);
/** The writer's UTC offset, from the data: the session id is local time, started_at UTC. */
function offsetMs(db: Database.Database): number {
  const s = db.prepare("SELECT session_id, started_at FROM session_state ORDER BY started_at LIMIT 1").get() as {
    session_id: string;
    started_at: string;
  };
  const m = /^(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})_/.exec(s.session_id)!;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - utc(s.started_at).getTime();
}

describe.each(databaseKinds())("the real agents-orchestrator databases into %s", (kind) => {
  let t: TestDatabase;
  let dir: string;
  let project: string;
  let coordination: Database.Database;
  let memory: Database.Database;

  beforeAll(async () => {
    if (!existsSync(REAL))
      throw new Error(`the real databases are missing: ${REAL} (shared/ must sit beside the repository)`);
    t = await createTestDatabase(kind);
    dir = mkdtempSync(path.join(tmpdir(), "ao-real-db-"));
    project = path.join(dir, "claude-orchestrate");
    mkdirSync(path.join(project, "guardian", "mcp-server", "db"), { recursive: true });
    mkdirSync(path.join(project, "claude-orchestrator", "short-term-memory"), { recursive: true });
    // where the real code puts them
    copyFileSync(
      path.join(REAL, "coordination.db"),
      path.join(project, "guardian", "mcp-server", "db", "coordination.db"),
    );
    copyFileSync(
      path.join(REAL, "session_state.db"),
      path.join(project, "claude-orchestrator", "short-term-memory", "session_state.db"),
    );
    coordination = new Database(path.join(project, "guardian", "mcp-server", "db", "coordination.db"));
    memory = new Database(path.join(project, "claude-orchestrator", "short-term-memory", "session_state.db"));
  });
  afterAll(async () => {
    coordination?.close();
    memory?.close();
    await t?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const request = (slug = "ao-real-db", location = project, timeZone = ZONE) => ({
    db: t.db,
    system: "agents-orchestrator",
    location,
    projectSlug: slug,
    options: { timeZone },
  });
  const where = async (slug = "ao-real-db") => ({
    projectId: (await t.db.project.findUniqueOrThrow({ where: { slug } })).id,
  });
  const all = (db: Database.Database, sql: string) => db.prepare(sql).all() as R[];
  const count = (db: Database.Database, table: string) =>
    (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  /** What the sessions of session_state.db should look like, from its rows. */
  function expectedSessions(now = Date.now()) {
    const rows = all(memory, "SELECT * FROM session_state");
    const last = (id: string) =>
      Math.max(
        ...[
          ...all(
            memory,
            `SELECT started_at AS t FROM session_state WHERE session_id = '${id}' UNION SELECT last_updated FROM session_state WHERE session_id = '${id}'`,
          ),
          ...["decisions", "issues", "checkpoints"].flatMap((x) =>
            all(memory, `SELECT timestamp AS t FROM ${x} WHERE session_id = '${id}'`),
          ),
          ...all(
            memory,
            `SELECT last_checkpoint_time AS t FROM checkpoint_schedule WHERE session_id = '${id}' AND last_checkpoint_time IS NOT NULL`,
          ),
        ].map((r) => utc(r.t).getTime()),
      );
    return rows
      .map((r) => {
        const id = String(r.session_id);
        const canonical = SESSION_STATE_STATUS[String(r.status)]!;
        const superseded = rows.some((o) => utc(o.started_at) > utc(r.started_at));
        const ends = canonical === "running" && (superseded || now - last(id) > STALE_AFTER_MS);
        const ended = ends || !["running", "pending"].includes(canonical);
        return [
          id,
          ends ? "completed" : canonical,
          r.status,
          utc(r.started_at).toISOString(),
          ended ? new Date(last(id)).toISOString() : null,
        ];
      })
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  }

  it("imports both databases from the project folder, with every table's rows, local times and statuses", async () => {
    const summary = await importOnce(request());
    expect(summary.version).toContain("Guardian coordination.db");
    expect(summary.version).toContain("short-term memory session_state.db");
    expect(summary.timeZone).toBe(ZONE);
    const read = Object.fromEntries(summary.tables.map((x) => [x.table, x.read]));
    expect(read).toMatchObject({
      "coordination.db/agents": count(coordination, "agents"),
      "coordination.db/messages": count(coordination, "messages"),
      "coordination.db/outputs": count(coordination, "outputs"),
      "session_state.db/session_state": count(memory, "session_state"),
      "session_state.db/decisions": count(memory, "decisions"),
      "session_state.db/issues": count(memory, "issues"),
      "session_state.db/checkpoints": count(memory, "checkpoints"),
      "session_state.db/checkpoint_schedule": count(memory, "checkpoint_schedule"),
    });
    expect(summary.totals).toMatchObject({ rejected: 0, keptRaw: 0 });
    // read in the writer's zone, the session ids agree with started_at: no zone warning
    expect(summary.tables.flatMap((x) => Object.keys(x.issues))).toEqual([]);

    const w = await where();
    // short-term memory sessions: ids from the data; `active` forever in the source, ended here
    const sessions = await t.db.session.findMany({
      where: { ...w, kind: "short_term_memory" },
      orderBy: { externalId: "asc" },
    });
    expect(
      sessions.map((s) => [
        s.externalId,
        s.status,
        s.sourceStatus,
        s.startedAt.toISOString(),
        s.endedAt?.toISOString() ?? null,
      ]),
    ).toEqual(expectedSessions());
    for (const r of all(memory, "SELECT * FROM session_state")) {
      expect(sessions.find((s) => s.externalId === r.session_id)).toMatchObject({
        title: r.current_task,
        mode: r.workflow,
        placeholder: false,
      });
    }

    const decisions = await t.db.decision.findMany({ where: w, include: { session: true } });
    expect(
      decisions
        .map((d) => [
          d.session?.externalId,
          (d.data as R).what_was_decided,
          (d.data as R).approved_by_user,
          d.timestamp.toISOString(),
        ])
        .sort(),
    ).toEqual(
      all(memory, "SELECT * FROM decisions")
        .map((d) => [d.session_id, d.what_was_decided, d.approved_by_user === 1, utc(d.timestamp).toISOString()])
        .sort(),
    );

    const tasks = await t.db.task.findMany({ where: w, include: { session: true } });
    expect(
      tasks.map((x) => [x.session?.externalId, x.kind, x.status, x.sourceStatus, x.createdAt.toISOString()]).sort(),
    ).toEqual(
      all(memory, "SELECT * FROM issues")
        .map((i) => [
          i.session_id,
          "issue",
          i.resolved ? "completed" : "pending",
          i.resolved ? "resolved" : "unresolved",
          utc(i.timestamp).toISOString(),
        ])
        .sort(),
    );

    const states = await t.db.stateSnapshot.findMany({ where: w, include: { session: true } });
    const checkpoints = states.filter((s) => s.kind === "checkpoint");
    expect(
      checkpoints
        .map((s) => [
          s.session.externalId,
          (s.data as R).checkpoint_number,
          (s.data as R).completed_items,
          s.timestamp.toISOString(),
        ])
        .sort(),
    ).toEqual(
      all(memory, "SELECT * FROM checkpoints")
        .map((c) => [
          c.session_id,
          c.checkpoint_number,
          JSON.parse(String(c.completed_items)),
          utc(c.timestamp).toISOString(),
        ])
        .sort(),
    );
    // next_checkpoint_due is Python local time: read in the writer's zone
    const offset = offsetMs(memory);
    const schedules = states.filter((s) => s.kind === "checkpoint_schedule");
    expect(
      schedules
        .map((s) => [s.session.externalId, (s.data as R).next_checkpoint_due, (s.data as R).checkpoint_count])
        .sort(),
    ).toEqual(
      all(memory, "SELECT * FROM checkpoint_schedule")
        .map((c) => [
          c.session_id,
          new Date(utc(c.next_checkpoint_due).getTime() - offset).toISOString(),
          c.checkpoint_count,
        ])
        .sort(),
    );
    expect(await t.db.metric.count({ where: { ...w, name: "context_usage_percent" } })).toBe(
      count(memory, "checkpoints"),
    );

    // Guardian: agents with their word, heartbeat and workspace; one coordination session
    const agents = await t.db.agent.findMany({ where: w, orderBy: { externalId: "asc" } });
    expect(
      agents.map((a) => [a.externalId, a.status, a.heartbeatAt?.toISOString(), a.workspacePath, a.capabilities]),
    ).toEqual(
      all(coordination, "SELECT * FROM agents ORDER BY id").map((a) => [
        a.id,
        a.status,
        utc(a.last_heartbeat).toISOString(),
        a.workspace_path,
        JSON.parse(String(a.capabilities)),
      ]),
    );
    const messages = await t.db.message.findMany({
      where: w,
      include: { session: true },
      orderBy: { timestamp: "asc" },
    });
    expect(
      messages.map((m) => [
        m.session?.externalId,
        m.fromAgent,
        m.toAgent,
        m.kind,
        m.content,
        (m.metadata as R).read_at ?? null,
        m.timestamp.toISOString(),
      ]),
    ).toEqual(
      all(coordination, "SELECT * FROM messages ORDER BY created_at").map((m) => [
        GUARDIAN_SESSION,
        m.from_agent,
        m.to_agent,
        m.message_type,
        m.content,
        m.read_at ? utc(m.read_at).toISOString() : null,
        utc(m.created_at).toISOString(),
      ]),
    );
    const artifacts = await t.db.artifact.findMany({ where: w, include: { session: true } });
    expect(artifacts.map((a) => [a.session?.externalId, a.path, a.type, a.data])).toEqual(
      all(coordination, "SELECT * FROM outputs").map((o) => [
        GUARDIAN_SESSION,
        o.file_path,
        (JSON.parse(String(o.metadata)) as R).type,
        JSON.parse(String(o.metadata)),
      ]),
    );
    const guardian = await t.db.session.findFirstOrThrow({ where: { ...w, externalId: GUARDIAN_SESSION } });
    const lastChange = all(
      coordination,
      "SELECT max(t) AS t FROM (SELECT last_heartbeat AS t FROM agents UNION SELECT created_at FROM messages UNION SELECT read_at FROM messages UNION SELECT created_at FROM outputs)",
    )[0]!.t;
    const working = all(coordination, "SELECT status FROM agents").some((a) =>
      ["running", "pending"].includes(GUARDIAN_AGENT_STATUS[String(a.status)]!),
    );
    const ended = !working || Date.now() - utc(lastChange).getTime() > STALE_AFTER_MS;
    expect([guardian.status, guardian.endedAt?.toISOString() ?? null, guardian.placeholder]).toEqual([
      ended ? "completed" : "running",
      ended ? utc(lastChange).toISOString() : null,
      false,
    ]);
  });

  it("reports the zone mismatch when the local-time columns are read in another zone", async () => {
    const summary = await importOnce(request("ao-real-db-utc", project, "UTC"));
    const issues = summary.tables.find((x) => x.table === "session_state.db/session_state")!.issues;
    const minutes = offsetMs(memory) / 60_000;
    expect(issues).toEqual({
      [`session_id local time differs from started_at by ${minutes} min: the source's zone is not --time-zone`]: count(
        memory,
        "session_state",
      ),
    });
  });

  it("imports each database file alone, told apart by its tables, and the read-only shared folder in place", async () => {
    const files = path.join(dir, "files");
    mkdirSync(files);
    for (const name of ["coordination.db", "session_state.db"])
      copyFileSync(path.join(REAL, name), path.join(files, name));
    const guardian = await importOnce(request("ao-guardian", path.join(files, "coordination.db")));
    expect(guardian.version).toMatch(/^Guardian coordination.db/);
    expect(guardian.totals).toMatchObject({
      read: count(coordination, "agents") + count(coordination, "messages") + count(coordination, "outputs") + 1,
      rejected: 0,
    });
    const memoryAlone = await importOnce(request("ao-memory", path.join(files, "session_state.db")));
    expect(memoryAlone.version).toMatch(/^short-term memory session_state.db/);
    expect(memoryAlone.totals.read).toBe(
      ["session_state", "decisions", "issues", "checkpoints", "checkpoint_schedule"].reduce(
        (n, x) => n + count(memory, x),
        0,
      ),
    );

    // the shared folder is read-only: it is read in place and nothing is created beside it
    const before = readdirSync(REAL).map((f) => `${f}:${statSync(path.join(REAL, f)).mtimeMs}`);
    const shared = await importOnce(request("ao-shared", REAL));
    expect(shared.totals).toMatchObject({ read: guardian.totals.read + memoryAlone.totals.read, rejected: 0 });
    expect(readdirSync(REAL).map((f) => `${f}:${statSync(path.join(REAL, f)).mtimeMs}`)).toEqual(before);
    // the same data from two places merges: the sessions are the same ids
    const ids = async (slug: string) =>
      (await t.db.session.findMany({ where: await where(slug), select: { externalId: true } }))
        .map((s) => s.externalId)
        .sort();
    expect(await ids("ao-shared")).toEqual(await ids("ao-real-db"));
  });

  it("follows the databases as the real code changes them, and a re-import changes nothing", async () => {
    const w = await where();
    // Guardian: update_status (in place), check_messages marks read, notify_output_ready, clearOldMessages
    coordination
      .prepare(
        "UPDATE agents SET status = 'busy', details = 'reviewing', last_heartbeat = CURRENT_TIMESTAMP WHERE id = 'agent2'",
      )
      .run();
    coordination.prepare("UPDATE messages SET read_at = CURRENT_TIMESTAMP WHERE id = 2").run();
    const outputId = coordination
      .prepare(
        "INSERT INTO outputs (agent_id, file_path, metadata) VALUES ('agent2', '/tmp/out.txt', '{\"type\":\"summary\"}')",
      )
      .run().lastInsertRowid;
    coordination
      .prepare(
        "INSERT INTO messages (from_agent, to_agent, message_type, content, file_path) VALUES ('agent2', 'agent1', 'notification', 'Output ready at: /tmp/out.txt', '/tmp/out.txt')",
      )
      .run();
    coordination.prepare("DELETE FROM messages WHERE id = 3").run();
    // short-term memory: a session ended in place, a new one started (SessionManager), a decision,
    // an issue resolved and another deleted, a checkpoint with its schedule rewritten
    const oldest = String(
      (memory.prepare("SELECT session_id FROM session_state ORDER BY started_at LIMIT 1").get() as R).session_id,
    );
    memory.prepare("UPDATE session_state SET status = 'ended' WHERE session_id = ?").run(oldest);
    const fresh = "20991231_235959_feedbeef";
    memory
      .prepare(
        "INSERT INTO session_state (session_id, current_task, workflow) VALUES (?, 'Import the real data', 'tool-development')",
      )
      .run(fresh);
    memory
      .prepare(
        "INSERT INTO checkpoint_schedule (session_id, next_checkpoint_due) VALUES (?, '2099-12-31 23:59:59.000001')",
      )
      .run(fresh);
    memory
      .prepare(
        "INSERT INTO decisions (session_id, what_was_decided, reason, approved_by_user) VALUES (?, 'Follow changes, not ids', 'in-place updates', 1)",
      )
      .run(fresh);
    const resolved = Number(
      (memory.prepare("SELECT issue_id FROM issues WHERE resolved = 0 LIMIT 1").get() as R).issue_id,
    );
    memory.prepare("UPDATE issues SET resolved = 1 WHERE issue_id = ?").run(resolved);
    const removed = Number(
      (memory.prepare("SELECT issue_id FROM issues WHERE issue_id <> ? LIMIT 1").get(resolved) as R).issue_id,
    );
    memory.prepare("DELETE FROM issues WHERE issue_id = ?").run(removed);
    memory
      .prepare(
        "INSERT INTO checkpoints (session_id, trigger_type, current_task, completed_items, pending_decisions, active_issues, next_steps, context_usage_percent, checkpoint_number) VALUES (?, 'major_step', 'x', '[\"a\"]', '[]', '[]', 'y', 12.5, 1)",
      )
      .run(fresh);
    memory
      .prepare(
        "UPDATE checkpoint_schedule SET last_checkpoint_time = CURRENT_TIMESTAMP, checkpoint_count = 1, next_checkpoint_due = '2100-01-01 00:29:59.000001' WHERE session_id = ?",
      )
      .run(fresh);

    // a table this mapping does not know (a later version's): kept raw on its session
    memory.exec("CREATE TABLE handover_notes (id INTEGER PRIMARY KEY, session_id TEXT, note TEXT)");
    memory.prepare("INSERT INTO handover_notes (session_id, note) VALUES (?, 'read me first')").run(fresh);

    const next = await importOnce(request());
    expect(next.unchanged).toBe(false);
    expect(next.tables.find((x) => x.table === "handover_notes")).toMatchObject({ read: 1, keptRaw: 1 });
    const note = await t.db.sourceRecord.findFirstOrThrow({ where: { ...w, table: "handover_notes" } });
    expect(note).toMatchObject({
      reason: "unmapped table",
      sessionRef: fresh,
      data: { id: 1, session_id: fresh, note: "read me first" },
    });
    const table = (name: string) => next.tables.find((x) => x.table === name)!;
    expect(table("coordination.db/agents")).toMatchObject({ updated: 1, imported: 0 });
    expect(table("coordination.db/messages")).toMatchObject({ updated: 1, imported: 1, deleted: 1 });
    expect(table("coordination.db/outputs")).toMatchObject({ imported: 1 });
    expect(table("session_state.db/session_state")).toMatchObject({ imported: 1, rejected: 0 });
    expect(table("session_state.db/issues")).toMatchObject({ updated: 1, deleted: 1 });
    expect(table("session_state.db/decisions")).toMatchObject({ imported: 1 });
    expect(table("session_state.db/checkpoints")).toMatchObject({ imported: 1 });
    expect(table("session_state.db/checkpoint_schedule")).toMatchObject({ imported: 1 });

    expect(await t.db.agent.findFirstOrThrow({ where: { ...w, externalId: "agent2" } })).toMatchObject({
      status: "busy",
      metadata: expect.objectContaining({ details: "reviewing" }),
    });
    // an agent works again and the database just changed: the coordination channel runs
    expect(await t.db.session.findFirstOrThrow({ where: { ...w, externalId: GUARDIAN_SESSION } })).toMatchObject({
      status: "running",
    });
    const read = await t.db.message.findFirstOrThrow({ where: { ...w, externalId: `${GUARDIAN_SESSION}:message:2` } });
    expect((read.metadata as R).read).toBe(true);
    expect(
      await t.db.artifact.count({ where: { ...w, externalId: `${GUARDIAN_SESSION}:output:${String(outputId)}` } }),
    ).toBe(1);
    const gone = await t.db.sourceRecord.findFirstOrThrow({
      where: { ...w, table: "coordination.db/messages", rowKey: "3" },
    });
    expect(gone.deletedAt).not.toBeNull();

    const sessions = await t.db.session.findMany({
      where: { ...w, kind: "short_term_memory" },
      orderBy: { externalId: "asc" },
    });
    expect(
      sessions.map((s) => [
        s.externalId,
        s.status,
        s.sourceStatus,
        s.startedAt.toISOString(),
        s.endedAt?.toISOString() ?? null,
      ]),
    ).toEqual(expectedSessions());
    expect(sessions.find((s) => s.externalId === oldest)).toMatchObject({ status: "completed", sourceStatus: "ended" });
    expect(sessions.find((s) => s.externalId === fresh)).toMatchObject({ status: "running", sourceStatus: "active" });
    const task = await t.db.task.findFirstOrThrow({ where: { ...w, externalId: { endsWith: `:issue:${resolved}` } } });
    expect([task.status, task.sourceStatus]).toEqual(["completed", "resolved"]);
    expect(
      (
        await t.db.sourceRecord.findFirstOrThrow({
          where: { ...w, table: "session_state.db/issues", rowKey: String(removed) },
        })
      ).deletedAt,
    ).not.toBeNull();
    const schedule = await t.db.stateSnapshot.findMany({
      where: { ...w, kind: "checkpoint_schedule", session: { externalId: fresh } },
      orderBy: { timestamp: "desc" },
    });
    expect((schedule[0]!.data as R).checkpoint_count).toBe(1);

    const counts = () =>
      Promise.all([
        t.db.session.count(),
        t.db.agent.count(),
        t.db.message.count(),
        t.db.artifact.count(),
        t.db.task.count(),
        t.db.decision.count(),
        t.db.stateSnapshot.count(),
        t.db.metric.count(),
      ]);
    const before = await counts();
    const again = await importOnce(request());
    expect(again.totals.imported + again.totals.updated + again.totals.deleted).toBe(0);
    expect(await counts()).toEqual(before);
  });
});
