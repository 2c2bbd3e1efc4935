// BAZINGA's vocabulary as data: its status words, agent-type spellings, model aliases and
// tables, each with what it becomes here. Precedence: a word in these maps wins; a word not in
// them goes through lib/ingest/status.ts (synonyms, then STATUS_RULES) and is reported as an
// issue of the row. The source's word is always kept (sourceStatus, metadata.sourceAgentType).
// bazinga-vocabulary.test.ts reads every value the real databases contain and checks that each
// is named here.
import type { Status } from "@/lib/ingest/status";

/** sessions.status (CHECK: active, completed, failed). */
export const SESSION_STATUSES: Readonly<Record<string, Status>> = {
  active: "running",
  completed: "completed",
  failed: "failed",
};

/**
 * task_groups.status at v19 (CHECK: pending, in_progress, completed, failed,
 * approved_pending_merge, merging). Approved work waiting for its merge still waits;
 * a merge under way is running.
 */
export const TASK_GROUP_STATUSES: Readonly<Record<string, Status>> = {
  pending: "pending",
  in_progress: "running",
  completed: "completed",
  failed: "failed",
  approved_pending_merge: "pending",
  merging: "running",
};

/** success_criteria.status → the artifact status badge (passed | failed | warning | pending). */
export const SUCCESS_CRITERION_STATUSES: Readonly<Record<string, string>> = {
  met: "passed",
  failed: "failed",
  blocked: "warning",
  pending: "pending",
};

/**
 * Agent types as the code writes them (free text at v19): one spelling per role. `system` is
 * the orchestration machinery itself writing event rows, not an agent.
 */
export const AGENT_TYPES: Readonly<Record<string, string | null>> = {
  pm: "pm",
  project_manager: "pm",
  developer: "developer",
  senior_software_engineer: "senior_software_engineer",
  qa_expert: "qa_expert",
  qa: "qa_expert",
  tech_lead: "tech_lead",
  techlead: "tech_lead",
  investigator: "investigator",
  orchestrator: "orchestrator",
  requirements_engineer: "requirements_engineer",
  validator: "validator",
  tech_stack_scout: "tech_stack_scout",
  system: null,
};

/**
 * Model names bazinga/model_selection.json uses. The log-tokens CLI stores its documented
 * `[model]` argument in token_usage.agent_id, so an agent_id that is a model is the model.
 */
export const MODEL_ALIASES: readonly string[] = ["haiku", "sonnet", "opus"];
const MODEL_ID = /^(claude|gpt|o\d|gemini)-/i;

export function isModelName(value: string): boolean {
  return MODEL_ALIASES.includes(value.toLowerCase()) || MODEL_ID.test(value);
}

/** What a table of bazinga.db becomes. */
export type TableRole =
  /** mapped to a canonical entity */
  | { kind: "entity"; entity: "session" | "log" | "state" | "task" | "llm_call" | "artifact" | "decision" | "config" }
  /** kept as raw source records (on its session, else on the project), with the row's own time */
  | { kind: "raw"; why: string; timeColumns: readonly string[]; keyColumns?: readonly string[] }
  /** SQLite's own bookkeeping, not the orchestrator's data */
  | { kind: "internal" };

export const BAZINGA_TABLES: Readonly<Record<string, TableRole>> = {
  sessions: { kind: "entity", entity: "session" },
  orchestration_logs: { kind: "entity", entity: "log" },
  state_snapshots: { kind: "entity", entity: "state" },
  task_groups: { kind: "entity", entity: "task" },
  token_usage: { kind: "entity", entity: "llm_call" },
  skill_outputs: { kind: "entity", entity: "artifact" },
  decisions: { kind: "entity", entity: "decision" },
  configuration: { kind: "entity", entity: "config" },
  development_plans: { kind: "entity", entity: "artifact" },
  success_criteria: { kind: "entity", entity: "artifact" },
  context_packages: { kind: "entity", entity: "artifact" },
  context_package_consumers: {
    kind: "raw",
    why: "which agent read a context package (session by its package)",
    timeColumns: ["consumed_at"],
    keyColumns: ["id"],
  },
  consumption_scope: {
    kind: "raw",
    why: "context packages an agent iteration consumed",
    timeColumns: ["consumed_at"],
    keyColumns: ["scope_id"],
  },
  workflow_transitions: {
    kind: "raw",
    why: "routing config seeded from workflow/transitions.json",
    timeColumns: [],
    keyColumns: ["current_agent", "response_status"],
  },
  agent_markers: {
    kind: "raw",
    why: "required response markers per agent, seeded config",
    timeColumns: [],
    keyColumns: ["agent_type"],
  },
  workflow_special_rules: {
    kind: "raw",
    why: "routing overrides, seeded config",
    timeColumns: [],
    keyColumns: ["rule_name"],
  },
  error_patterns: {
    kind: "raw",
    why: "learned error signatures per project",
    timeColumns: ["last_seen", "created_at"],
    keyColumns: ["project_id", "pattern_hash"],
  },
  strategies: {
    kind: "raw",
    why: "learned strategies per project",
    timeColumns: ["last_seen", "created_at"],
    keyColumns: ["strategy_id"],
  },
  schema_version: {
    kind: "raw",
    why: "schema migrations applied (also read to detect the version)",
    timeColumns: ["applied_at"],
    keyColumns: ["version"],
  },
  sqlite_sequence: { kind: "internal" },
  sqlite_stat1: { kind: "internal" },
};

/** Time columns tried for a table this map does not know, newest first. */
export const DEFAULT_TIME_COLUMNS: readonly string[] = [
  "updated_at",
  "last_seen",
  "timestamp",
  "consumed_at",
  "created_at",
  "applied_at",
];

/** The role of any table: a table the map does not know is kept raw. */
export function tableRole(table: string): TableRole {
  if (table.startsWith("sqlite_")) return BAZINGA_TABLES[table] ?? { kind: "internal" };
  return (
    BAZINGA_TABLES[table] ?? { kind: "raw", why: "not in the BAZINGA table map", timeColumns: DEFAULT_TIME_COLUMNS }
  );
}

function wordKey(word: string): string {
  return word.trim().toLowerCase();
}

/** The canonical role of an agent type and whether it is a known spelling. */
export function agentTypeOf(value: string): { agentType: string | undefined; known: boolean } {
  const key = wordKey(value);
  if (key in AGENT_TYPES) return { agentType: AGENT_TYPES[key] ?? undefined, known: true };
  return { agentType: key, known: false };
}

/** A status word looked up in one of the maps above (undefined: not in the map). */
export function mappedStatus<T>(map: Readonly<Record<string, T>>, word: string): T | undefined {
  const key = wordKey(word);
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}
