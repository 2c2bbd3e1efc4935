import type { SystemName } from "./types";

/**
 * Which system's database this looks like, judged by its tables. `sessionsColumns` (the
 * columns of a `sessions` table, when the caller has them) tells studio's SQLite development
 * database, which has only that table, by its user_mission column.
 */
export function detectSystem(tables: readonly string[], sessionsColumns?: readonly string[]): SystemName | undefined {
  const has = (...names: string[]) => names.every((n) => tables.includes(n));
  if (has("orchestrator_agents", "agents", "prompts")) return "tac";
  if (has("workflow_mappings")) return "beads";
  // a Beads issue store (.beads/beads.db)
  if (has("issues", "dependencies", "comments")) return "beads";
  if (has("sessions", "orchestration_logs")) return "bazinga";
  if (has("sessions", "checkpoints") || has("agent_executions") || has("agent_settings")) return "studio";
  if (has("sessions", "agents", "messages") || has("session_events")) return "agents-orchestrator";
  if (has("handover_documents") || has("session_analysis") || has("validation_results")) return "agents-orchestrator";
  // its real code's databases: the Guardian MCP server's coordination.db, the short-term memory's session_state.db
  if (has("agents", "messages", "outputs") || has("session_state", "checkpoint_schedule")) return "agents-orchestrator";
  if (has("sessions") && sessionsColumns?.includes("user_mission")) return "studio";
  return undefined;
}
