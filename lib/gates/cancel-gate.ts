import "server-only";
// The agent withdraws its own pending gate (DELETE /api/v1/gates/{gateId}). A gate already
// approved or rejected cannot be cancelled: the agent must act on that decision.
import { appendAudit } from "@/lib/audit/append-audit";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { announceGateChange } from "./announce";
import { keyActor, type KeyActor, type RequestInfo } from "./audit-actor";
import { expireGate, GATE_TX_OPTIONS } from "./expire-gate";
import { deciderOf, gateMetadata, gateSelect, toGateResponse, type GateMetadata, type GateRow } from "./gate-view";
import { loadGate } from "./read-gate";
import type { GateResponse } from "./schemas";
import { releaseSession } from "./session-status";

export type CancelGateInput = RequestInfo & { projectId: string; gateId: string; actor: KeyActor };

export type CancelGateResult =
  | { kind: "cancelled"; gate: GateResponse }
  /** already cancelled or expired: nothing left to cancel */
  | { kind: "unchanged"; gate: GateResponse }
  | { kind: "already_decided"; gate: GateResponse; message: string }
  | { kind: "not_found"; message: string };

function settled(row: GateRow): CancelGateResult {
  const gate = toGateResponse(row);
  if (row.status === "approved" || row.status === "rejected") {
    const by = deciderOf(row);
    return {
      kind: "already_decided",
      gate,
      message: `gate ${row.externalId} was already ${row.status}${by ? ` by ${by.name} (${by.email})` : ""}; read it to act on the decision`,
    };
  }
  return { kind: "unchanged", gate };
}

export async function cancelGate(db: Db, input: CancelGateInput, now: Date = new Date()): Promise<CancelGateResult> {
  const row = await loadGate(db, input.projectId, input.gateId, now);
  if (!row) return { kind: "not_found", message: `gate ${input.gateId} not found` };
  if (row.status !== "pending") return settled(row);

  const metadata: GateMetadata = { ...gateMetadata(row.metadata), cancelledBy: input.actor };
  const won = await db.$transaction(async (tx) => {
    const { count } = await tx.gate.updateMany({
      where: { id: row.id, status: "pending", expiresAt: { gt: now } },
      data: { status: "cancelled", decidedAt: now, metadata: metadata as Prisma.InputJsonValue, updatedAt: now },
    });
    if (count !== 1) return false;
    const sessionStatus = await releaseSession(tx, row, "cancelled", metadata.onReject, now);
    await appendAudit(
      tx,
      {
        actor: keyActor(input.actor),
        action: "gate.cancelled",
        outcome: "success",
        target: { type: "gate", id: row.id },
        projectId: row.projectId,
        ip: input.ip,
        userAgent: input.userAgent,
        requestId: input.requestId,
        details: { gateId: row.externalId, sessionId: row.session.externalId, title: row.title, sessionStatus },
        before: { status: "pending" },
        after: { status: "cancelled" },
      },
      now,
    );
    return true;
  }, GATE_TX_OPTIONS);

  const current = await db.gate.findUniqueOrThrow({ where: { id: row.id }, select: gateSelect });
  if (!won) return settled(await expireGate(db, current, now));
  const view = toGateResponse(current);
  announceGateChange(db, current, "gate.cancelled", view);
  return { kind: "cancelled", gate: view };
}
