// bench:live's watched sources: one per orchestrator, written the way the orchestrator writes
// it (plain SQL through its own driver, or a file it appends to), with one big table that
// makes polling an unchanged source cost something. SQLite sources start from the real
// databases in /work/shared/seed-data (copied); the PostgreSQL ones from the seed documents'
// DDL that the importer tests use.
import Database from "better-sqlite3";
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { CENTRAL_DDL } from "../../test/fixtures/agents-orchestrator-fixture";
import { COORDINATION_DDL } from "../../test/fixtures/beads-fixture";
import { STUDIO_POSTGRES_DDL } from "../../test/fixtures/studio-fixture";
import type { Db } from "../../lib/db/client";
import type { SystemName } from "../../lib/importers/types";
import { issueStoreSessionId } from "../../lib/importers/beads/issue-store";

export const SEED_DATA = process.env.OBSERVATORY_SEED_DATA ?? "/work/shared/seed-data";

/** What the read API shows of one session: its detail and its log events. */
export type View = {
  detail: { status?: string; sourceStatus?: string | null; counts?: Record<string, number> } | null;
  events: { id: string; message: string; details: unknown }[];
};

export type Change = {
  /** the session whose page and API show the change (external id) */
  sessionId: string;
  write(): Promise<void>;
  /** whether `now` shows the change, given the view just before it was written */
  visible(before: View, now: View): boolean;
  /**
   * For a change the read API does not show (a task's or run's or agent's status: /api/v1 has
   * no such resource): the stored rows it changes, read from the app database; the change is
   * stored when this differs from before the write.
   */
  stored?(db: Db, projectId: string): Promise<string>;
};

/** The stored tasks or runs of a session, or an agent, as JSON (what the session page reads). */
const storedTasks = (sessionId: string) => async (db: Db, projectId: string) =>
  JSON.stringify(
    await db.task.findMany({ where: { projectId, session: { externalId: sessionId } }, orderBy: { id: "asc" } }),
  );
const storedRuns = (sessionId: string) => async (db: Db, projectId: string) =>
  JSON.stringify(
    await db.run.findMany({ where: { projectId, session: { externalId: sessionId } }, orderBy: { id: "asc" } }),
  );
const storedAgent = (externalId: string) => async (db: Db, projectId: string) =>
  JSON.stringify(await db.agent.findUnique({ where: { projectId_externalId: { projectId, externalId } } }));

export type ChangeKind = "insert row" | "update in place" | "session status" | "row status" | "append to file";

export type LiveSource = {
  system: SystemName;
  /** what is registered in Settings → Sources and given to `import --watch` */
  location: string;
  /** how it is stored, for the report */
  storage: string;
  kinds: ChangeKind[];
  /** the big table's name and rows, for the report */
  big: { table: string; rows: number };
  change(kind: ChangeKind, n: number): Change;
  /** PostgreSQL source database names (their backends' CPU is measured while idle) */
  pgDatabases: string[];
  close(): Promise<void>;
};

const changed = (before: View, now: View) => now.detail !== null && JSON.stringify(before) !== JSON.stringify(now);
const hasMarker = (marker: string) => (_before: View, now: View) =>
  now.events.some((e) => e.message.includes(marker) || JSON.stringify(e.details ?? null).includes(marker));
/** The session's source status is the new one (or, when the API shows none, anything changed). */
const statusIs = (value: string) => (before: View, now: View) =>
  now.detail?.sourceStatus == null ? changed(before, now) : now.detail.sourceStatus === value;
const countGrew = (name: string) => (before: View, now: View) =>
  (now.detail?.counts?.[name] ?? 0) > (before.detail?.counts?.[name] ?? 0);

const cycle = <T>(values: readonly T[], n: number): T => values[n % values.length]!;
/** A time as SQLite's CURRENT_TIMESTAMP writes it (UTC, "YYYY-MM-DD HH:MM:SS"). */
const sqliteTime = (at: Date) => at.toISOString().replace("T", " ").slice(0, 19);
const sqliteNow = () => sqliteTime(new Date());
/** The big table's i-th row time: one a second from a fixed day, long before the changes. */
const bigRowTime = (i: number) => sqliteTime(new Date(Date.UTC(2026, 10, 1, 9) + i * 1000));
/** A text no earlier change wrote, to find this change by. */
const markerOf = (kind: string, n: number) => `live-${kind.replace(/ /g, "-")}-${n}-${Date.now()}`;

