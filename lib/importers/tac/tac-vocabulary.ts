// TAC Bootstrap's vocabulary as data: every status, event type, log word and table its code
// writes (the last SQLite model and the current PostgreSQL model), and what each becomes here.
// Precedence: a word listed here wins; a status word not listed goes through the shared
// STATUS_RULES (lib/ingest/status.ts) and is reported as unknown with its raw word kept.
// tac-real-data.test.ts reads every distinct value of the real databases and checks it is
// listed here, either mapped or deliberately kept raw.
import type { Status } from "@/lib/ingest/status";

type StatusEntry = { status: Status; why: string };

/**
 * Status words per model and column. The raw word always travels as `sourceStatus`.
 */
export const TAC_STATUSES = {
  /** SQLite agents.status (CHECK list of schema_orchestrator.sql) */
  sqliteAgent: {
    initializing: { status: "running", why: "the agent process is starting" },
    planning: { status: "running", why: "under way" },
    executing: {
      status: "running",
      why: "under way (a paused ADW agent also stays executing: the bridge's 'paused' violates the CHECK)",
    },
    reviewing: { status: "running", why: "under way" },
    completed: { status: "completed", why: "finished" },
    failed: { status: "failed", why: "ended badly" },
    cancelled: { status: "cancelled", why: "stopped by a user" },
  },
  /** SQLite prompts.status */
  sqlitePrompt: {
    pending: { status: "pending", why: "sent, no response yet" },
    streaming: { status: "running", why: "the response is arriving" },
    completed: { status: "completed", why: "finished" },
    failed: { status: "failed", why: "ended badly" },
    cancelled: { status: "cancelled", why: "stopped" },
  },
  /**
   * ai_developer_workflows.status (both models). A workflow whose phase failed stays
   * in_progress: the ADW script exits before track_workflow_end. That is what the source
   * says, so it is running here, with the failed agent visible beside it.
   */
  workflow: {
    pending: { status: "pending", why: "not started" },
    in_progress: { status: "running", why: "what the source says (also left so after a crash)" },
    completed: { status: "completed", why: "finished" },
    failed: { status: "failed", why: "ended badly" },
    cancelled: { status: "cancelled", why: "stopped" },
  },
  /** PostgreSQL agents.status and orchestrator_agents.status */
  postgresAgent: {
    idle: { status: "pending", why: "alive, waiting for its next command" },
    executing: { status: "running", why: "under way" },
    waiting: { status: "pending", why: "waits for something" },
    // deliberate: adw_db_bridge writes blocked for a failed agent, and the backend for an agent
    // that cannot go on (permission denied); nothing unblocks it by itself
    blocked: { status: "failed", why: "TAC writes blocked for a failed or stuck agent" },
    complete: { status: "completed", why: "finished" },
  },
} as const satisfies Record<string, Record<string, StatusEntry>>;

export type TacStatusColumn = keyof typeof TAC_STATUSES;

/** The canonical status of a TAC word, and why; undefined for a word TAC does not write. */
export function tacStatus(column: TacStatusColumn, word: string | undefined): StatusEntry | undefined {
  if (word === undefined) return undefined;
  const map: Record<string, StatusEntry> = TAC_STATUSES[column];
  return map[word.trim().toLowerCase()];
}

/**
 * agent_logs.event_type (PostgreSQL model) → our log kind. Writers name the same message block
 * differently: the backend `text`/`thinking`/`tool_use`, the ADW workflows `TextBlock`/
 * `ThinkingBlock`/`ToolUseBlock`. Hook and ADW step names are kept as they are.
 */
