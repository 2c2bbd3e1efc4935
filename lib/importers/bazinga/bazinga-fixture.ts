// A bazinga.db built from seed 000's DDL plus a newer version's additions, with the awkward
// rows real databases have: invalid JSON, an unknown agent type, a log whose session does
// not exist, an unparseable timestamp, an extra table.
import Database from "better-sqlite3";

export const BAZINGA_DDL = `
CREATE TABLE sessions (session_id TEXT PRIMARY KEY, start_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP, end_time TIMESTAMP,
  mode TEXT, original_requirements TEXT, status TEXT DEFAULT 'active', created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE orchestration_logs (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL, timestamp TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  iteration INTEGER, agent_type TEXT, agent_id TEXT, content TEXT NOT NULL,
  log_type TEXT, reasoning_phase TEXT, event_subtype TEXT, event_payload TEXT, group_id TEXT);
CREATE TABLE state_snapshots (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL, timestamp TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  state_type TEXT, state_data TEXT NOT NULL);
CREATE TABLE task_groups (id TEXT NOT NULL, session_id TEXT NOT NULL, name TEXT NOT NULL, status TEXT DEFAULT 'pending', assigned_to TEXT,
  revision_count INTEGER DEFAULT 0, last_review_status TEXT, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id, session_id));
CREATE TABLE token_usage (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL, timestamp TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  agent_type TEXT NOT NULL, agent_id TEXT, tokens_estimated INTEGER NOT NULL);
CREATE TABLE skill_outputs (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL, timestamp TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  skill_name TEXT NOT NULL, output_data TEXT NOT NULL);
CREATE TABLE configuration (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE decisions (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL, timestamp TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  iteration INTEGER, decision_type TEXT NOT NULL, decision_data TEXT NOT NULL);
CREATE TABLE development_plans (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL, title TEXT, plan TEXT,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
`;

export function createBazingaFixture(file: string): Database.Database {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.exec(BAZINGA_DDL);
  const s = db.prepare("INSERT INTO sessions (session_id, start_time, end_time, mode, original_requirements, status) VALUES (?, ?, ?, ?, ?, ?)");
  s.run("bazinga_20250112_143022", "2025-01-12 14:30:22", "2025-01-12 15:10:00", "parallel", "Add authentication feature", "completed");
  s.run("bazinga_20250113_090000", "2025-01-13 09:00:00", null, "simple", "Fix flaky payment tests", "active");
  const log = db.prepare(
    "INSERT INTO orchestration_logs (session_id, timestamp, iteration, agent_type, agent_id, content, log_type, event_subtype, event_payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  log.run("bazinga_20250112_143022", "2025-01-12 14:30:30", 1, "pm", "pm_1", "Planning two task groups", "interaction", null, null);
  log.run("bazinga_20250112_143022", "2025-01-12 14:35:00", 1, "developer", "developer_1", "Implemented login", "interaction", null, null);
  log.run("bazinga_20250112_143022", "2025-01-12 14:50:00", 2, "techlead", "techlead_1", "Changes requested", "event", "tl_verdicts", '{"verdict":"CHANGES_REQUESTED","issues":2}');
  log.run("bazinga_20250112_143022", "2025-01-12 15:00:00", 3, "project_manager", "pm_1", "BAZINGA", "event", "pm_bazinga", "{not json");
  log.run("bazinga_20250113_090000", "not-a-time", 1, "investigator", "investigator_1", "Looking into flaky tests", "interaction", null, null);
  log.run("bazinga_missing_session", "2025-01-13 09:05:00", 1, "developer", "developer_2", "Orphan log line", "interaction", null, null);
  const state = db.prepare("INSERT INTO state_snapshots (session_id, timestamp, state_type, state_data) VALUES (?, ?, ?, ?)");
  state.run("bazinga_20250112_143022", "2025-01-12 14:31:00", "pm", '{"mode":"parallel","iteration":1,"task_groups":["A","B"]}');
  state.run("bazinga_20250112_143022", "2025-01-12 14:40:00", "orchestrator", "{broken");
  const task = db.prepare("INSERT INTO task_groups (id, session_id, name, status, assigned_to, revision_count, last_review_status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  task.run("group_a", "bazinga_20250112_143022", "Authentication", "completed", "developer_1", 2, "APPROVED", "2025-01-12 15:00:00");
  task.run("group_b", "bazinga_20250112_143022", "Session storage", "in_progress", "developer_2", 0, null, "2025-01-12 14:45:00");
  task.run("group_a", "bazinga_20250113_090000", "Flaky test triage", "pending", null, 0, null, "2025-01-13 09:01:00");
  const tokens = db.prepare("INSERT INTO token_usage (session_id, timestamp, agent_type, agent_id, tokens_estimated) VALUES (?, ?, ?, ?, ?)");
  tokens.run("bazinga_20250112_143022", "2025-01-12 14:35:00", "developer", "developer_1", 15000);
  tokens.run("bazinga_20250112_143022", "2025-01-12 14:50:00", "techlead", "techlead_1", 8000);
  tokens.run("bazinga_20250113_090000", "2025-01-13 09:02:00", "pm", "pm_1", 5000);
  db.prepare("INSERT INTO skill_outputs (session_id, timestamp, skill_name, output_data) VALUES (?, ?, ?, ?)").run(
    "bazinga_20250112_143022", "2025-01-12 14:55:00", "security_scan", '{"vulnerabilities":[],"severity":"low"}',
  );
  db.prepare("INSERT INTO decisions (session_id, timestamp, iteration, decision_type, decision_data) VALUES (?, ?, ?, ?, ?)").run(
    "bazinga_20250112_143022", "2025-01-12 14:32:00", 1, "spawn_agent", '{"agent":"developer","count":2}',
  );
  db.prepare("INSERT INTO configuration (key, value) VALUES (?, ?)").run("testing_mode", '{"framework":"full","coverage_threshold":80}');
  db.prepare("INSERT INTO development_plans (session_id, title, plan, created_at) VALUES (?, ?, ?, ?)").run(
    "bazinga_20250112_143022", "Auth plan", '{"steps":["login","logout"]}', "2025-01-12 14:31:30",
  );
  return db;
}
