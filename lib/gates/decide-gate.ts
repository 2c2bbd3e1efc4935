import "server-only";
// A person approves or rejects a gate. Only approvers and admins may; anyone else is
// refused and the attempt is audited. The decision is one conditional transition from
// pending (and not yet expired), committed with the session's status change and the audit
// entry: of any number of simultaneous decisions exactly one changes the row, and the
// others are told who decided.
import { appendAudit, type AuditActor } from "@/lib/audit/append-audit";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { announceGateChange } from "./announce";
import type { RequestInfo } from "./audit-actor";
import { expireGate, GATE_TX_OPTIONS } from "./expire-gate";
import {
  deciderOf,
  gateMetadata,
  gateSelect,
  toGateResponse,
  type DeciderSnapshot,
  type GateMetadata,
  type GateRow,
} from "./gate-view";
import { decideGateInputSchema, type DecideGateFields, type GateResponse, type GateStatus } from "./schemas";
import { releaseSession } from "./session-status";
import { firstIssue } from "@/lib/validation/zod-issues";

export const DECIDER_ROLES: readonly string[] = ["approver", "admin"];

export type DecideGateInput = DecideGateFields &
  RequestInfo & {
    /** limit the decision to this project's gates */
    projectId?: string;
    /** the gate's internal id */
    gateId: string;
    /** the signed-in user; the role that counts is the one stored for the user now */
    actor: { userId: string; email: string; name: string; role: string };
  };

export type DecideGateResult =
  | { kind: "decided"; gate: GateResponse }
  | {
      kind: "already_decided";
      status: GateStatus;
      by: { email: string; name: string } | null;
      decidedAt: string | null;
      message: string;
    }
  | { kind: "expired"; gate: GateResponse; message: string }
  | { kind: "denied"; message: string }
  | { kind: "invalid"; field: string; message: string }
  | { kind: "not_found"; message: string };

/** What a decision attempt learns when the gate is no longer pending. */
function closedResult(row: GateRow): DecideGateResult {
  if (row.status === "expired")
    return {
      kind: "expired",
      gate: toGateResponse(row),
      message: `gate ${row.externalId} expired at ${row.expiresAt.toISOString()}; it can no longer be decided`,
    };
  const by = deciderOf(row);
  const who =
    row.status === "cancelled" ? "the agent" : by ? `${by.name} (${by.email})` : "a user who no longer exists";
  return {
    kind: "already_decided",
    status: row.status,
    by: row.status === "cancelled" ? null : by,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    message: `already ${row.status} by ${who}`,
  };
}

async function auditDenied(
  db: Db,
  row: GateRow,
  actor: AuditActor,
  input: DecideGateInput,
  reason: string,
  now: Date,
): Promise<void> {
  await db.$transaction(
    (tx) =>
      appendAudit(
        tx,
        {
          actor,
          action: "gate.denied",
          outcome: "denied",
          target: { type: "gate", id: row.id },
          projectId: row.projectId,
          ip: input.ip,
          userAgent: input.userAgent,
          requestId: input.requestId,
          details: { gateId: row.externalId, sessionId: row.session.externalId, attempted: input.action, reason },
        },
        now,
      ),
    GATE_TX_OPTIONS,
  );
}

export async function decideGate(db: Db, input: DecideGateInput, now: Date = new Date()): Promise<DecideGateResult> {
  const row = await db.gate.findFirst({
    where: { id: input.gateId, ...(input.projectId ? { projectId: input.projectId } : {}) },
    select: gateSelect,
  });
  if (!row) return { kind: "not_found", message: `gate ${input.gateId} not found` };

  // Authorize against the stored user, so a demoted or disabled user's old session cannot decide.
  const user = await db.user.findUnique({
    where: { id: input.actor.userId },
    select: { id: true, email: true, name: true, role: true, disabled: true },
  });
  const role = user && !user.disabled ? user.role : null;
  const actor: AuditActor = {
    type: "user",
    id: input.actor.userId,
    name: user?.name ?? input.actor.name,
    role: user?.role ?? input.actor.role,
  };
  if (!user || role === null || !DECIDER_ROLES.includes(role)) {
    const reason = !user
      ? "unknown user"
      : user.disabled
        ? "user is disabled"
        : `role ${user.role} may not decide gates`;
    await auditDenied(db, row, actor, input, reason, now);
    return { kind: "denied", message: `only approvers and admins may decide gates (${reason})` };
  }

  const parsed = decideGateInputSchema.safeParse({
    action: input.action,
    comment: input.comment,
    payload: input.payload,
  });
  if (!parsed.success) {
    const issue = firstIssue(parsed.error, { whole: "input" });
    return { kind: "invalid", field: issue.field ?? "", message: issue.text };
  }
  const { action, comment, payload } = parsed.data;
  if (action === "edit_approve" && !row.allowEdit) {
    return {
      kind: "invalid",
      field: "action",
      message: "action: this gate does not allow editing its payload; approve or reject it",
    };
  }

  if (row.status !== "pending") return closedResult(row);
  if (row.expiresAt.getTime() <= now.getTime()) return closedResult(await expireGate(db, row, now));

  const status = action === "reject" ? "rejected" : "approved";
  const event = status === "approved" ? "gate.approved" : "gate.rejected";
  const edited = action === "edit_approve";
  const editedPayload: unknown = edited && payload !== undefined ? JSON.parse(payload) : undefined;
  const snapshot: DeciderSnapshot = { id: user.id, email: user.email, name: user.name, role: user.role };
  const metadata: GateMetadata = { ...gateMetadata(row.metadata), decidedBy: snapshot, edited };

  const won = await db.$transaction(async (tx) => {
    const { count } = await tx.gate.updateMany({
      where: { id: row.id, status: "pending", expiresAt: { gt: now } },
      data: {
        status,
        decidedById: user.id,
        decidedAt: now,
        decisionComment: comment || null,
        decisionPayload:
          editedPayload === undefined || editedPayload === null ? undefined : (editedPayload as Prisma.InputJsonValue),
        metadata: metadata as Prisma.InputJsonValue,
        updatedAt: now,
      },
    });
    if (count !== 1) return false;
    const sessionStatus = await releaseSession(tx, row, status, metadata.onReject, now);
    await appendAudit(
      tx,
      {
        actor: { type: "user", id: user.id, name: user.name, role: user.role },
        action: event,
        outcome: "success",
        target: { type: "gate", id: row.id },
        projectId: row.projectId,
        ip: input.ip,
        userAgent: input.userAgent,
        requestId: input.requestId,
        details: {
          gateId: row.externalId,
          sessionId: row.session.externalId,
          title: row.title,
          action,
          comment: comment || null,
          edited,
          actorEmail: user.email,
          sessionStatus,
        },
        before: { status: "pending", ...(edited ? { payload: row.payload ?? null } : {}) },
        after: { status, ...(edited ? { payload: editedPayload ?? null } : {}) },
      },
      now,
    );
    return true;
  }, GATE_TX_OPTIONS);

  const current = await db.gate.findUniqueOrThrow({ where: { id: row.id }, select: gateSelect });
  if (!won) return closedResult(await expireGate(db, current, now));
  const view = toGateResponse(current);
  announceGateChange(db, current, event, view);
  return { kind: "decided", gate: view };
}
