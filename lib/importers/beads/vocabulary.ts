// Beads' vocabulary as data: issue statuses → our statuses, issue keys → where they go, and
// the dependency types it writes. Both exports are covered: the SQLite-era JSONL (compact,
// `work_type`, embedded `comments`) and the Dolt export (counts, `parent`, wisps, agent
// beads, `metadata` on dependencies). vocabulary.test.ts checks every value the real files
// contain is named here. A word or key not named is still imported: statuses by STATUS_RULES
// (the raw word kept as sourceStatus), keys as raw source records (and in metadata).
import type { Status } from "@/lib/ingest/status";

/** Issue status → canonical status. Beads keeps an issue's own word; we keep it as sourceStatus. */
export const ISSUE_STATUS: Readonly<Record<string, Status>> = {
  open: "pending",
  in_progress: "running",
  blocked: "pending",
  deferred: "pending",
  // on an agent's hook, waiting to be picked up (Gas Town)
  hooked: "pending",
  // a persistent bead that stays open on purpose (agent and role beads): not under way
  pinned: "pending",
  closed: "completed",
  tombstone: "cancelled",
};

/** How each issue key is used: a task field, the task's metadata (named on purpose), or derived. */
export type KeyUse = "task" | "metadata" | "dependencies" | "comments" | "labels";

export const ISSUE_KEYS: Readonly<Record<string, KeyUse>> = {
  id: "task",
  title: "task",
  description: "task",
  status: "task",
  priority: "task",
  issue_type: "task",
  assignee: "task",
  created_at: "task",
  updated_at: "task",
  closed_at: "task",
  // the issue's parent: the parent-child dependency, else the Dolt export's `parent` key
  parent: "task",
  dependencies: "dependencies",
  comments: "comments",
  labels: "labels",
  // kept as the source wrote them, never checked against the arrays (they disagree on 366/704
  // rows of the Dolt export: counts include reaped wisps and links from other issues)
  dependency_count: "metadata",
  dependent_count: "metadata",
  comment_count: "metadata",
  close_reason: "metadata",
  notes: "metadata",
  design: "metadata",
  owner: "metadata",
  created_by: "metadata",
  // SQLite era: a mutex work type on most rows
  work_type: "metadata",
  // Dolt export: ephemeral "wisps", pinned beads, agent beads and their hooks
  ephemeral: "metadata",
  wisp_type: "metadata",
  pinned: "metadata",
  agent_state: "metadata",
  last_activity: "metadata",
  hook_bead: "metadata",
};

/** Dependency types Beads writes; stored as the dependency's type, word for word. */
export const DEPENDENCY_TYPES: readonly string[] = [
  "blocks",
  "parent-child",
  "discovered-from",
  "tracks",
  "blocked-by",
  "related",
  "follows",
];

/** Keys of a dependency object; `metadata` is a JSON string in the Dolt export ("{}"). */
export const DEPENDENCY_KEYS: readonly string[] = [
  "issue_id",
  "depends_on_id",
  "type",
  "created_at",
  "created_by",
  "metadata",
];

/** Issue types are stored as the task's kind, word for word (task, epic, convoy, molecule, …). */
export const ISSUE_TYPES: readonly string[] = [
  "task",
  "bug",
  "feature",
  "epic",
  "chore",
  "agent",
  "molecule",
  "message",
  "gate",
  "rig",
  "convoy",
];
