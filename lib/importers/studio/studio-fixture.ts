// Studio sources built from seed 002: its SQLite development database (only `sessions`, the
// runs inside state_json.execution_log) and a throwaway PostgreSQL database with the seed's
// full DDL (tables, indexes, views, triggers, default profiles), each with the awkward rows
// real deployments have.
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";

/** The development database: the sessions table, SQLite types. */
export const STUDIO_SQLITE_DDL = `
CREATE TABLE sessions (
  session_id VARCHAR(64) PRIMARY KEY,
  user_mission TEXT NOT NULL,
  project_name VARCHAR(255),
  status VARCHAR(50) NOT NULL DEFAULT 'pending',
  current_phase VARCHAR(50) NOT NULL DEFAULT 'pm',
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  iteration_count INTEGER DEFAULT 0,
  qa_passed BOOLEAN DEFAULT 0,
  work_dir TEXT,
  state_json TEXT,
  metadata TEXT DEFAULT '{}',
  owner TEXT
);
`;

const executionLog = (entries: unknown[]) => JSON.stringify({ mission: "…", execution_log: entries });

export function createStudioSqliteFixture(file: string): Database.Database {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.exec(STUDIO_SQLITE_DDL);
  const s = db.prepare(
    `INSERT INTO sessions (session_id, user_mission, project_name, status, current_phase, created_at, updated_at, iteration_count, qa_passed, work_dir, state_json, metadata, owner)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  s.run("sess-todo", "Build a todo app", "todo", "completed", "complete", "2025-02-01 08:00:00", "2025-02-01 09:00:00", 2, 1, "/work/todo",
    executionLog([
      { agent: "pm", timestamp: "2025-02-01T08:05:00", status: "completed", duration_seconds: 300, tokens_input: 1000, tokens_output: 500, error: null },
      { agent: "arch", timestamp: "2025-02-01T08:15:00Z", status: "completed", duration_seconds: 600, tokens_input: 2000, tokens_output: 1500 },
      { agent: "eng", timestamp: "2025-02-01 08:40:00", status: "failed", duration_seconds: 1200, tokens_input: 5000, tokens_output: 4000, error: "build broke" },
      // a newer studio records the model: its cost is computed (3000 × $3 + 2000 × $15 per 1M = $0.039)
      { agent: "eng", timestamp: "2025-02-01T09:50:00+01:00", status: "completed", duration_seconds: 500.5, tokens_input: 3000, tokens_output: 2000, model: "claude-sonnet-4-20250514" },
      { agent: "qa", timestamp: "2025-02-01T08:59:00", status: "passed", duration_seconds: 60, tokens_input: 800, tokens_output: 200, retries: 1 },
    ]),
    '{"priority":"high"}', "alice");
  s.run("sess-oauth", "Add OAuth login", null, "awaiting_approval", "human_gate", "2025-02-02T10:00:00Z", "2025-02-02T10:30:00Z", 0, 0, null,
    executionLog([
      { agent: "pm", timestamp: "2025-02-02T10:05:00Z", status: "completed", duration_seconds: 240, tokens_input: 400, tokens_output: 100 },
      { agent: "Architect", timestamp: "2025-02-02T10:20:00Z", status: "completed", duration_seconds: 600, tokens_input: 700, tokens_output: 300 },
      "eng started",
      { agent: "eng", timestamp: "soon", status: "running", tokens_input: -5 },
    ]),
    "{}", null);
  s.run("sess-broken", "Refactor billing", null, "zombie", "design", "not-a-date", "2025-02-03 12:00:00", 0, 0, null, "{broken", "{also broken", null);
  s.run("sess-min", "Minimal", null, "expired", "qa", "2025-02-04 07:00:00", "2025-02-05 07:00:00", 1, 0, null, null, null, null);
  return db;
}

/** Seed 002's PostgreSQL DDL, as documented. */
export const STUDIO_POSTGRES_DDL = `
CREATE TABLE sessions (
    session_id VARCHAR(64) PRIMARY KEY,
    user_mission TEXT NOT NULL,
    project_name VARCHAR(255),
    status VARCHAR(50) NOT NULL DEFAULT 'pending',
    current_phase VARCHAR(50) NOT NULL DEFAULT 'pm',
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    iteration_count INTEGER DEFAULT 0,
    qa_passed BOOLEAN DEFAULT FALSE,
    work_dir TEXT,
    state_json JSONB,
    metadata JSONB DEFAULT '{}'::jsonb
);
CREATE INDEX idx_sessions_status ON sessions(status);
CREATE INDEX idx_sessions_updated ON sessions(updated_at DESC);
CREATE INDEX idx_sessions_created ON sessions(created_at DESC);
CREATE INDEX idx_sessions_phase ON sessions(current_phase);
CREATE INDEX idx_sessions_project ON sessions(project_name);

CREATE TABLE checkpoints (
    id SERIAL PRIMARY KEY,
    thread_id VARCHAR(64) NOT NULL,
    checkpoint_id VARCHAR(64) NOT NULL,
    parent_checkpoint_id VARCHAR(64),
    checkpoint_data JSONB NOT NULL,
    metadata JSONB DEFAULT '{}'::jsonb,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    UNIQUE(thread_id, checkpoint_id)
);
CREATE INDEX idx_checkpoints_thread ON checkpoints(thread_id);
CREATE INDEX idx_checkpoints_parent ON checkpoints(parent_checkpoint_id);
CREATE INDEX idx_checkpoints_created ON checkpoints(created_at DESC);

CREATE TABLE artifacts (
    id SERIAL PRIMARY KEY,
    session_id VARCHAR(64) NOT NULL REFERENCES sessions(session_id) ON DELETE CASCADE,
    artifact_type VARCHAR(50) NOT NULL,
    file_path TEXT NOT NULL,
    content_hash VARCHAR(64),
    version INTEGER DEFAULT 1,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    metadata JSONB DEFAULT '{}'::jsonb
);
CREATE INDEX idx_artifacts_session ON artifacts(session_id);
CREATE INDEX idx_artifacts_type ON artifacts(artifact_type);

CREATE TABLE agent_executions (
    id SERIAL PRIMARY KEY,
    session_id VARCHAR(64) NOT NULL REFERENCES sessions(session_id) ON DELETE CASCADE,
    agent_type VARCHAR(50) NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    completed_at TIMESTAMP WITH TIME ZONE,
    status VARCHAR(50) DEFAULT 'running',
    input_summary TEXT,
    output_summary TEXT,
    error_message TEXT,
    tokens_used INTEGER DEFAULT 0,
    duration_seconds NUMERIC(10, 2),
    metadata JSONB DEFAULT '{}'::jsonb
);
CREATE INDEX idx_executions_session ON agent_executions(session_id);
CREATE INDEX idx_executions_agent ON agent_executions(agent_type);
CREATE INDEX idx_executions_status ON agent_executions(status);
CREATE INDEX idx_executions_started ON agent_executions(started_at DESC);

CREATE TABLE agent_settings (
    id SERIAL PRIMARY KEY,
    profile_name VARCHAR(50) UNIQUE NOT NULL,
    provider VARCHAR(50) DEFAULT 'anthropic',
    model VARCHAR(100),
    auth_type VARCHAR(50) DEFAULT 'api_key',
    api_key_encrypted TEXT,
    daily_limit INTEGER DEFAULT 0,
    hard_limit BOOLEAN DEFAULT FALSE,
    usage_unit VARCHAR(20) DEFAULT 'runs',
    usage_today INTEGER DEFAULT 0,
    last_reset_date DATE DEFAULT CURRENT_DATE,
    env_overrides JSONB DEFAULT '{}'::jsonb,
    active_prompt_path TEXT,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO agent_settings (profile_name, provider, model) VALUES
    ('pm', 'anthropic', 'claude-sonnet-4-20250514'),
    ('arch', 'anthropic', 'claude-sonnet-4-20250514'),
    ('eng', 'anthropic', 'claude-sonnet-4-20250514'),
    ('qa', 'anthropic', 'claude-sonnet-4-20250514');

CREATE TABLE prompt_versions (
    id SERIAL PRIMARY KEY,
    profile_name VARCHAR(50) NOT NULL,
    version_number INTEGER NOT NULL,
    prompt_content TEXT NOT NULL,
    note TEXT,
    is_active BOOLEAN DEFAULT FALSE,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    UNIQUE(profile_name, version_number)
);
CREATE INDEX idx_prompts_profile ON prompt_versions(profile_name);
CREATE INDEX idx_prompts_active ON prompt_versions(profile_name) WHERE is_active = TRUE;

CREATE TABLE audit_log (
    id SERIAL PRIMARY KEY,
    event_type VARCHAR(100) NOT NULL,
    session_id VARCHAR(64),
    user_action VARCHAR(255),
    details JSONB DEFAULT '{}'::jsonb,
    ip_address INET,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_audit_event ON audit_log(event_type);
CREATE INDEX idx_audit_session ON audit_log(session_id);
CREATE INDEX idx_audit_created ON audit_log(created_at DESC);

CREATE TABLE metrics (
    id SERIAL PRIMARY KEY,
    metric_name VARCHAR(100) NOT NULL,
    metric_value NUMERIC NOT NULL,
    labels JSONB DEFAULT '{}'::jsonb,
    recorded_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_metrics_name ON metrics(metric_name);
CREATE INDEX idx_metrics_recorded ON metrics(recorded_at DESC);

CREATE VIEW active_sessions AS
SELECT session_id, user_mission, project_name, status, current_phase, created_at, updated_at, iteration_count, qa_passed
FROM sessions WHERE status IN ('pending', 'running', 'awaiting_approval') ORDER BY updated_at DESC;

CREATE VIEW session_metrics AS
SELECT status, COUNT(*) as count, AVG(iteration_count) as avg_iterations, COUNT(*) FILTER (WHERE qa_passed) as qa_passed_count
FROM sessions GROUP BY status;

CREATE VIEW agent_performance AS
SELECT agent_type, COUNT(*) as total_runs, COUNT(*) FILTER (WHERE status = 'completed') as successful_runs,
    AVG(duration_seconds) as avg_duration_seconds, SUM(tokens_used) as total_tokens
FROM agent_executions WHERE started_at > CURRENT_TIMESTAMP - INTERVAL '7 days' GROUP BY agent_type;

CREATE OR REPLACE FUNCTION update_updated_at_column()
RETURNS TRIGGER AS $$
BEGIN
    NEW.updated_at = CURRENT_TIMESTAMP;
    RETURN NEW;
END;
$$ language 'plpgsql';

CREATE TRIGGER update_sessions_updated_at BEFORE UPDATE ON sessions FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_agent_settings_updated_at BEFORE UPDATE ON agent_settings FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE FUNCTION reset_daily_usage()
RETURNS void AS $$
BEGIN
    UPDATE agent_settings SET usage_today = 0, last_reset_date = CURRENT_DATE WHERE last_reset_date < CURRENT_DATE;
END;
$$ LANGUAGE plpgsql;

CREATE TABLE schema_version (
    version INTEGER PRIMARY KEY,
    applied_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    description TEXT
);
INSERT INTO schema_version (version, description) VALUES (1, 'Initial schema');
`;

/** The awkward rows: unknown enum values, other spellings, dangling references, an extra column. */
const STUDIO_POSTGRES_ROWS = `
ALTER TABLE sessions ADD COLUMN priority INTEGER;

INSERT INTO sessions (session_id, user_mission, project_name, status, current_phase, created_at, updated_at, iteration_count, qa_passed, work_dir, state_json, metadata, priority) VALUES
  ('pg-done', 'Build a blog', 'blog', 'completed', 'complete', '2025-03-01 08:00:00+00', '2025-03-01 10:00:00+00', 2, TRUE, '/work/blog',
   '{"execution_log": [{"agent": "pm", "timestamp": "2025-03-01T08:05:00", "status": "completed", "tokens_input": 999}]}', '{"team": "core"}', 2),
  ('pg-gate', 'Add search', NULL, 'awaiting_approval', 'human_gate', '2025-03-02 09:00:00+01', '2025-03-02 09:30:00+01', 0, FALSE, NULL, NULL, '{}', NULL),
  ('pg-arch', 'Design the API', NULL, 'running', 'Architecture', '2025-03-03 12:00:00+00', '2025-03-03 12:10:00+00', 0, FALSE, NULL, NULL, '[1, 2]', NULL),
  ('pg-hold', 'Migrate the database', NULL, 'on_hold', 'eng', '2025-03-04 12:00:00+00', '2025-03-04 12:00:00+00', 1, FALSE, NULL, NULL, '{}', NULL);

INSERT INTO checkpoints (thread_id, checkpoint_id, parent_checkpoint_id, checkpoint_data, metadata, created_at) VALUES
  ('pg-done', 'cp-1', NULL, '{"phase": "pm"}', '{"step": 1}', '2025-03-01 08:05:00+00'),
  ('pg-done', 'cp-2', 'cp-1', '{"phase": "arch"}', '{"step": 2}', '2025-03-01 08:30:00+00'),
  ('pg-done', 'cp-3', 'cp-2', '{"phase": "eng"}', '{}', '2025-03-01 09:00:00+00'),
  ('pg-gate', 'cp-a', 'cp-missing', '{"phase": "human_gate"}', '{}', '2025-03-02 09:10:00+01'),
  ('thread-unknown', 'cp-x', NULL, '"just a string"', '{}', '2025-03-05 00:00:00+00');

INSERT INTO artifacts (session_id, artifact_type, file_path, content_hash, version, created_at, metadata) VALUES
  ('pg-done', 'prd', 'docs/PRD.md', 'abc123', 1, '2025-03-01 08:05:00+00', '{}'),
  ('pg-done', 'tech_spec', 'docs/TECH_SPEC.md', 'def456', 2, '2025-03-01 08:30:00+00', '{"reviewed": true}'),
  ('pg-gate', 'diagram', 'docs/arch.png', NULL, 1, '2025-03-02 09:05:00+01', '{}');

INSERT INTO agent_executions (session_id, agent_type, started_at, completed_at, status, input_summary, output_summary, error_message, tokens_used, duration_seconds, metadata) VALUES
  ('pg-done', 'pm', '2025-03-01 08:00:00+00', '2025-03-01 08:05:00+00', 'completed', 'Build a blog', 'PRD written', NULL, 1500, 300.00, '{}'),
  ('pg-done', 'arch', '2025-03-01 08:05:00+00', '2025-03-01 08:30:00+00', 'completed', 'PRD', 'Tech spec written', NULL, 3500, 1500.00, '{}'),
  ('pg-done', 'eng', '2025-03-01 08:30:00+00', '2025-03-01 09:00:00+00', 'failed', 'Tech spec', NULL, 'compile error', 9000, 1800.00, '{"attempt": 1}'),
  ('pg-done', 'qa', '2025-03-01 09:30:00+00', '2025-03-01 09:40:00+00', 'completed', 'Code', 'All green', NULL, 1000, 600.00, '{}'),
  ('pg-gate', 'pm', '2025-03-02 09:00:00+01', NULL, 'running', 'Add search', NULL, NULL, 0, NULL, '{}'),
  ('pg-arch', 'Architect', '2025-03-03 12:00:00+00', '2025-03-03 12:10:00+00', 'success', 'Design', 'Done', NULL, 2500, 600.50, '{}'),
  ('pg-hold', 'devops', '2025-03-04 12:00:00+00', NULL, 'stalled', NULL, NULL, NULL, 100, NULL, '{}');

UPDATE agent_settings SET api_key_encrypted = 'gAAAAABn-secret-ciphertext', daily_limit = 50, usage_unit = 'tokens', hard_limit = TRUE,
  usage_today = 1234, last_reset_date = '2025-03-01', env_overrides = '{"MAX_TOKENS": "8000"}', active_prompt_path = 'prompts/eng_v2.md'
  WHERE profile_name = 'eng';
UPDATE agent_settings SET last_reset_date = '2025-03-01';
INSERT INTO agent_settings (profile_name, provider, model, auth_type, daily_limit, usage_unit, last_reset_date) VALUES
  ('reviewer', 'openai', 'gpt-4o', 'oauth', 10, 'credits', '2025-03-01');

INSERT INTO prompt_versions (profile_name, version_number, prompt_content, note, is_active, created_at) VALUES
  ('pm', 1, 'You are a product manager.', 'first', FALSE, '2025-02-01 00:00:00+00'),
  ('pm', 2, 'You are a meticulous product manager.', 'stricter', TRUE, '2025-02-15 00:00:00+00'),
  ('eng', 1, 'You are an engineer.', NULL, TRUE, '2025-02-01 00:00:00+00'),
  ('ghost', 1, 'You are a ghost.', 'profile deleted', TRUE, '2025-02-01 00:00:00+00');

INSERT INTO audit_log (event_type, session_id, user_action, details, ip_address, created_at) VALUES
  ('session_created', 'pg-done', 'create', '{"by": "alice"}', '10.0.0.1', '2025-03-01 08:00:00+00'),
  ('session_approved', 'pg-gate', 'approve', '{}', NULL, '2025-03-02 09:20:00+01'),
  ('settings_changed', NULL, 'update eng', '{"field": "daily_limit"}', '::1', '2025-03-01 07:00:00+00'),
  ('custom_event', 'no-such-session', NULL, '{}', NULL, '2025-03-05 00:00:00+00');

INSERT INTO metrics (metric_name, metric_value, labels, recorded_at) VALUES
  ('sessions_total', 4, '{}', '2025-03-05 00:00:00+00'),
  ('tokens_per_session', 1234.5, '{"agent": "eng"}', '2025-03-05 00:00:00+00'),
  ('latency_delta', -3, '{}', '2025-03-05 00:00:00+00');
`;

export type PostgresSource = { url: string; drop: () => Promise<void> };

function withDatabaseName(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A throwaway PostgreSQL database with seed 002's schema and the awkward rows. */
export async function createStudioPostgresSource(serverUrl: string): Promise<PostgresSource> {
  const name = `studio_source_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabaseName(serverUrl, name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(STUDIO_POSTGRES_DDL);
    await client.query(STUDIO_POSTGRES_ROWS);
  } finally {
    await client.end();
  }
  return {
    url,
    async drop() {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
