// A coordination.db built from seed 004's DDL (without its CHECK constraints, as a database of
// another version might be), plus a small .beads/issues.jsonl, with the awkward rows real
// stores have: invalid JSON, unknown enum values, dangling references (a workflow, a parent
// workflow, an issue), unparseable timestamps, an invalid priority, an extra column, an extra
// table and a view.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export const COORDINATION_DDL = `
CREATE TABLE workflow_mappings (beads_issue_id TEXT PRIMARY KEY, tempolite_workflow_id TEXT NOT NULL UNIQUE, workflow_type TEXT NOT NULL,
  status TEXT DEFAULT 'active', priority INTEGER DEFAULT 2, metadata JSON, parent_workflow_id TEXT,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, completed_at TIMESTAMP,
  owner_team TEXT);
CREATE TABLE agent_assignments (id INTEGER PRIMARY KEY AUTOINCREMENT, workflow_id TEXT NOT NULL, agent_type TEXT NOT NULL, agent_id TEXT NOT NULL,
  step_number INTEGER DEFAULT 1, step_name TEXT, assigned_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, started_at TIMESTAMP, completed_at TIMESTAMP,
  status TEXT DEFAULT 'assigned', handoff_from TEXT, handoff_to TEXT);
CREATE TABLE workflow_results (id INTEGER PRIMARY KEY AUTOINCREMENT, workflow_id TEXT NOT NULL, agent_type TEXT NOT NULL, result_type TEXT NOT NULL,
  result_data JSON NOT NULL, confidence_score REAL, execution_time_ms INTEGER, artifacts JSON, metadata JSON, quality_score REAL,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE research_findings (id TEXT PRIMARY KEY, workflow_id TEXT NOT NULL, library_name TEXT NOT NULL, library_version TEXT, documentation_url TEXT,
  findings JSON NOT NULL, confidence_score REAL, relevance_score REAL, analysis_method TEXT, file_paths JSON, metadata JSON,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE poc_results (id TEXT PRIMARY KEY, workflow_id TEXT NOT NULL, implementation_type TEXT NOT NULL, language TEXT NOT NULL, framework TEXT,
  build_success BOOLEAN DEFAULT FALSE, test_success BOOLEAN DEFAULT FALSE, performance_metrics JSON, test_results JSON, artifacts JSON, benchmarks JSON,
  error_message TEXT, execution_time_ms INTEGER, complexity_score REAL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE workflow_performance (id INTEGER PRIMARY KEY AUTOINCREMENT, workflow_id TEXT NOT NULL, agent_type TEXT NOT NULL, step_name TEXT NOT NULL,
  start_time TIMESTAMP NOT NULL, end_time TIMESTAMP, duration_ms INTEGER, success BOOLEAN DEFAULT FALSE, error_message TEXT, memory_usage_mb INTEGER,
  cpu_usage_percent REAL, disk_io_bytes INTEGER, network_io_bytes INTEGER, resource_metadata JSON, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE workflow_analytics (id INTEGER PRIMARY KEY AUTOINCREMENT, date DATE NOT NULL, workflow_type TEXT NOT NULL, agent_type TEXT NOT NULL,
  total_workflows INTEGER DEFAULT 0, successful_workflows INTEGER DEFAULT 0, failed_workflows INTEGER DEFAULT 0, avg_execution_time_ms INTEGER,
  avg_confidence_score REAL, total_agents_active INTEGER DEFAULT 0, system_load_avg REAL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  UNIQUE(date, workflow_type, agent_type));
CREATE TABLE workflow_templates (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT, workflow_type TEXT NOT NULL, template_def JSON NOT NULL,
  agent_sequence JSON NOT NULL, variables JSON, version TEXT DEFAULT '1.0', is_active BOOLEAN DEFAULT TRUE, usage_count INTEGER DEFAULT 0,
  success_rate REAL DEFAULT 0.0, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE agent_configurations (id TEXT PRIMARY KEY, agent_type TEXT NOT NULL, agent_id TEXT NOT NULL, configuration JSON NOT NULL, capabilities JSON,
  max_workload INTEGER DEFAULT 5, current_workload INTEGER DEFAULT 0, status TEXT DEFAULT 'active', last_heartbeat TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  performance_metrics JSON, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, UNIQUE(agent_type, agent_id));
CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, checksum TEXT NOT NULL, description TEXT,
  execution_time_ms INTEGER, success BOOLEAN DEFAULT TRUE);
CREATE VIEW workflow_overview AS SELECT wm.beads_issue_id, wm.tempolite_workflow_id, wm.status AS workflow_status FROM workflow_mappings wm WHERE wm.status != 'cancelled';
`;

export const FIXTURE_STORE_ISSUES = 8;

/** Today (UTC): a workflow_analytics row of this day is still being aggregated. */
export function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

export function createCoordinationFixture(file: string): Database.Database {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.exec(COORDINATION_DDL);
  const wf = db.prepare(
    "INSERT INTO workflow_mappings (beads_issue_id, tempolite_workflow_id, workflow_type, status, priority, metadata, parent_workflow_id, created_at, updated_at, completed_at, owner_team) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  wf.run("bd-a1b2c", "wf-research-001", "research", "completed", 1, '{"title":"Evaluate vector stores","requested_by":"mayor"}', null, "2026-01-10 09:00:00", "2026-01-10 11:00:00", "2026-01-10 11:00:00", null);
  // a nested workflow, zoned timestamps, invalid JSON metadata
  wf.run("bd-a1b2c.1", "wf-poc-002", "poc", "failed", 2, "{not json", "bd-a1b2c", "2026-01-10T09:30:00Z", "2026-01-10T12:45:00+02:00", "2026-01-10T12:45:00+02:00", null);
  // unknown status, invalid priority, a parent that does not exist, an unparseable timestamp
  wf.run("bd-x9y8z", "wf-docs-003", "documentation", "on_hold", "high", null, "bd-missing", "not a date", "2026-01-11 07:00:00", null, null);
  // another workflow type than the DDL lists, an extra column
  wf.run("bd-q1w2e", "wf-val-004", "review", "active", 0, null, null, "2026-01-11 08:00:00", "2026-01-11 08:05:00", null, "platform");

  const aa = db.prepare(
    "INSERT INTO agent_assignments (workflow_id, agent_type, agent_id, step_number, step_name, assigned_at, started_at, completed_at, status, handoff_from, handoff_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  aa.run("wf-research-001", "supervisor", "supervisor-01", 1, "plan_workflow", "2026-01-10 09:00:05", "2026-01-10 09:00:10", "2026-01-10 09:02:00", "completed", null, "research-agent-01");
  aa.run("wf-research-001", "research", "research-agent-01", 2, "research_libraries", "2026-01-10 09:02:05", "2026-01-10 09:03:00", "2026-01-10 10:00:00", "completed", "supervisor-01", "documentation-agent-01");
  aa.run("wf-research-001", "documentation", "documentation-agent-01", 3, "write_docs", "2026-01-10 10:00:05", "2026-01-10T10:01:00Z", "2026-01-10T10:59:00.500Z", "completed", "research-agent-01", null);
  // a handoff only the receiver records
  aa.run("wf-poc-002", "poc", "poc-agent-01", 1, "build_poc", "2026-01-10 09:31:00", "2026-01-10 09:32:00", null, "failed", "research-agent-02", null);
  // a workflow with no workflow_mappings row, an unknown status
  aa.run("wf-ghost-999", "validation", "validation-agent-01", 1, "validate_results", "2026-01-11 08:00:00", null, null, "exploded", null, null);
  aa.run("wf-val-004", "validation", "validation-agent-01", 1, "validate", "2026-01-11 08:05:00", null, null, "assigned", null, null);

  const wr = db.prepare(
    "INSERT INTO workflow_results (workflow_id, agent_type, result_type, result_data, confidence_score, execution_time_ms, artifacts, metadata, quality_score, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  wr.run("wf-research-001", "research", "findings", '{"recommended":"sqlite-vec","candidates":3}', 0.82, 3_300_000, '["docs/research.md"]', null, 8.5, "2026-01-10 10:00:00");
  wr.run("wf-research-001", "documentation", "documentation", '{"path":"docs/bd-a1b2c.md"}', 0.9, 3_480_000, null, '{"words":1200}', 9.1, "2026-01-10 10:59:00");
  wr.run("wf-poc-002", "poc", "poc_results", "{broken", -0.5, 120_000, null, null, 3, "2026-01-10 10:45:00");

  const rf = db.prepare(
    "INSERT INTO research_findings (id, workflow_id, library_name, library_version, documentation_url, findings, confidence_score, relevance_score, analysis_method, file_paths, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  rf.run("rf-1", "wf-research-001", "sqlite-vec", "0.1.6", "https://github.com/asg017/sqlite-vec", '{"pros":["small"],"cons":["young API"]}', 0.8, 0.9, "benchmark", '["bench/vec.txt"]', "2026-01-10 09:40:00");
  rf.run("rf-2", "wf-research-001", "chromem-go", null, null, '{"pros":[]}', 0.6, 0.4, "documentation_review", null, "2026-01-10 09:50:00");

  db.prepare(
    "INSERT INTO poc_results (id, workflow_id, implementation_type, language, framework, build_success, test_success, performance_metrics, error_message, execution_time_ms, complexity_score, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  ).run("poc-1", "wf-poc-002", "module", "go", null, 0, 0, "{}", "undefined: vec.NewClient", 120_000, 6.5, "2026-01-10 10:40:00");

  const wp = db.prepare(
    "INSERT INTO workflow_performance (workflow_id, agent_type, step_name, start_time, end_time, duration_ms, success, error_message, memory_usage_mb, cpu_usage_percent, disk_io_bytes, network_io_bytes, resource_metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  wp.run("wf-research-001", "research", "research_libraries", "2026-01-10 09:03:00", "2026-01-10 09:58:20", 3_320_000, 1, null, 512, 35.5, 1_048_576, 2_097_152, '{"host":"runner-1"}');
  // still running: times the run, no metrics yet
  wp.run("wf-poc-002", "poc", "build_poc", "2026-01-10 09:32:00", null, null, 0, null, null, null, null, null, null);
  // a step no assignment records, a value that is not a number
  wp.run("wf-research-001", "validation", "validate_results", "2026-01-10 11:00:00", null, 60_000, 0, "timeout", 128, "n/a", null, null, null);

  const an = db.prepare(
    "INSERT INTO workflow_analytics (date, workflow_type, agent_type, total_workflows, successful_workflows, failed_workflows, avg_execution_time_ms, avg_confidence_score, total_agents_active, system_load_avg) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  an.run("2026-01-09", "research", "research", 3, 2, 1, 3_000_000, 0.8, 4, 0.75);
  an.run("2026-01-10", "poc", "poc", 1, 0, 1, null, null, 2, null);
  an.run(utcToday(), "research", "research", 1, 1, 0, 100, 0.9, 1, 0.2);

  const tp = db.prepare(
    "INSERT INTO workflow_templates (id, name, description, workflow_type, template_def, agent_sequence, variables, version, is_active, usage_count, success_rate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  tp.run("tpl-research", "research-default", "Research a question", "research", '{"steps":4}', '["supervisor","research","documentation","validation"]', null, "1.0", 1, 12, 0.83);
  tp.run("tpl-poc", "poc-default", null, "poc", "{oops", '["supervisor","poc"]', null, "0.9", 0, 0, 0);

  const ac = db.prepare(
    "INSERT INTO agent_configurations (id, agent_type, agent_id, configuration, capabilities, max_workload, current_workload, status, last_heartbeat, performance_metrics, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  ac.run("cfg-1", "research", "research-agent-01", '{"model":"gpt-4o","temperature":0.4}', '["web_search","doc_review"]', 5, 2, "busy", "2026-01-10 10:00:00", '{"success_rate":0.93}', "2026-01-10 10:00:00");
  ac.run("cfg-2", "supervisor", "supervisor-01", '{"model":"gpt-4o-mini"}', null, 3, 0, "active", "2026-01-10T11:00:00+00:00", null, "2026-01-10 11:00:00");
  ac.run("cfg-3", "poc", "poc-agent-01", '{"model":"claude-sonnet-4"}', "{bad json", 2, 1, "sleeping", "yesterday", null, "2026-01-10 10:45:00");

  db.prepare("INSERT INTO schema_migrations (version, checksum, description) VALUES (?, ?, ?)").run("1.1.0", "sha256:def456", "analytics");
  return db;
}

type Issue = Record<string, unknown>;

const at = (hhmm: string, day = "2026-01-10") => `${day}T${hhmm}:00Z`;

/** Issues of the workflows above and two of their own; one line is not JSON. */
export const FIXTURE_ISSUES: (Issue | string)[] = [
  {
    id: "bd-a1b2c",
    title: "Evaluate vector stores for semantic search",
    description: "Pick an embedded vector store.",
    status: "closed",
    priority: 1,
    issue_type: "epic",
    labels: ["research"],
    created_at: at("08:55"),
    updated_at: at("11:00"),
    closed_at: at("11:00"),
    close_reason: "done",
    comments: [{ id: 1, issue_id: "bd-a1b2c", author: "mayor", text: "Kicking this off", created_at: at("08:56") }],
  },
  {
    id: "bd-a1b2c.1",
    title: "PoC: sqlite-vec",
    status: "in_progress",
    priority: 2,
    issue_type: "task",
    assignee: "poc-agent-01",
    created_at: at("09:29"),
    updated_at: at("10:45"),
    dependencies: [
      { issue_id: "bd-a1b2c.1", depends_on_id: "bd-a1b2c", type: "parent-child", created_at: at("09:29"), created_by: "mayor" },
      { issue_id: "bd-a1b2c.1", depends_on_id: "bd-wisp-zzz", type: "blocks", created_at: at("09:29"), created_by: "mayor" },
    ],
  },
  {
    // not mapped itself: belongs to its parent's workflow
    id: "bd-a1b2c.2",
    title: "Write the benchmark",
    status: "open",
    priority: "urgent",
    issue_type: "task",
    created_at: at("09:35"),
    updated_at: at("09:35"),
    dependencies: [
      { issue_id: "bd-a1b2c.2", depends_on_id: "bd-a1b2c.1", type: "parent-child", created_at: at("09:35"), created_by: "mayor" },
      { issue_id: "bd-a1b2c.2", depends_on_id: "bd-a1b2c", type: "blocks", created_at: at("09:35"), created_by: "mayor" },
    ],
  },
  { id: "bd-x9y8z", title: "Document the sync protocol", status: "hooked", priority: 2, issue_type: "task", created_at: at("06:00", "2026-01-11"), updated_at: at("07:00", "2026-01-11") },
  {
    id: "bd-q1w2e",
    title: "Validate the claims",
    status: "closed",
    priority: 0,
    issue_type: "task",
    created_at: at("07:50", "2026-01-11"),
    updated_at: at("09:00", "2026-01-11"),
    closed_at: at("09:00", "2026-01-11"),
    comments: [
      { id: 2, issue_id: "bd-q1w2e", author: "validation-agent-01", text: "2 of 5 claims reproduced", created_at: at("08:30", "2026-01-11") },
      { id: 3, issue_id: "bd-q1w2e", author: "mayor", text: "Closing anyway", created_at: "whenever" },
    ],
  },
  // not linked to any workflow: the store's own session
  { id: "bd-lone1", title: "Flaky sync test", status: "open", priority: 3, issue_type: "bug", created_at: at("12:00"), updated_at: "garbage", labels: ["tests", "sync"], work_type: "mutex" },
  {
    id: "bd-lone2",
    title: "Drop the legacy exporter",
    status: "wontfix",
    priority: 4,
    issue_type: "chore",
    created_at: at("12:10"),
    updated_at: at("12:20"),
    dependencies: [{ issue_id: "bd-lone2", depends_on_id: "bd-nowhere", type: "parent-child", created_at: at("12:10"), created_by: "mayor" }],
  },
  '{"id": "bd-broken", "title": "cut off',
];

export function writeIssueStore(file: string, issues: (Issue | string)[] = FIXTURE_ISSUES): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, issues.map((i) => (typeof i === "string" ? i : JSON.stringify(i))).join("\n") + "\n");
}

/** A .beads/beads.db (the issue store's SQLite form, steveyegge/beads schema, trimmed). */
export function createBeadsDbFixture(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.exec(`
    CREATE TABLE issues (id TEXT PRIMARY KEY, content_hash TEXT, title TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', design TEXT NOT NULL DEFAULT '',
      acceptance_criteria TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'open', priority INTEGER NOT NULL DEFAULT 2,
      issue_type TEXT NOT NULL DEFAULT 'task', assignee TEXT, estimated_minutes INTEGER, created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
      updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, closed_at DATETIME, external_ref TEXT, compaction_level INTEGER DEFAULT 0,
      deleted_at DATETIME, deleted_by TEXT DEFAULT '', delete_reason TEXT DEFAULT '');
    CREATE TABLE dependencies (issue_id TEXT NOT NULL, depends_on_id TEXT NOT NULL, type TEXT NOT NULL DEFAULT 'blocks',
      created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, created_by TEXT NOT NULL, metadata TEXT DEFAULT '{}', thread_id TEXT DEFAULT '',
      PRIMARY KEY (issue_id, depends_on_id));
    CREATE TABLE labels (issue_id TEXT NOT NULL, label TEXT NOT NULL, PRIMARY KEY (issue_id, label));
    CREATE TABLE comments (id INTEGER PRIMARY KEY AUTOINCREMENT, issue_id TEXT NOT NULL, author TEXT NOT NULL, text TEXT NOT NULL,
      created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);
    CREATE TABLE config (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `);
  const issue = db.prepare("INSERT INTO issues (id, title, description, status, priority, issue_type, created_at, updated_at, closed_at, deleted_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  issue.run("bd-a1b2c", "Evaluate vector stores for semantic search", "Pick an embedded vector store.", "closed", 1, "epic", "2026-01-10 08:55:00", "2026-01-10 11:00:00", "2026-01-10 11:00:00", "");
  issue.run("bd-a1b2c.1", "PoC: sqlite-vec", "", "in_progress", 2, "task", "2026-01-10 09:29:00", "2026-01-10 10:45:00", null, "");
  issue.run("bd-db01", "Deleted by mistake", "", "tombstone", 3, "bug", "2026-01-09 10:00:00", "2026-01-09 11:00:00", null, "mayor");
  const dep = db.prepare("INSERT INTO dependencies (issue_id, depends_on_id, type, created_at, created_by) VALUES (?, ?, ?, ?, ?)");
  dep.run("bd-a1b2c.1", "bd-a1b2c", "parent-child", "2026-01-10 09:29:00", "mayor");
  dep.run("bd-a1b2c.1", "bd-wisp-zzz", "blocks", "2026-01-10 09:29:00", "mayor");
  db.prepare("INSERT INTO labels (issue_id, label) VALUES (?, ?), (?, ?)").run("bd-a1b2c", "research", "bd-a1b2c", "vectors");
  db.prepare("INSERT INTO comments (issue_id, author, text, created_at) VALUES (?, ?, ?, ?)").run("bd-a1b2c", "mayor", "Kicking this off", "2026-01-10 08:56:00");
  db.close();
}