export const TAC_EVENT_TYPES: Record<string, { kind: string; block?: "text" | "thinking" | "tool_use" }> = {
  text: { kind: "text", block: "text" },
  TextBlock: { kind: "text", block: "text" },
  thinking: { kind: "thinking", block: "thinking" },
  ThinkingBlock: { kind: "thinking", block: "thinking" },
  tool_use: { kind: "tool_use", block: "tool_use" },
  ToolUseBlock: { kind: "tool_use", block: "tool_use" },
  tool_result: { kind: "tool_result" },
  ToolResultBlock: { kind: "tool_result" },
  result: { kind: "result" },
  ResultMessage: { kind: "result" },
  // Claude Code hooks (event_category hook)
  PreToolUse: { kind: "PreToolUse" },
  PostToolUse: { kind: "PostToolUse" },
  UserPromptSubmit: { kind: "UserPromptSubmit" },
  Stop: { kind: "Stop" },
  SubagentStop: { kind: "SubagentStop" },
  PreCompact: { kind: "PreCompact" },
  Notification: { kind: "Notification" },
  SessionStart: { kind: "SessionStart" },
  SessionEnd: { kind: "SessionEnd" },
  // ADW steps (event_category adw_step)
  StepStart: { kind: "StepStart" },
  StepEnd: { kind: "StepEnd" },
  AgentStart: { kind: "AgentStart" },
  AgentCompleted: { kind: "AgentCompleted" },
  AgentFailed: { kind: "AgentFailed" },
};

/** agent_logs.event_category (PostgreSQL model): kept as the log's component. */
export const TAC_EVENT_CATEGORIES = ["hook", "response", "adw_step"] as const;

/** SQLite agent_logs.log_type: kept as the log kind (all documented). */
export const TAC_LOG_TYPES = ["state_change", "milestone", "error", "performance", "tool_call", "cost_update"] as const;

/** Log levels of both models (normalized by the shared level map). */
export const TAC_LOG_LEVELS = ["debug", "info", "warning", "warn", "error", "critical", "fatal"] as const;

/** SQLite prompts.prompt_type and orchestrator_agents.agent_type (documented lists). */
export const TAC_PROMPT_TYPES = ["adw", "command", "followup", "correction", "tool_call"] as const;
export const TAC_AGENT_TYPES = ["planner", "builder", "reviewer", "tester", "orchestrator", "utility"] as const;

/**
 * Words kept raw on purpose: free text in the source, shown as written. SQLite
 * system_logs.component is the writing module (orchestrator, websocket, or an ADW phase such as
 * adw_plan_iso), so there is no closed list to check it against.
 */
export const TAC_FREE_TEXT = {
  "system_logs.component": "the module that wrote the log (adw_* phases included)",
  "prompts.author": "engineer | orchestrator_agent: the message's sender",
  "orchestrator_chat.sender_type": "user | orchestrator | agent: the message's sender",
  "orchestrator_chat.receiver_type": "user | orchestrator | agent: the message's receiver",
  "ai_developer_workflows.workflow_type": "sdlc, ship, plan_build_review, …: kept in session metadata",
} as const;

/** Tables of each model and what they become; any other table is kept raw ("unmapped table"). */
export const TAC_TABLES = {
  sqlite: {
    orchestrator_agents: "agent definitions",
    agents: "runs, in sessions by session_id (the ADW id)",
    prompts: "LLM calls",
    agent_logs: "logs of runs",
    system_logs: "project logs",
    ai_developer_workflows: "sessions (one per ADW id), with status, steps and times",
    orchestrator_chat: "messages",
  },
  postgresql: {
    orchestrator_agents: "sessions: one per orchestrator (a Claude session with its own tokens)",
    agents: "agents and runs of their orchestrator's session, or of their ADW's session",
    ai_developer_workflows: "sessions: one per ADW, child of its orchestrator's session",
    prompts: "messages to an agent",
    agent_logs: "logs (hooks, message blocks with their text, ADW steps)",
    system_logs: "logs of their ADW's session, or project logs",
    orchestrator_chat: "messages of the orchestrator's session",
  },
} as const;

/** SQLite internals and migration bookkeeping: neither mapped nor kept. */
export const TAC_IGNORED_TABLES = ["sqlite_sequence", "schema_migrations"] as const;
