import "server-only";
// One gate row as the API shows it, and the parts of Gate.metadata this feature owns:
// the agent's onReject choice and a snapshot of who decided (kept even if the user is
// later renamed or deleted).
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { ON_REJECT, type GateResponse, type OnReject } from "./schemas";

export const gateSelect = {
  id: true,
  projectId: true,
  sessionId: true,
  externalId: true,
  title: true,
  summary: true,
  payload: true,
  phase: true,
  allowEdit: true,
  status: true,
  expiresAt: true,
  decidedAt: true,
  decisionComment: true,
  decisionPayload: true,
  metadata: true,
  createdAt: true,
  session: { select: { externalId: true } },
  decidedBy: { select: { email: true, name: true } },
} satisfies Prisma.GateSelect;

export type GateRow = Prisma.GateGetPayload<{ select: typeof gateSelect }>;

export type DeciderSnapshot = { id: string; email: string; name: string; role: string };

export type GateMetadata = {
  onReject: OnReject;
  decidedBy?: DeciderSnapshot;
  /** set when the agent cancelled the gate */
  cancelledBy?: { keyId: string; keyName: string };
  /** true when the payload was edited before approval */
  edited?: boolean;
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

export function gateMetadata(raw: unknown): GateMetadata {
  const m = isRecord(raw) ? raw : {};
  const onReject = ON_REJECT.find((v) => v === m.onReject) ?? "fail";
  const by = isRecord(m.decidedBy) ? m.decidedBy : undefined;
  const decidedBy =
    by && typeof by.id === "string" && typeof by.email === "string" && typeof by.name === "string"
      ? { id: by.id, email: by.email, name: by.name, role: typeof by.role === "string" ? by.role : "" }
      : undefined;
  const cancel = isRecord(m.cancelledBy) ? m.cancelledBy : undefined;
  return {
    ...m,
    onReject,
    decidedBy,
    cancelledBy:
      cancel && typeof cancel.keyId === "string"
        ? { keyId: cancel.keyId, keyName: String(cancel.keyName ?? "") }
        : undefined,
    edited: m.edited === true,
  };
}

/** Who decided: the snapshot taken at decision time, else the user row. */
export function deciderOf(row: Pick<GateRow, "metadata" | "decidedBy">): { email: string; name: string } | null {
  const snapshot = gateMetadata(row.metadata).decidedBy;
  if (snapshot) return { email: snapshot.email, name: snapshot.name };
  return row.decidedBy ? { email: row.decidedBy.email, name: row.decidedBy.name } : null;
}

export function toGateResponse(row: GateRow): GateResponse {
  const meta = gateMetadata(row.metadata);
  const decidedAt = row.status === "approved" || row.status === "rejected" ? row.decidedAt : null;
  return {
    gateId: row.externalId,
    sessionId: row.session.externalId,
    status: row.status,
    title: row.title,
    summary: row.summary,
    payload: row.payload ?? null,
    phase: row.phase,
    allowEdit: row.allowEdit,
    onReject: meta.onReject,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    decision: decidedAt
      ? {
          by: deciderOf(row),
          comment: row.decisionComment,
          decidedAt: decidedAt.toISOString(),
          payload:
            row.status === "approved" ? (meta.edited ? (row.decisionPayload ?? null) : (row.payload ?? null)) : null,
          edited: meta.edited === true,
        }
      : null,
  };
}
