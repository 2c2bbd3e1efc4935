import "server-only";
// Expiry is lazy: a pending gate past its deadline becomes `expired` the first time anyone
// reads, waits on or decides it (or when expireOverdueGates sweeps). The transition is
// conditional, so only one reader performs it and audits it.
import { appendAudit } from "@/lib/audit/append-audit";
import type { Db } from "@/lib/db/client";
import { announceGateChange } from "./announce";
import { SYSTEM_EXPIRY } from "./audit-actor";
import { gateMetadata, gateSelect, toGateResponse, type GateRow } from "./gate-view";
import { releaseSession } from "./session-status";

export const GATE_TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 };

export function isOverdue(row: Pick<GateRow, "status" | "expiresAt">, now: Date): boolean {
  return row.status === "pending" && row.expiresAt.getTime() <= now.getTime();
}

/** Expires the gate if it is pending and overdue; returns its current row either way. */
export async function expireGate(db: Db, row: GateRow, now: Date = new Date()): Promise<GateRow> {
  if (!isOverdue(row, now)) return row;
  const expired = await db.$transaction(async (tx) => {
    const { count } = await tx.gate.updateMany({
      where: { id: row.id, status: "pending", expiresAt: { lte: now } },
      data: { status: "expired", updatedAt: now },
    });
    if (count !== 1) return false;
    const sessionStatus = await releaseSession(tx, row, "expired", gateMetadata(row.metadata).onReject, now);
    await appendAudit(
      tx,
      {
        actor: SYSTEM_EXPIRY,
        action: "gate.expired",
        outcome: "success",
        target: { type: "gate", id: row.id },
        projectId: row.projectId,
        details: {
          gateId: row.externalId,
          sessionId: row.session.externalId,
          title: row.title,
          expiresAt: row.expiresAt.toISOString(),
          sessionStatus,
        },
        before: { status: "pending" },
        after: { status: "expired" },
      },
      now,
    );
    return true;
  }, GATE_TX_OPTIONS);
  const current = await db.gate.findUniqueOrThrow({ where: { id: row.id }, select: gateSelect });
  if (expired) announceGateChange(db, current, "gate.expired", toGateResponse(current));
  return current;
}

/** Expires every overdue pending gate (of one project, or all); returns how many it expired. */
export async function expireOverdueGates(
  db: Db,
  options: { projectId?: string; now?: Date; limit?: number } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const rows = await db.gate.findMany({
    where: {
      status: "pending",
      expiresAt: { lte: now },
      ...(options.projectId ? { projectId: options.projectId } : {}),
    },
    orderBy: { expiresAt: "asc" },
    take: options.limit ?? 500,
    select: gateSelect,
  });
  let expired = 0;
  for (const row of rows) {
    if ((await expireGate(db, row, now)).status === "expired") expired++;
  }
  return expired;
}
