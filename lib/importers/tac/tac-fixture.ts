// An orchestrator.db built from seed 001 (TAC Bootstrap schema 0.9.5: its columns, CHECK
// enums, foreign keys, trigger and indexes), in WAL mode, with the awkward rows real
// databases have. The CHECKs are the seed's; rows another version wrote (unknown enum
// values) are inserted with ignore_check_constraints, and dangling references with foreign
// keys off, as SQLite has them unless a connection turns them on (the seed's troubleshooting
// section: "Missing foreign key constraints").
import Database from "better-sqlite3";

export const TAC_DDL = `
CREATE TABLE orchestrator_agents (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  agent_type TEXT NOT NULL CHECK (agent_type IN ('planner', 'builder', 'reviewer', 'tester', 'orchestrator', 'utility')),
  description TEXT,
  capabilities TEXT DEFAULT '[]',
  default_model TEXT,
  created_at TEXT NOT NULL DEFAULT (datetime('now')),
  updated_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TRIGGER orchestrator_agents_updated_at AFTER UPDATE ON orchestrator_agents
BEGIN UPDATE orchestrator_agents SET updated_at = datetime('now') WHERE id = NEW.id; END;
CREATE TABLE agents (
  id TEXT PRIMARY KEY,
  orchestrator_agent_id TEXT NOT NULL REFERENCES orchestrator_agents(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  parent_agent_id TEXT REFERENCES agents(id) ON DELETE SET NULL,
  status TEXT NOT NULL DEFAULT 'initializing'
    CHECK (status IN ('initializing', 'planning', 'executing', 'reviewing', 'completed', 'failed', 'cancelled')),
  context TEXT DEFAULT '{}',
  config TEXT DEFAULT '{}',
  started_at TEXT,
  completed_at TEXT,
  cost_usd REAL DEFAULT 0.0,
  error_message TEXT,
  created_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE prompts (
  id TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  prompt_type TEXT NOT NULL CHECK (prompt_type IN ('adw', 'command', 'followup', 'correction', 'tool_call')),
  prompt_name TEXT,
  prompt_text TEXT NOT NULL,
  response_text TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'streaming', 'completed', 'failed', 'cancelled')),
  model_used TEXT,
  tokens_input INTEGER,
  tokens_output INTEGER,
  cost_usd REAL,
  latency_ms INTEGER,
  created_at TEXT NOT NULL DEFAULT (datetime('now')),
  completed_at TEXT,
  error_message TEXT
);
CREATE TABLE agent_logs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  log_level TEXT NOT NULL DEFAULT 'INFO' CHECK (log_level IN ('DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL')),
  log_type TEXT NOT NULL CHECK (log_type IN ('state_change', 'milestone', 'error', 'performance', 'tool_call', 'cost_update')),
  message TEXT NOT NULL,
  details TEXT DEFAULT '{}',
  created_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE system_logs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  log_level TEXT NOT NULL DEFAULT 'INFO' CHECK (log_level IN ('DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL')),
  component TEXT,
  message TEXT NOT NULL,
  details TEXT DEFAULT '{}',
  created_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX idx_agents_session ON agents(session_id);
CREATE INDEX idx_agents_orch ON agents(orchestrator_agent_id);
CREATE INDEX idx_prompts_agent ON prompts(agent_id);
CREATE INDEX idx_prompts_status ON prompts(status);
CREATE INDEX idx_agent_logs_agent ON agent_logs(agent_id);
CREATE INDEX idx_system_logs_level ON system_logs(log_level);
`;

/** A newer deployment's additions: an extra column per table and a schema_version table. */
const TAC_EXTRAS = `
ALTER TABLE agents ADD COLUMN worktree_path TEXT;
ALTER TABLE prompts ADD COLUMN retry_count INTEGER;
CREATE TABLE schema_version (version TEXT PRIMARY KEY, applied_at TEXT DEFAULT (datetime('now')));
INSERT INTO schema_version (version) VALUES ('0.9.5');
`;

export const TAC_SESSION_DONE = "adw-a1b2c3";
export const TAC_SESSION_LIVE = "adw-d4e5f6";

