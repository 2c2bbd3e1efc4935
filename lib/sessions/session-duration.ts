// How long a session has run: to its end, to now while it is still active, else to its
// last activity (a session that stopped without saying when).
import type { Status } from "@/lib/ingest/status";

const ACTIVE: ReadonlySet<Status> = new Set<Status>(["pending", "running", "awaiting_approval"]);

export function isActiveStatus(status: Status): boolean {
  return ACTIVE.has(status);
}

type Timed = { startedAt: Date; endedAt: Date | null; updatedAt: Date; status: Status };

export function sessionDurationMs(session: Timed, now: Date): number {
  const end = session.endedAt ?? (isActiveStatus(session.status) ? now : session.updatedAt);
  return Math.max(0, end.getTime() - session.startedAt.getTime());
}
