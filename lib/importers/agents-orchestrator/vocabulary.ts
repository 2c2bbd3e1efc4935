// agents-orchestrator's vocabulary as data. Its real code (KlausUllrich/claude-orchestrator
// 46c979e) writes two SQLite databases and a folder of files; each word it writes is named
// here with the status it counts as, and each table with the entity it becomes.
// vocabulary.test.ts reads the real databases and files and checks every value is named. A word
// not named is still imported: its raw text is kept and STATUS_RULES counts it.
import type { Status } from "@/lib/ingest/status";

/**
 * How long a source may stay unchanged before its session counts as ended (status completed,
 * ended at its last change). Nothing in this system ends a session: the Guardian server and
 * the short-term memory leave everything "active", and launch_agent.py --background never
 * rewrites its status file. An hour is two checkpoint intervals of the short-term memory
 * (checkpoint_schedule.timer_interval_minutes = 30): a live session changes some file or row
 * well within it. Shown in the README and the CLI help.
 */
export const STALE_AFTER_MS = 60 * 60_000;

/** Guardian MCP server (coordination.db) agents.status, set by update_status / register_agent. */
export const GUARDIAN_AGENT_STATUS: Readonly<Record<string, Status>> = {
  active: "running",
  busy: "running",
  waiting: "pending",
  complete: "completed",
  error: "failed",
};

/** Guardian messages.message_type (send_message's enum, plus notify_output_ready's notifications). */
export const GUARDIAN_MESSAGE_TYPES: readonly string[] = ["request", "response", "notification"];

/** Short-term memory (session_state.db) session_state.status: "active, ended, crashed" (schema.sql). */
export const SESSION_STATE_STATUS: Readonly<Record<string, Status>> = {
  active: "running",
  ended: "completed",
  crashed: "failed",
};

/** checkpoints.trigger_type: "timer/major_step/user_approval/auto/session_end/context" (schema.sql), and demo_db.py's "manual". */
export const CHECKPOINT_TRIGGERS: readonly string[] = [
  "timer",
  "major_step",
  "user_approval",
  "auto",
  "session_end",
  "context",
  "manual",
];

/** File state: status/<agent>.json "status" (launch_agent.py), tests' "state" (claude_task.sh, progress_monitor.py). */
export const FILE_RUN_STATUS: Readonly<Record<string, Status>> = {
  running: "running",
  starting: "running",
  waiting: "pending",
  pending: "pending",
  idle: "pending",
  completed: "completed",
  failed: "failed",
  error: "failed",
};

/** Each table of the real databases and what it becomes. */
export const TABLES: Readonly<Record<string, string>> = {
  // coordination.db (Guardian MCP server)
  agents: "agent (status, heartbeat, workspace)",
  messages: "message between agents (notifications too; read_at kept)",
  outputs: "artifact",
  // session_state.db (short-term memory)
  session_state: "session",
  decisions: "decision",
  issues: "task (resolved → completed)",
  checkpoints: "state snapshot (kind checkpoint)",
  checkpoint_schedule: "state snapshot (kind checkpoint_schedule), re-read when it changes",
  // SQLite's own bookkeeping: not data
  sqlite_sequence: "not imported (SQLite internal)",
};
