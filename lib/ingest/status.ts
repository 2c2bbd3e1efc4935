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
  // a session only other records referred to: the source has no row for it (never "running")
  "unknown",
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
  unknown: "unknown",
};

/**
 * The nearest canonical status of a word no synonym names, by the first rule whose pattern
 * matches (in this order). The word itself is kept as sourceStatus and shown beside it.
 * E.g. approved_pending_merge → pending (waiting on a merge), merging → running.
 */
export const STATUS_RULES: readonly { pattern: RegExp; status: Status; why: string }[] = [
  {
    pattern: /(^|_)(awaiting|needs?)_(approval|review|human|input)|human_gate/,
    status: "awaiting_approval",
    why: "waits for a person",
  },
  {
    pattern:
      /(^|_)(pending|waiting|queued|blocked|paused|on_hold|idle|scheduled|ready|sleeping|hibernating|dormant|suspended)(_|$)/,
    status: "pending",
    why: "waits for something",
  },
  {
    pattern: /(^|_)(cancel+ed|aborted|killed|stopped|skipped|abandoned|superseded)(_|$)/,
    status: "cancelled",
    why: "ended without finishing",
  },
  {
    pattern: /(^|_)(fail(ed|ure)?|errou?r(ed)?|rejected|crashed|timed_out|timeout|broken)(_|$)/,
    status: "failed",
    why: "ended badly",
  },
  { pattern: /(^|_)(expired|stale|ttl)(_|$)/, status: "expired", why: "ran out of time" },
  {
    pattern:
      /(^|_)(completed?|done|merged|success(ful)?|succeeded|passed|finished|closed|resolved|shipped|approved|accepted)(_|$)/,
    status: "completed",
    why: "finished",
  },
  {
    pattern: /ing(_|$)|(^|_)(in_progress|active|started|running|working|live|hooked|pinned)(_|$)/,
    status: "running",
    why: "under way",
  },
];

/** The rule that maps a word no synonym names, if any. */
export function statusRule(word: string | null | undefined): (typeof STATUS_RULES)[number] | undefined {
  if (word === null || word === undefined) return undefined;
  const key = word
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  if (SYNONYMS[key]) return undefined;
  return STATUS_RULES.find((r) => r.pattern.test(key));
}

/** Whether the word is one of our synonyms (not mapped by a rule, not unknown). */
export function isKnownStatus(word: string | null | undefined): boolean {
  return (
    word !== null &&
    word !== undefined &&
    SYNONYMS[
      word
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, "_")
    ] !== undefined
  );
}

/**
 * Whether the source's own word should be shown beside our status: it is no synonym of ours
 * (mapped by a rule or a system's own table), or a system's table maps it elsewhere than the
 * synonym would (TAC's `blocked` is a failure, not a wait).
 */
export function isUnmappedStatus(status: string, sourceStatus: string | null | undefined): boolean {
  const raw = sourceStatus?.trim();
  if (!raw) return false;
  return !isKnownStatus(raw) || normalizeStatus(raw) !== status;
}

/**
 * Maps a source's status word to our vocabulary: a synonym, else the nearest status by
 * STATUS_RULES; undefined when neither knows it.
 */
export function normalizeStatus(word: string | null | undefined): Status | undefined {
  if (word === null || word === undefined) return undefined;
  const key = word
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  return SYNONYMS[key] ?? STATUS_RULES.find((r) => r.pattern.test(key))?.status;
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
