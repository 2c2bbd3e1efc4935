import "server-only";
// What a gate does to its session's status. Opening a gate puts the session in
// awaiting_approval; closing it moves the session on, but only if it is still waiting
// (an agent that already reported another status keeps it).
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import type { Status } from "@/lib/ingest/status";
import type { OnReject } from "./schemas";

export type GateOutcome = "approved" | "rejected" | "expired" | "cancelled";

/**
 * The session's next status, or null to leave it awaiting approval.
 * - approved, cancelled: running, unless another gate of the session is still pending.
 * - rejected, expired (both "not approved"): failed when the agent chose onReject "fail"
 *   (the default), else running like an approval.
 */
export function sessionStatusAfterGate(
  outcome: GateOutcome,
  onReject: OnReject,
  otherPendingGates: number,
): Status | null {
  if ((outcome === "rejected" || outcome === "expired") && onReject === "fail") return "failed";
  return otherPendingGates > 0 ? null : "running";
}

type Tx = Prisma.TransactionClient;

export async function holdSession(tx: Tx, sessionId: string, now: Date): Promise<void> {
  await tx.session.update({
    where: { id: sessionId },
    data: { status: "awaiting_approval", statusChangedAt: now, updatedAt: now, endedAt: null },
  });
}

/** Moves the session on after a gate closed; returns its new status, or null when unchanged. */
export async function releaseSession(
  tx: Tx,
  gate: { id: string; sessionId: string },
  outcome: GateOutcome,
  onReject: OnReject,
  now: Date,
): Promise<Status | null> {
  const otherPending = await tx.gate.count({
    where: { sessionId: gate.sessionId, status: "pending", id: { not: gate.id }, expiresAt: { gt: now } },
  });
  const next = sessionStatusAfterGate(outcome, onReject, otherPending);
  if (!next) return null;
  const { count } = await tx.session.updateMany({
    where: { id: gate.sessionId, status: "awaiting_approval" },
    data: { status: next, statusChangedAt: now, updatedAt: now, ...(next === "failed" ? { endedAt: now } : {}) },
  });
  return count === 1 ? next : null;
}
