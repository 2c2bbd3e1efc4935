// What the live channel says after a commit: which project, which sessions (by the
// orchestrator's id, as URLs name them) and which kinds of record changed. Small on
// purpose: it fits a PostgreSQL NOTIFY payload (< 8000 bytes) and carries no agent text.
// zod/mini, not zod: this is the only schema the browser parses with, and the functional
// build is a fraction of the classic one in the session page's first-load JavaScript.
import "@/lib/security/zod-browser";
import * as zm from "zod/mini";

export type LiveChange = {
  /** null: any project (a resync after a gap, or a write we could not attribute) */
  projectId: string | null;
  /** external session ids; null: possibly every session */
  sessionIds: string[] | null;
  /** ingest event types in the batch ("session", "log", "run", ...) */
  kinds: string[];
  /** when the change was published, epoch ms */
  at: number;
};

/** Above this many sessions a change says "many" (null) instead of listing them. */
export const MAX_SESSION_IDS = 50;
const MAX_ID_CHARS = 256;

const id = () => zm.string().check(zm.maxLength(MAX_ID_CHARS));

export const liveChangeSchema = zm.object({
  projectId: zm.nullable(id()),
  sessionIds: zm.nullable(zm.array(id()).check(zm.maxLength(MAX_SESSION_IDS))),
  kinds: zm.array(zm.string().check(zm.maxLength(64))).check(zm.maxLength(32)),
  at: zm.number(),
});

type EventLike = { type: string; body: unknown };

/** The change a committed batch of ingest events makes. Undefined for an empty batch. */
export function changeFromEvents(
  projectId: string,
  events: readonly EventLike[],
  at: number = Date.now(),
): LiveChange | undefined {
  if (events.length === 0) return undefined;
  const sessions = new Set<string>();
  const kinds = new Set<string>();
  let unattributed = false;
  for (const { type, body } of events) {
    kinds.add(type);
    const sessionId = (body as { sessionId?: unknown } | null)?.sessionId;
    if (typeof sessionId === "string") sessions.add(sessionId);
    else if (type !== "agent" && type !== "metric" && type !== "log") unattributed = true;
  }
  const tooMany = sessions.size > MAX_SESSION_IDS || [...sessions].some((s) => s.length > MAX_ID_CHARS);
  return {
    projectId,
    sessionIds: unattributed || tooMany ? null : [...sessions].sort(),
    kinds: [...kinds].sort().slice(0, 32),
    at,
  };
}

/** A change that tells every listener to reload (after a gap in the feed). */
export function resyncChange(at: number = Date.now()): LiveChange {
  return { projectId: null, sessionIds: null, kinds: [], at };
}

/** Folds several changes into one, so a burst of commits reaches the browser as one message. */
export function mergeChanges(a: LiveChange, b: LiveChange): LiveChange {
  const projectId = a.projectId === b.projectId ? a.projectId : null;
  let sessionIds: string[] | null = null;
  if (a.sessionIds && b.sessionIds && projectId !== null) {
    const merged = new Set([...a.sessionIds, ...b.sessionIds]);
    sessionIds = merged.size > MAX_SESSION_IDS ? null : [...merged].sort();
  }
  const kinds = [...new Set([...a.kinds, ...b.kinds])].sort().slice(0, 32);
  return { projectId, sessionIds, kinds, at: Math.max(a.at, b.at) };
}

export function encodeChange(change: LiveChange): string {
  return JSON.stringify(change);
}

export function parseChange(text: string): LiveChange | undefined {
  try {
    const parsed = liveChangeSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** True when the change may concern the given session (unknown scope counts as yes). */
export function concernsSession(change: LiveChange, session: { projectId: string; externalId: string }): boolean {
  if (change.projectId !== null && change.projectId !== session.projectId) return false;
  return change.sessionIds === null || change.sessionIds.includes(session.externalId);
}

/** True when the change may touch the given kinds of record (a resync touches all). */
export function concernsKinds(change: LiveChange, kinds: readonly string[]): boolean {
  return change.kinds.length === 0 || change.kinds.some((k) => kinds.includes(k));
}
