// A project folder as agents-orchestrator leaves it, built from seed 003's DDL (central and
// per-agent databases) and the real file-based state in shared/seed-data/agents-orchestrator
// (status, outputs and session files of KlausUllrich/claude-orchestrator, copied verbatim),
// with the awkward rows real deployments have: invalid JSON, unknown enum values, dangling
// references, unparseable timestamps, a negative measure, a status file caught mid-write, an
// extra column and extra tables.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export const CENTRAL_DDL = `
CREATE TABLE sessions (id TEXT PRIMARY KEY, project_path TEXT NOT NULL, start_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP, end_time TIMESTAMP,
  status TEXT DEFAULT 'active', main_agent_id TEXT, metadata JSON, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, git_branch TEXT);
CREATE TABLE agents (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, workspace_path TEXT NOT NULL, status TEXT DEFAULT 'inactive',
  pid INTEGER, mcp_port INTEGER, capabilities JSON, config JSON, last_heartbeat TIMESTAMP, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE messages (id TEXT PRIMARY KEY, session_id TEXT, from_agent TEXT, to_agent TEXT, message_type TEXT, content TEXT, context JSON,
  timestamp TIMESTAMP DEFAULT CURRENT_TIMESTAMP, processed BOOLEAN DEFAULT FALSE, response_to TEXT,
  FOREIGN KEY (session_id) REFERENCES sessions(id), FOREIGN KEY (from_agent) REFERENCES agents(id), FOREIGN KEY (to_agent) REFERENCES agents(id));
CREATE TABLE session_events (id TEXT PRIMARY KEY, session_id TEXT, event_type TEXT, agent_id TEXT, event_data JSON, timestamp TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (session_id) REFERENCES sessions(id), FOREIGN KEY (agent_id) REFERENCES agents(id));
CREATE TABLE agent_metrics (id TEXT PRIMARY KEY, agent_id TEXT, session_id TEXT, metric_name TEXT, metric_value REAL, timestamp TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (agent_id) REFERENCES agents(id), FOREIGN KEY (session_id) REFERENCES sessions(id));
CREATE INDEX idx_messages_session ON messages(session_id, timestamp);
CREATE INDEX idx_events_session ON session_events(session_id, timestamp);
`;

export const HANDOVER_DDL = `
CREATE TABLE handover_documents (id TEXT PRIMARY KEY, session_id TEXT, template_name TEXT, version INTEGER DEFAULT 1, content TEXT, placeholders_remaining JSON,
  validation_status TEXT DEFAULT 'pending', validation_errors JSON, file_path TEXT, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE session_analysis (id TEXT PRIMARY KEY, session_id TEXT, analysis_type TEXT, analysis_data JSON, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE validation_results (id TEXT PRIMARY KEY, handover_id TEXT, rule_name TEXT, rule_type TEXT, status TEXT, message TEXT, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (handover_id) REFERENCES handover_documents(id));
CREATE TABLE user_templates (id TEXT PRIMARY KEY, template_name TEXT UNIQUE, template_content TEXT, file_path TEXT, file_hash TEXT, last_modified TIMESTAMP,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE user_rules (id TEXT PRIMARY KEY, rule_name TEXT, rule_type TEXT, rule_content TEXT, file_path TEXT, file_hash TEXT, last_modified TIMESTAMP,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE session_recommendations (id TEXT PRIMARY KEY, session_id TEXT, recommendation_type TEXT, recommendation_data JSON, confidence_score REAL,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
`;

export const SESSION_1 = "session_1755000000000_abc123def";
export const SESSION_2 = "session_1755010000000_xyz789ghi";
export const SESSION_3 = "session_1755020000000_old000000";
export const HANDOVER_AGENT = "agent_session-handover_1755000000100";
export const REVIEWER_AGENT = "agent_code-reviewer_1755000000200";
export const CHECKER_AGENT = "agent_doc-checker_1755000000300";

function createCentral(file: string, project: string): void {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  // node's sqlite3 (which the orchestrator uses) leaves foreign keys off: dangling rows happen
  db.pragma("foreign_keys = OFF");
  db.exec(CENTRAL_DDL);
  const s = db.prepare("INSERT INTO sessions (id, project_path, start_time, end_time, status, main_agent_id, metadata, created_at, git_branch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.run(SESSION_1, project, "2025-08-12 14:00:00", "2025-08-12 16:30:00", "ended", "claude-main-01", '{"purpose":"feature work","summary":"2 agent tasks"}', "2025-08-12 14:00:00", null);
  s.run(SESSION_2, project, "2025-08-12T16:40:00+02:00", null, "active", "claude-main-02", "{broken", "2025-08-12 14:40:00", null);
  s.run(SESSION_3, project, "sometime", null, "paused_forever", null, null, "2025-08-11 09:00:00", "main");

  const a = db.prepare("INSERT INTO agents (id, name, type, workspace_path, status, pid, mcp_port, capabilities, config, last_heartbeat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  a.run(HANDOVER_AGENT, "session-handover", "handover", `${project}/.agents/session-handover`, "active", 43121, 3101, '["analyze_session","generate_handover","validate_handover"]', '{"model":"claude-3-5-haiku"}', "2025-08-12 16:29:00");
  a.run(REVIEWER_AGENT, "code-reviewer", "reviewer", `${project}/.agents/code-reviewer`, "busy", 43122, 3201, '["review_diff"]', '{"model":"claude-sonnet-4"}', "2025-08-12T16:28:30Z");
  a.run(CHECKER_AGENT, "doc-checker", "doc-checker", `${project}/.agents/doc-checker`, "zombie", -1, null, "{oops", null, null);

  const m = db.prepare("INSERT INTO messages (id, session_id, from_agent, to_agent, message_type, content, context, timestamp, processed, response_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  m.run("msg_1755000600000_a1", SESSION_1, "claude-main-01", REVIEWER_AGENT, "request", "Review src/orchestrator.py", '{"files":["src/orchestrator.py"]}', "2025-08-12 14:10:00", 1, null);
  m.run("msg_1755000720000_a2", SESSION_1, REVIEWER_AGENT, "claude-main-01", "response", "2 findings", '{"findings":2}', "2025-08-12 14:12:00", 0, "msg_1755000600000_a1");
  // a session and an agent that do not exist, a type the DDL does not list, invalid JSON
  m.run("msg_1755001200000_a3", "session_missing", "agent_ghost", "claude-main-01", "ping", "hello?", "not json", "2025-08-12 14:20:00", 0, null);
  m.run("msg_1755010100000_b1", SESSION_2, "claude-main-02", HANDOVER_AGENT, "request", "Create the handover", null, "garbage", 0, null);

  const e = db.prepare("INSERT INTO session_events (id, session_id, event_type, agent_id, event_data, timestamp) VALUES (?, ?, ?, ?, ?, ?)");
  e.run("event_1755000060000_e1", SESSION_1, "agent_spawned", REVIEWER_AGENT, '{"pid":43122,"mcp_port":3201}', "2025-08-12 14:01:00");
  e.run("event_1755000300000_e2", SESSION_1, "file_modified", null, '{"file":"src/orchestrator.py","lines_changed":40}', "2025-08-12 14:05:00");
  e.run("event_1755000660000_e3", SESSION_1, "check_failed", REVIEWER_AGENT, '{"timeout_ms":30000}', "2025-08-12 14:11:00");
  e.run("event_1755008400000_e4", SESSION_1, "handover_created", HANDOVER_AGENT, "{bad", "2025-08-12 16:20:00");
  e.run("event_1755001140000_e5", "session_missing", "agent_spawned", "agent_ghost", null, "2025-08-12 14:19:00");

  const mt = db.prepare("INSERT INTO agent_metrics (id, agent_id, session_id, metric_name, metric_value, timestamp) VALUES (?, ?, ?, ?, ?, ?)");
  mt.run("metric_1", REVIEWER_AGENT, SESSION_1, "response_time", 2400.5, "2025-08-12 16:25:00");
  mt.run("metric_2", REVIEWER_AGENT, SESSION_1, "tasks_completed", 3, "2025-08-12 16:25:00");
  mt.run("metric_3", HANDOVER_AGENT, SESSION_1, "success_rate", 1, "2025-08-12 16:25:00");
  mt.run("metric_4", HANDOVER_AGENT, SESSION_1, "success_rate", -0.5, "2025-08-12 16:26:00");
  db.close();
}

function createHandoverDb(file: string): void {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = OFF");
  db.exec(HANDOVER_DDL);
  const h = db.prepare(
    "INSERT INTO handover_documents (id, session_id, template_name, version, content, placeholders_remaining, validation_status, validation_errors, file_path, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  h.run("ho_1", SESSION_1, "default-handover.md", 1, "# Session handover\n\n## Next steps\n{{NEXT_STEPS}}\n", '["{{NEXT_STEPS}}"]', "failed", '["Section Next steps is empty"]', ".agents/session-handover/output/handover_2025-08-12_v1.md", "2025-08-12 16:10:00");
  h.run("ho_2", SESSION_1, "default-handover.md", 2, "# Session handover\n\n## Next steps\n1. Finish the open TODOs\n", "[]", "passed", "[]", ".agents/session-handover/output/handover_2025-08-12_v2.md", "2025-08-12 16:20:00");
  h.run("ho_3", "session_missing", null, "two", null, null, "needs_review", null, null, "2025-08-12 17:00:00");
  const an = db.prepare("INSERT INTO session_analysis (id, session_id, analysis_type, analysis_data, created_at) VALUES (?, ?, ?, ?, ?)");
  an.run("an_1", SESSION_1, "git_analysis", '{"commits":12,"files_changed":["src/orchestrator.py"]}', "2025-08-12 16:05:00");
  an.run("an_2", SESSION_1, "todo_analysis", "{open_todos: 3", "2025-08-12 16:06:00");
  const v = db.prepare("INSERT INTO validation_results (id, handover_id, rule_name, rule_type, status, message, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  v.run("vr_1", "ho_1", "has_next_steps", "mandatory_section", "failed", "Section Next steps is empty", "2025-08-12 16:11:00");
  v.run("vr_2", "ho_1", "no_placeholders", "validation_rule", "failed", "1 placeholder remaining", "2025-08-12 16:11:00");
  v.run("vr_3", "ho_2", "has_next_steps", "mandatory_section", "passed", null, "2025-08-12 16:21:00");
  v.run("vr_4", "ho_2", "files_exist", "quality_check", "warning", "README.md not found", "2025-08-12 16:21:00");
  v.run("vr_5", "ho_missing", "tone", "quality_check", "skipped", null, "2025-08-12 16:22:00");
  db.prepare("INSERT INTO user_templates (id, template_name, template_content) VALUES (?, ?, ?)").run("tpl_1", "default-handover.md", "# {{TITLE}}");
  db.prepare("INSERT INTO session_recommendations (id, session_id, recommendation_type, recommendation_data, confidence_score, created_at) VALUES (?, ?, ?, ?, ?, ?)").run(
    "rec_1", SESSION_1, "files_to_read", '["src/orchestrator.py"]', 0.85, "2025-08-12 16:20:00",
  );
  db.close();
}

/** A reviewer database of its own design: a table with session_id is kept, a cache is not. */
function createReviewerDb(file: string): void {
  const db = new Database(file);
  db.exec(`CREATE TABLE reviews (id TEXT PRIMARY KEY, session_id TEXT, file TEXT, findings JSON, severity TEXT, created_at TIMESTAMP);
    CREATE TABLE review_cache (key TEXT PRIMARY KEY, value TEXT);`);
  db.prepare("INSERT INTO reviews VALUES (?, ?, ?, ?, ?, ?)").run("rv_1", SESSION_1, "src/orchestrator.py", '["unused import"]', "low", "2025-08-12 14:12:00");
  db.prepare("INSERT INTO review_cache VALUES (?, ?)").run("src/orchestrator.py", "abc");
  db.close();
}

// shared/seed-data/agents-orchestrator/orchestrate/orchestrator_system (commit 46c979e2)
export const STATUS_FILES: Record<string, string> = {
  "agent1.json":
    '{\n  "agent": "agent1",\n  "task": "What is 2+2?",\n  "status": "completed",\n  "started": "2025-08-12T16:12:58.490954",\n  "output_file": ".orchestrate/orchestrator_system/outputs/agent1_latest.txt",\n  "completed": "2025-08-12T16:13:01.312557"\n}',
  "agent2.json":
    '{\n  "agent": "agent2",\n  "task": "Please generate a list of 20 different colors. After listing all 20 colors, tell me which one is your favorite color and explain why you chose it.",\n  "status": "completed",\n  "started": "2025-08-12T16:22:22.098349",\n  "output_file": ".orchestrate/orchestrator_system/outputs/agent2_latest.txt",\n  "completed": "2025-08-12T16:22:29.301676"\n}',
  // caught while the orchestrator rewrites it
  "agent3.json": '{\n  "agent": "agent3",\n  "task": "Draw a cat",\n  "status": "runn',
};

export const OUTPUT_FILES: Record<string, string> = {
  "agent1_latest.txt": '```\n    /\\_/\\  \n   ( o.o ) \n   ( =^= ) \n   (")_(") \n  /       \\\n / /|   |\\ \\\n(_) |   | (_)\n    |___|\n    || ||\n   _||_||_\n```\n\nA cat sitting upright with little paws!\n',
  "agent2_latest.txt": "```\n     /\\_/\\  \n    ( o.o ) \n     > ^ <  \n    /|   |\\\n   (_|   |_)\n```\n\nA cat! Simple and classic.\n",
  "agent3_latest.txt": "```\n    /\\_/\\  \n   ( o.o ) \n    > ^ <  \n   /|   |\\ \n  (_|   |_)\n    |   |  \n    |___|  \n   /     \\ \n  (_)   (_)\n```\n",
};

export const SESSION_FILES: Record<string, string> = {
  "agent1_session.txt": "400d788c-bfa8-4ca2-984d-9fb83bb5a3bf",
  "agent2_session.txt": "660696d1-0e91-4156-9afb-92a9d982fea8",
};

function writeAll(dir: string, files: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
}

/** Creates `<parent>/claude-orchestrator` and returns its path. */
export function createAgentsOrchestratorProject(parent: string): string {
  const root = path.join(parent, "claude-orchestrator");
  mkdirSync(path.join(root, ".agents-orchestrator"), { recursive: true });
  createCentral(path.join(root, ".agents-orchestrator", "session.db"), root);
  mkdirSync(path.join(root, ".agents", "session-handover", "data"), { recursive: true });
  createHandoverDb(path.join(root, ".agents", "session-handover", "data", "handover.db"));
  mkdirSync(path.join(root, ".agents", "code-reviewer", "data"), { recursive: true });
  createReviewerDb(path.join(root, ".agents", "code-reviewer", "data", "reviews.db"));
  // an agent folder without databases is fine
  mkdirSync(path.join(root, ".agents", "doc-checker", "templates"), { recursive: true });
  const system = path.join(root, ".orchestrate", "orchestrator_system");
  writeAll(path.join(system, "status"), STATUS_FILES);
  writeAll(path.join(system, "outputs"), OUTPUT_FILES);
  writeAll(path.join(system, "sessions"), SESSION_FILES);
  return root;
}
