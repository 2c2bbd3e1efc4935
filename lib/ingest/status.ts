// One status vocabulary for sessions, runs, tasks and LLM calls. Sources spell their
// statuses many ways; we keep their word in `sourceStatus` and map it here.
export const STATUSES = [
  "pending",
  "running",
  "awaiting_approval",
  "completed",
  "failed",
  "cancelled",
  "expired",
] as const;
export type Status = (typeof STATUSES)[number];

const SYNONYMS: Record<string, Status> = {
  // pending
  pending: "pending",
  queued: "pending",
  created: "pending",
  assigned: "pending",
  open: "pending",
  todo: "pending",
  new: "pending",
  inactive: "pending",
  waiting: "pending",
  blocked: "pending",
  paused: "pending",
  deferred: "pending",
  hooked: "pending",
  // running
  running: "running",
  active: "running",
  started: "running",
  in_progress: "running",
  inprogress: "running",
  initializing: "running",
  planning: "running",
  executing: "running",
  reviewing: "running",
  streaming: "running",
  busy: "running",
  working: "running",
  processing: "running",
  // awaiting approval
  awaiting_approval: "awaiting_approval",
  awaiting_review: "awaiting_approval",
  pending_approval: "awaiting_approval",
  needs_approval: "awaiting_approval",
  human_gate: "awaiting_approval",
  // completed
  completed: "completed",
  complete: "completed",
  done: "completed",
  success: "completed",
  succeeded: "completed",
  passed: "completed",
  ok: "completed",
  finished: "completed",
  ended: "completed",
  closed: "completed",
  resolved: "completed",
  archived: "completed",
  approved: "completed",
  // failed
  failed: "failed",
  failure: "failed",
  error: "failed",
  errored: "failed",
  crashed: "failed",
  rejected: "failed",
  timeout: "failed",
  timed_out: "failed",
  // cancelled
  cancelled: "cancelled",
  canceled: "cancelled",
  aborted: "cancelled",
  killed: "cancelled",
  stopped: "cancelled",
  tombstone: "cancelled",
  deleted: "cancelled",
  // expired
  expired: "expired",
  ttl_exceeded: "expired",
};

/** Maps a source's status word to our vocabulary, or undefined when it is unknown. */
export function normalizeStatus(word: string | null | undefined): Status | undefined {
  if (word === null || word === undefined) return undefined;
  const key = word.trim().toLowerCase().replace(/[\s-]+/g, "_");
  return SYNONYMS[key];
}

export const ACTIVE_STATUSES: readonly Status[] = ["pending", "running", "awaiting_approval"];
export const TERMINAL_STATUSES: readonly Status[] = ["completed", "failed", "cancelled", "expired"];

const LEVELS: Record<string, string> = {
  trace: "debug",
  debug: "debug",
  info: "info",
  information: "info",
  notice: "info",
  warn: "warn",
  warning: "warn",
  error: "error",
  err: "error",
  critical: "critical",
  fatal: "critical",
  crit: "critical",
};

/** Normalized log level: debug | info | warn | error | critical (unknown words → info). */
export function normalizeLevel(word: string | null | undefined): string {
  if (!word) return "info";
  return LEVELS[word.trim().toLowerCase()] ?? "info";
}