/** Inserts `rows` rows in transactions of 5,000 (the way a long-running orchestrator grew it). */
function fillSqlite(db: Database.Database, rows: number, insert: (i: number) => void): void {
  for (let start = 0; start < rows; start += 5_000) {
    db.transaction(() => {
      for (let i = start; i < Math.min(rows, start + 5_000); i++) insert(i);
    })();
  }
}

async function fillPostgres(
  client: pg.Client,
  rows: number,
  table: string,
  columns: string[],
  row: (i: number) => unknown[],
) {
  for (let start = 0; start < rows; start += 2_000) {
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (let i = start; i < Math.min(rows, start + 2_000); i++) {
      const r = row(i);
      tuples.push(`(${r.map((_, j) => `$${values.length + j + 1}`).join(", ")})`);
      values.push(...r);
    }
    await client.query(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${tuples.join(", ")}`, values);
  }
}

async function freshPgDatabase(server: string, name: string): Promise<{ url: string; client: pg.Client }> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(server);
  u.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  return { url: u.toString(), client };
}

export async function dropPgDatabase(server: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** BAZINGA: bazinga/bazinga.db (WAL), from the real database its own scripts wrote. */
function bazinga(dir: string, rows: number, ending: number): LiveSource {
  const file = path.join(dir, "bazinga", "bazinga.db");
  mkdirSync(path.dirname(file), { recursive: true });
  copyFileSync(path.join(SEED_DATA, "bazinga", "real", "bazinga-head.db"), file);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  const session = "bazinga_20261207_180000";
  db.prepare(
    "INSERT INTO sessions (session_id, start_time, mode, original_requirements, status) VALUES (?, datetime('now'), 'parallel', 'Add live lag figures', 'active')",
  ).run(session);
  db.prepare(
    "INSERT INTO task_groups (id, session_id, name, status, assigned_to) VALUES ('LIVE', ?, 'Live lag', 'pending', 'developer_1')",
  ).run(session);
  db.prepare(
    "INSERT INTO state_snapshots (session_id, group_id, timestamp, state_type, state_data) VALUES (?, 'global', datetime('now'), 'orchestrator', '{}')",
  ).run(session);
  // a session ends once: each session-status change ends another running session
  const endingSession = (n: number) => `bazinga_20261207_17${String(n).padStart(4, "0")}`;
  for (let n = 0; n < ending; n++)
    db.prepare(
      "INSERT INTO sessions (session_id, start_time, mode, original_requirements, status) VALUES (?, datetime('now'), 'simple', 'A short task', 'active')",
    ).run(endingSession(n));
  const bigSession = "bazinga_20261101_090000";
  db.prepare(
    "INSERT INTO sessions (session_id, start_time, mode, original_requirements, status) VALUES (?, '2026-11-01 09:00:00', 'parallel', 'A long session', 'completed')",
  ).run(bigSession);
  const log = db.prepare(
    "INSERT INTO orchestration_logs (session_id, timestamp, iteration, agent_type, agent_id, content, log_type) VALUES (?, ?, ?, 'developer', 'developer_1', ?, 'interaction')",
  );
  fillSqlite(db, rows, (i) => log.run(bigSession, bigRowTime(i), 1 + (i % 9), `step ${i}: ran the tests`));
  return {
    system: "bazinga",
    location: file,
    storage: "SQLite (WAL), bazinga-head.db",
    kinds: ["insert row", "update in place", "session status", "row status"],
    big: { table: "orchestration_logs", rows },
    pgDatabases: [],
    change(kind, n) {
      const marker = markerOf(kind, n);
      switch (kind) {
        case "insert row":
          return {
            sessionId: session,
            write: async () =>
              void db
                .prepare(
                  "INSERT INTO orchestration_logs (session_id, iteration, agent_type, agent_id, content, log_type) VALUES (?, ?, 'developer', 'developer_1', ?, 'interaction')",
                )
                .run(session, n + 1, marker),
            visible: hasMarker(marker),
          };
        case "update in place":
          // save-state keeps one snapshot per (session, type, group) and overwrites it
          return {
            sessionId: session,
            write: async () =>
              void db
                .prepare(
                  "UPDATE state_snapshots SET state_data = ?, timestamp = datetime('now') WHERE session_id = ? AND state_type = 'orchestrator' AND group_id = 'global'",
                )
                .run(JSON.stringify({ phase: "develop", iteration: n + 1, note: marker }), session),
            visible: changed,
          };
        case "session status": {
          const status = cycle(["completed", "failed"] as const, n);
          return {
            sessionId: endingSession(n),
            write: async () =>
              void db
                .prepare("UPDATE sessions SET status = ?, end_time = datetime('now') WHERE session_id = ?")
                .run(status, endingSession(n)),
            visible: statusIs(status),
          };
        }
        default: {
          const status = cycle(["in_progress", "completed", "pending"] as const, n);
          return {
            sessionId: session,
            write: async () =>
              void db
                .prepare("UPDATE task_groups SET status = ?, updated_at = ? WHERE id = 'LIVE' AND session_id = ?")
                .run(status, sqliteNow(), session),
            visible: changed,
            stored: storedTasks(session),
          };
        }
      }
    },
    close: async () => void db.close(),
  };
}

/** TAC Bootstrap: data/orchestrator.db (WAL), from the real database its bridge wrote. */
function tac(dir: string, rows: number, ending: number): LiveSource {
  const file = path.join(dir, "tac", "data", "orchestrator.db");
  mkdirSync(path.dirname(file), { recursive: true });
  copyFileSync(path.join(SEED_DATA, "tac-bootstrap", "real", "orchestrator.db"), file);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  const session = "f00d1e55";
  const agent = "4b1e6c0a-7d1f-4c55-9a0e-00000000live";
  const started = new Date().toISOString().slice(0, 26);
  db.prepare(
    "INSERT INTO ai_developer_workflows (id, adw_name, workflow_type, description, status, current_step, total_steps, completed_steps, started_at) VALUES (?, 'adw_sdlc_iso', 'sdlc', 'Live lag', 'in_progress', 'adw_plan_iso', 5, 0, ?)",
  ).run(session, started);
  db.prepare(
    "INSERT INTO agents (id, orchestrator_agent_id, session_id, status, context, started_at) VALUES (?, 'adw-orchestrator', ?, 'executing', 'adw_build_iso', ?)",
  ).run(agent, session, started);
  const endingSession = (n: number) => `e0d${n.toString(16).padStart(5, "0")}`;
  for (let n = 0; n < ending; n++)
    db.prepare(
      "INSERT INTO ai_developer_workflows (id, adw_name, workflow_type, status, current_step, total_steps, started_at) VALUES (?, 'adw_sdlc_iso', 'sdlc', 'in_progress', 'adw_plan_iso', 5, ?)",
    ).run(endingSession(n), started);
  const bigSession = "b16b16b1";
  const bigAgent = "4b1e6c0a-7d1f-4c55-9a0e-0000000000b1";
  db.prepare(
    "INSERT INTO ai_developer_workflows (id, adw_name, workflow_type, status, started_at, completed_at) VALUES (?, 'adw_sdlc_iso', 'sdlc', 'completed', '2026-11-01T09:00:00', '2026-11-02T09:00:00')",
  ).run(bigSession);
  db.prepare(
    "INSERT INTO agents (id, orchestrator_agent_id, session_id, status, context, started_at, completed_at) VALUES (?, 'adw-orchestrator', ?, 'completed', 'adw_build_iso', '2026-11-01T09:00:00', '2026-11-02T09:00:00')",
  ).run(bigAgent, bigSession);
  const log = db.prepare(
    "INSERT INTO agent_logs (agent_id, log_level, log_type, message, details, created_at) VALUES (?, 'INFO', 'tool_call', ?, '{}', ?)",
  );
  fillSqlite(db, rows, (i) => log.run(bigAgent, `tool call ${i}`, bigRowTime(i)));
  return {
    system: "tac",
    location: file,
    storage: "SQLite (WAL), orchestrator.db",
    kinds: ["insert row", "row status", "session status"],
    big: { table: "agent_logs", rows },
    pgDatabases: [],
    change(kind, n) {
      const marker = markerOf(kind, n);
      switch (kind) {
        case "insert row":
          return {
            sessionId: session,
            write: async () =>
              void db
                .prepare(
                  "INSERT INTO agent_logs (agent_id, log_level, log_type, message, details) VALUES (?, 'INFO', 'milestone', ?, '{}')",
                )
                .run(agent, marker),
            visible: hasMarker(marker),
          };
        case "row status": {
          // update_agent: the agent's status column
          const status = cycle(["reviewing", "executing", "planning"] as const, n);
          return {
            sessionId: session,
            write: async () => void db.prepare("UPDATE agents SET status = ? WHERE id = ?").run(status, agent),
            visible: changed,
            stored: storedRuns(session),
          };
        }
        default: {
          // track_workflow_end
          const status = cycle(["completed", "failed"] as const, n);
          return {
            sessionId: endingSession(n),
            write: async () =>
              void db
                .prepare(
                  "UPDATE ai_developer_workflows SET status = ?, completed_steps = 5, completed_at = ? WHERE id = ?",
                )
                .run(status, new Date().toISOString().slice(0, 26), endingSession(n)),
            visible: statusIs(status),
          };
        }
      }
    },
    close: async () => void db.close(),
  };
}

/** Autonomous Software Studio: its production PostgreSQL schema (seed 002). */
async function studio(server: string, rows: number, ending: number): Promise<LiveSource> {
  const name = "observatory_live_src_studio";
  const { url, client } = await freshPgDatabase(server, name);
  await client.query(STUDIO_POSTGRES_DDL);
  const session = "studio-live-0001";
  await client.query(
    "INSERT INTO sessions (session_id, user_mission, project_name, status, current_phase, work_dir) VALUES ($1, 'Measure live lag', 'observatory', 'running', 'eng', '/srv/studio/live')",
    [session],
  );
  const endingSession = (n: number) => `studio-ending-${String(n).padStart(4, "0")}`;
  for (let n = 0; n < ending; n++)
    await client.query(
      "INSERT INTO sessions (session_id, user_mission, project_name, status, current_phase) VALUES ($1, 'A short task', 'observatory', 'running', 'qa')",
      [endingSession(n)],
    );
  const execution = (
    await client.query<{ id: number }>(
      "INSERT INTO agent_executions (session_id, agent_type, status, input_summary) VALUES ($1, 'eng', 'running', 'build it') RETURNING id",
      [session],
    )
  ).rows[0]!.id;
  await fillPostgres(client, rows, "metrics", ["metric_name", "metric_value", "labels", "recorded_at"], (i) => [
    "tokens_per_session",
    1000 + (i % 500),
    JSON.stringify({ agent: "eng" }),
    new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString(),
  ]);
  await client.query("VACUUM ANALYZE");
  return {
    system: "studio",
    location: url,
    storage: "PostgreSQL (seed 002 DDL)",
    kinds: ["insert row", "update in place", "session status", "row status"],
    big: { table: "metrics", rows },
    pgDatabases: [name],
    change(kind, n) {
      const marker = markerOf(kind, n);
      switch (kind) {
        case "insert row":
          // the LangGraph checkpointer's writes
          return {
            sessionId: session,
            write: async () =>
              void (await client.query(
                "INSERT INTO checkpoints (thread_id, checkpoint_id, checkpoint_data, metadata) VALUES ($1, $2, $3, '{}')",
                [session, `ckpt-${n}-${Date.now()}`, JSON.stringify({ step: n, note: marker })],
              )),
            visible: changed,
          };
        case "update in place":
          // the session's state_json is rewritten after every node
          return {
            sessionId: session,
            write: async () =>
              void (await client.query(
                "UPDATE sessions SET state_json = $1, iteration_count = $2, updated_at = now() WHERE session_id = $3",
                [JSON.stringify({ current_phase: "eng", note: marker }), n + 1, session],
              )),
            visible: changed,
          };
        case "session status": {
          const status = cycle(["completed", "failed"] as const, n);
          return {
            sessionId: endingSession(n),
            write: async () =>
              void (await client.query(
                "UPDATE sessions SET status = $1, qa_passed = $2, updated_at = now() WHERE session_id = $3",
                [status, status === "completed", endingSession(n)],
              )),
            visible: statusIs(status),
          };
        }
        default: {
          const status = cycle(["completed", "running"] as const, n);
          return {
            sessionId: session,
            write: async () =>
              void (await client.query(
                "UPDATE agent_executions SET status = $1::varchar, completed_at = CASE WHEN $1::varchar = 'completed' THEN now() END, output_summary = $2 WHERE id = $3",
                [status, marker, execution],
              )),
            visible: changed,
            stored: storedRuns(session),
          };
        }
      }
    },
    async close() {
      await client.end();
      await dropPgDatabase(server, name);
    },
  };
}

/** agents-orchestrator: the central database (seed 003) on PostgreSQL. */
async function agentsOrchestrator(server: string, rows: number, ending: number): Promise<LiveSource> {
  const name = "observatory_live_src_ao";
  const { url, client } = await freshPgDatabase(server, name);
  await client.query(CENTRAL_DDL);
  const t0 = Date.now();
  const session = `session_${t0}_live00001`;
  const main = `agent_main_${t0}`;
  const reviewer = `agent_code-reviewer_${t0}`;
  await client.query(
    "INSERT INTO agents (id, name, type, workspace_path, status) VALUES ($1, 'main', 'main', '/srv/project', 'active'), ($2, 'code-reviewer', 'code-reviewer', '/srv/project/.agents/code-reviewer', 'inactive')",
    [main, reviewer],
  );
  await client.query(
    "INSERT INTO sessions (id, project_path, status, main_agent_id, metadata, git_branch) VALUES ($1, '/srv/project', 'active', $2, '{}', 'main')",
    [session, main],
  );
  const endingSession = (n: number) => `session_${t0 + 1 + n}_end${String(n).padStart(6, "0")}`;
  for (let n = 0; n < ending; n++)
    await client.query(
      "INSERT INTO sessions (id, project_path, status, main_agent_id, metadata) VALUES ($1, '/srv/project', 'active', $2, '{}')",
      [endingSession(n), main],
    );
  const bigSession = `session_${t0 - 86_400_000}_big000000`;
  await client.query(
    "INSERT INTO sessions (id, project_path, start_time, end_time, status, main_agent_id) VALUES ($1, '/srv/project', '2026-11-01 09:00:00', '2026-11-02 09:00:00', 'completed', $2)",
    [bigSession, main],
  );
  await fillPostgres(
    client,
    rows,
    "session_events",
    ["id", "session_id", "event_type", "agent_id", "event_data", "timestamp"],
    (i) => [
      `event_${Date.UTC(2026, 10, 1) + i}_${i.toString(36).padStart(9, "0")}`,
      bigSession,
      "tool_used",
      main,
      JSON.stringify({ tool: "Read", i }),
      new Date(Date.UTC(2026, 10, 1, 9) + i * 1000).toISOString(),
    ],
  );
  await client.query("VACUUM ANALYZE");
  return {
    system: "agents-orchestrator",
    location: url,
    storage: "PostgreSQL (seed 003 central DDL)",
    kinds: ["insert row", "row status", "session status"],
    big: { table: "session_events", rows },
    pgDatabases: [name],
    change(kind, n) {
      const marker = markerOf(kind, n);
      switch (kind) {
        case "insert row":
          return {
            sessionId: session,
            write: async () =>
              void (await client.query(
                "INSERT INTO messages (id, session_id, from_agent, to_agent, message_type, content, context) VALUES ($1, $2, $3, $4, 'request', $5, '{}')",
                [`msg_${Date.now()}_${n}`, session, main, reviewer, marker],
              )),
            visible: changed,
          };
        case "row status": {
          const status = cycle(["busy", "active", "inactive"] as const, n);
          return {
            sessionId: session,
            write: async () =>
              void (await client.query("UPDATE agents SET status = $1, last_heartbeat = now() WHERE id = $2", [
                status,
                reviewer,
              ])),
            visible: changed,
            stored: storedAgent(reviewer),
          };
        }
        default: {
          return {
            sessionId: endingSession(n),
            write: async () =>
              void (await client.query("UPDATE sessions SET status = 'completed', end_time = now() WHERE id = $1", [
                endingSession(n),
              ])),
            visible: statusIs("completed"),
          };
        }
      }
    },
    async close() {
      await client.end();
      await dropPgDatabase(server, name);
    },
  };
}

/** Beads/Tempolite: a project folder with .beads/issues.jsonl and the coordination.db beside it. */
function beads(dir: string, rows: number, ending: number): LiveSource {
  const root = path.join(dir, "beads");
  const store = path.join(root, ".beads", "issues.jsonl");
  mkdirSync(path.dirname(store), { recursive: true });
  writeFileSync(store, readFileSync(path.join(SEED_DATA, "beads-tempolite", "beads-issues.jsonl")));
  const db = new Database(path.join(root, "coordination.db"));
  db.pragma("journal_mode = WAL");
  db.exec(COORDINATION_DDL);
  const workflow = "wf-live-0001";
  db.prepare(
    "INSERT INTO workflow_mappings (beads_issue_id, tempolite_workflow_id, workflow_type, status, metadata) VALUES ('bd-live1', ?, 'research', 'active', '{\"title\":\"Live lag\"}')",
  ).run(workflow);
  const assignment = db
    .prepare(
      "INSERT INTO agent_assignments (workflow_id, agent_type, agent_id, step_name, status) VALUES (?, 'research', 'research-1', 'survey', 'assigned')",
    )
    .run(workflow).lastInsertRowid;
  const endingSession = (n: number) => `wf-ending-${String(n).padStart(4, "0")}`;
  for (let n = 0; n < ending; n++)
    db.prepare(
      "INSERT INTO workflow_mappings (beads_issue_id, tempolite_workflow_id, workflow_type, status) VALUES (?, ?, 'research', 'active')",
    ).run(`bd-end${n}`, endingSession(n));
  const bigWorkflow = "wf-big-0001";
  db.prepare(
    "INSERT INTO workflow_mappings (beads_issue_id, tempolite_workflow_id, workflow_type, status, created_at, completed_at) VALUES ('bd-big1', ?, 'research', 'completed', '2026-11-01 09:00:00', '2026-11-02 09:00:00')",
  ).run(bigWorkflow);
  const result = db.prepare(
    "INSERT INTO workflow_results (workflow_id, agent_type, result_type, result_data, confidence_score, created_at) VALUES (?, 'research', 'finding', ?, 0.9, ?)",
  );
  fillSqlite(db, rows, (i) => result.run(bigWorkflow, JSON.stringify({ i }), bigRowTime(i)));
  const storeSession = issueStoreSessionId(store);
  return {
    system: "beads",
    location: root,
    storage: "SQLite coordination.db (WAL) + .beads/issues.jsonl",
    kinds: ["insert row", "row status", "session status", "append to file"],
    big: { table: "workflow_results", rows },
    pgDatabases: [],
    change(kind, n) {
      const marker = markerOf(kind, n);
      switch (kind) {
        case "insert row":
          return {
            sessionId: workflow,
            write: async () =>
              void db
                .prepare(
                  "INSERT INTO workflow_results (workflow_id, agent_type, result_type, result_data, confidence_score) VALUES (?, 'research', 'finding', ?, 0.8)",
                )
                .run(workflow, JSON.stringify({ note: marker })),
            visible: countGrew("artifacts"),
          };
        case "row status": {
          const status = cycle(["in_progress", "completed", "assigned"] as const, n);
          return {
            sessionId: workflow,
            write: async () =>
              void db
                .prepare(
                  "UPDATE agent_assignments SET status = ?, started_at = COALESCE(started_at, datetime('now')) WHERE id = ?",
                )
                .run(status, assignment),
            visible: changed,
            stored: storedRuns(workflow),
          };
        }
        case "session status": {
          const status = cycle(["completed", "failed"] as const, n);
          return {
            sessionId: endingSession(n),
            write: async () =>
              void db
                .prepare(
                  "UPDATE workflow_mappings SET status = ?, updated_at = datetime('now'), completed_at = datetime('now') WHERE tempolite_workflow_id = ?",
                )
                .run(status, endingSession(n)),
            visible: statusIs(status),
          };
        }
        default: {
          // bd appends a created issue to its JSONL export
          const issue = {
            id: `bd-live-${n}-${Date.now().toString(36)}`,
            title: marker,
            description: "",
            status: "open",
            priority: 2,
            issue_type: "task",
            created_at: new Date().toISOString(),
            updated_at: new Date().toISOString(),
          };
          return {
            sessionId: storeSession,
            write: async () => appendFileSync(store, `${JSON.stringify(issue)}\n`),
            visible: countGrew("tasks"),
          };
        }
      }
    },
    close: async () => void db.close(),
  };
}

/** `ending`: how many session-status changes will be made (each ends another running session). */
export async function createLiveSource(
  system: SystemName,
  dir: string,
  pgServer: string,
  rows: number,
  ending: number,
): Promise<LiveSource> {
  switch (system) {
    case "bazinga":
      return bazinga(dir, rows, ending);
    case "tac":
      return tac(dir, rows, ending);
    case "studio":
      return studio(pgServer, rows, ending);
    case "agents-orchestrator":
      return agentsOrchestrator(pgServer, rows, ending);
    case "beads":
      return beads(dir, rows, ending);
  }
}