export function createTacFixture(file: string): Database.Database {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = OFF");
  db.exec(TAC_DDL);
  db.exec(TAC_EXTRAS);
  const def = db.prepare("INSERT INTO orchestrator_agents (id, name, agent_type, description, capabilities, default_model, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  def.run("def-orch", "adw_orchestrator", "orchestrator", "Runs an ADW end to end", "[]", "claude-opus-4-20250514", "2025-02-28 12:00:00", "2025-02-28 12:00:00");
  def.run("def-planner", "sdlc_planner", "planner", null, '["plan","spec"]', "claude-sonnet-4-20250514", "2025-02-28 12:00:00", "2025-02-28 12:00:00");
  def.run("def-builder", "sdlc_implementor", "builder", null, '["code"]', "claude-sonnet-4-20250514", "2025-02-28 12:00:00", "2025-02-28 12:00:00");
  def.run("def-reviewer", "code_reviewer", "reviewer", null, "{broken", "gpt-4o", "2025-02-28 12:00:00", "2025-02-28 12:00:00");

  const agent = db.prepare(
    `INSERT INTO agents (id, orchestrator_agent_id, session_id, parent_agent_id, status, context, config, started_at, completed_at, cost_usd, error_message, created_at, worktree_path)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // a finished workflow: SQLite CURRENT_TIMESTAMP text, ISO with and without a zone
  agent.run("ag-root", "def-orch", TAC_SESSION_DONE, null, "completed", '{"issue":42}', "{}", "2025-03-01 10:00:00", "2025-03-01T10:30:00Z", 0.42, null, "2025-03-01 10:00:00", "trees/a1b2c3");
  agent.run("ag-plan", "def-planner", TAC_SESSION_DONE, "ag-root", "completed", "{}", '{"model":"claude-sonnet-4-5-20250929"}', "2025-03-01T10:01:00", "2025-03-01T12:05:00+02:00", 0.12, null, "2025-03-01 10:01:00", null);
  agent.run("ag-build", "def-builder", TAC_SESSION_DONE, "ag-root", "failed", "{}", "{}", "2025-03-01 10:06:00", "2025-03-01 10:20:00", 0.25, "tests failed", "2025-03-01 10:06:00", null);
  agent.run("ag-review", "def-reviewer", TAC_SESSION_DONE, "ag-build", "cancelled", "{}", "{}", "2025-03-01 10:21:00", "2025-03-01 10:22:00", 0, null, "2025-03-01 10:21:00", null);
  // a live workflow, with rows another version wrote
  agent.run("ag-live", "def-planner", TAC_SESSION_LIVE, null, "executing", "{}", "{}", "2025-03-02 09:00:00", null, 0.01, null, "2025-03-02 09:00:00", null);
  agent.run("ag-orphan", "def-deleted", TAC_SESSION_LIVE, null, "completed", "{not json", "{}", "2025-03-02 09:10:00", "2025-03-02 09:12:00", 0.03, null, "2025-03-02 09:10:00", null);
  db.pragma("ignore_check_constraints = ON");
  def.run("def-research", "web_researcher", "researcher", null, null, null, "2025-02-28 12:00:00", "2025-02-28 12:00:00");
  agent.run("ag-odd", "def-research", TAC_SESSION_LIVE, "ag-ghost", "hibernating", "{}", "{}", "not a time", null, -1, null, "2025-03-02 09:15:00", null);
  db.pragma("ignore_check_constraints = OFF");

  const prompt = db.prepare(
    `INSERT INTO prompts (id, agent_id, prompt_type, prompt_name, prompt_text, response_text, status, model_used, tokens_input, tokens_output, cost_usd, latency_ms, created_at, completed_at, error_message, retry_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  prompt.run("pr-1", "ag-plan", "adw", "plan", "Plan issue #42", "1. Add login", "completed", "claude-sonnet-4-20250514", 1200, 800, 0.0156, 4200, "2025-03-01 10:01:10", "2025-03-01 10:01:14", null, 0);
  // no reported cost: computed from the price list (5000 × $3 + 3000 × $15 per 1M = $0.06)
  prompt.run("pr-2", "ag-build", "command", "implement", "Implement login", "diff --git …", "completed", "claude-sonnet-4-20250514", 5000, 3000, null, 61000, "2025-03-01 10:07:00", "2025-03-01 10:08:01", null, 1);
  prompt.run("pr-3", "ag-build", "correction", "fix_tests", "Fix the failing tests", null, "failed", "claude-sonnet-4-20250514", 0, 0, 0, 900, "2025-03-01 10:15:00", "2025-03-01 10:15:01", "rate limited", 3);
  // still streaming, input only so far (100 × $2.50 per 1M = $0.00025)
  prompt.run("pr-4", "ag-review", "tool_call", "read_file", "Read src/login.ts", null, "streaming", "gpt-4o", 100, null, null, null, "2025-03-01T10:21:30.500Z", null, null, null);
  prompt.run("pr-5", "ag-live", "followup", "refine", "Refine the plan", null, "pending", "claude-opus-4-20250514", null, null, null, null, "2025-03-02 09:01:00", null, null, null);
  prompt.run("pr-7", "ag-orphan", "adw", "document", "Write docs", "# Docs", "completed", "claude-sonnet-4-20250514", "2k", 1000, 0.021, 3000, "garbage", null, null, null);
  db.pragma("ignore_check_constraints = ON");
  // its agent is gone; another spelling of completed; a prompt type this version lacks
  prompt.run("pr-6", "ag-ghost", "brainstorm", "ideas", "Brainstorm", "Ideas…", "done", "gpt-4o-mini", 1000, 500, 0.0012, 1500, "2025-03-02 09:20:00", "2025-03-02 09:20:01", null, null);
  db.pragma("ignore_check_constraints = OFF");

  const log = db.prepare("INSERT INTO agent_logs (agent_id, log_level, log_type, message, details, created_at) VALUES (?, ?, ?, ?, ?, ?)");
  log.run("ag-root", "INFO", "state_change", "Workflow started", '{"from":"initializing","to":"planning"}', "2025-03-01 10:00:01");
  log.run("ag-build", "ERROR", "error", "Tests failed", '{"failed":3}', "2025-03-01 10:19:59");
  log.run("ag-build", "WARNING", "cost_update", "Cost is now $0.25", "{broken", "2025-03-01 10:20:00");
  log.run("ag-ghost", "INFO", "milestone", "Orphan milestone", "{}", "2025-03-02 09:30:00");
  db.pragma("ignore_check_constraints = ON");
  log.run("ag-live", "VERBOSE", "heartbeat", "still working", null, "2025-03-02T09:05:00.123Z");
  db.pragma("ignore_check_constraints = OFF");

  const sys = db.prepare("INSERT INTO system_logs (log_level, component, message, details, created_at) VALUES (?, ?, ?, ?, ?)");
  sys.run("INFO", "orchestrator", "Orchestrator started", '{"version":"0.9.5"}', "2025-03-01 09:59:00");
  sys.run("ERROR", "websocket", "Client disconnected", null, "2025-03-01 10:10:00");
  sys.run("CRITICAL", "database", "Disk almost full", '{"free_mb":12}', "bad time");
  sys.run("WARNING", "scheduler", "Queue backlog", "{}", "2025-03-02 09:00:30");
  return db;
}

/** An older orchestrator.db: fewer columns, no log tables. */
export function createOldTacFixture(file: string): void {
  const db = new Database(file);
  db.exec(`
    CREATE TABLE orchestrator_agents (id TEXT PRIMARY KEY, name TEXT NOT NULL, agent_type TEXT NOT NULL);
    CREATE TABLE agents (id TEXT PRIMARY KEY, orchestrator_agent_id TEXT NOT NULL, session_id TEXT NOT NULL, status TEXT NOT NULL, started_at TEXT);
    CREATE TABLE prompts (id TEXT PRIMARY KEY, agent_id TEXT NOT NULL, prompt_type TEXT NOT NULL, prompt_text TEXT NOT NULL, status TEXT NOT NULL,
      model_used TEXT, tokens_input INTEGER, tokens_output INTEGER, created_at TEXT);
    INSERT INTO orchestrator_agents VALUES ('old-def', 'planner_v0', 'planner');
    INSERT INTO agents VALUES ('old-1', 'old-def', 'adw-old', 'completed', '2024-12-01 08:00:00');
    INSERT INTO prompts VALUES ('old-p1', 'old-1', 'adw', 'Plan', 'completed', 'gpt-4o', 1000, 100, '2024-12-01 08:00:05');
  `);
  db.close();
}
