import "server-only";
// An agent opens a gate on one of its sessions. The gate, the session's move to
// awaiting_approval and the audit entry commit together. The same gateId again returns the
// existing gate unchanged, so an agent may retry a create whose answer it lost.
import { randomUUID } from "node:crypto";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { announceGateChange } from "./announce";
import { keyActor, type KeyActor, type RequestInfo } from "./audit-actor";
import { GATE_TX_OPTIONS } from "./expire-gate";
import { gateSelect, toGateResponse, type GateMetadata } from "./gate-view";
import { loadGate } from "./read-gate";
import type { CreateGateRequest, GateResponse } from "./schemas";
import { holdSession } from "./session-status";

export type CreateGateInput = RequestInfo & {
  projectId: string;
  /** the session's external id, as the URL names it */
  sessionId: string;
  request: CreateGateRequest;
  actor: KeyActor;
};

export type CreateGateResult =
  | { kind: "created"; gate: GateResponse }
  | { kind: "existing"; gate: GateResponse }
  | { kind: "session_not_found"; message: string }
  | { kind: "conflict"; message: string };

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === "P2002" || /unique constraint/i.test(e?.message ?? "");
}

async function existing(
  db: Db,
  input: CreateGateInput,
  gateId: string,
  sessionRowId: string,
  now: Date,
): Promise<CreateGateResult | null> {
  const row = await loadGate(db, input.projectId, gateId, now);
  if (!row) return null;
  if (row.sessionId !== sessionRowId) {
    return {
      kind: "conflict",
      message: `gateId ${gateId} is already used by a gate of session ${row.session.externalId}`,
    };
  }
  return { kind: "existing", gate: toGateResponse(row) };
}

export async function createGate(db: Db, input: CreateGateInput, now: Date = new Date()): Promise<CreateGateResult> {
  const { projectId, request } = input;
  const session = await db.session.findUnique({
    where: { projectId_externalId: { projectId, externalId: input.sessionId } },
    select: { id: true, status: true },
  });
  if (!session) return { kind: "session_not_found", message: `session ${input.sessionId} not found` };
  const gateId = request.gateId ?? `gate_${randomUUID()}`;
  const found = await existing(db, input, gateId, session.id, now);
  if (found) return found;

  const metadata: GateMetadata = { onReject: request.onReject };
  const expiresAt = new Date(now.getTime() + request.expiresInSeconds * 1000);
  let row;
  try {
    row = await db.$transaction(async (tx) => {
      const created = await tx.gate.create({
        data: {
          projectId,
          sessionId: session.id,
          externalId: gateId,
          title: request.title,
          summary: request.summary,
          payload:
            request.payload === undefined || request.payload === null
              ? undefined
              : (request.payload as Prisma.InputJsonValue),
          phase: request.phase,
          allowEdit: request.allowEdit,
          expiresAt,
          metadata: metadata as Prisma.InputJsonValue,
          createdAt: now,
          updatedAt: now,
        },
        select: gateSelect,
      });
      await holdSession(tx, session.id, now);
      await appendAudit(
        tx,
        {
          actor: keyActor(input.actor),
          action: "gate.created",
          outcome: "success",
          target: { type: "gate", id: created.id },
          projectId,
          ip: input.ip,
          userAgent: input.userAgent,
          requestId: input.requestId,
          details: {
            gateId,
            sessionId: input.sessionId,
            title: request.title,
            expiresAt: expiresAt.toISOString(),
            allowEdit: request.allowEdit,
            onReject: request.onReject,
            sessionStatusBefore: session.status,
          },
          after: { status: "pending" },
        },
        now,
      );
      return created;
    }, GATE_TX_OPTIONS);
  } catch (error) {
    // the same gateId created at the same moment by a retry: answer like a replay
    if (!isUniqueViolation(error)) throw error;
    const raced = await existing(db, input, gateId, session.id, now);
    if (raced) return raced;
    throw error;
  }
  const view = toGateResponse(row);
  announceGateChange(db, row, "gate.created", view);
  return { kind: "created", gate: view };
}
