import "server-only";
// A session's gate history for its detail page: every gate it asked, newest first, with who
// decided and when. Overdue pending gates of the session are expired first, so the page
// never shows a gate as waiting after its deadline.
import type { Db } from "@/lib/db/client";
import { expireOverdueGates } from "./expire-gate";
import { deciderOf, gateMetadata, gateSelect } from "./gate-view";
import type { GateStatus } from "./schemas";

export const SESSION_GATES_LIMIT = 200;

export type SessionGate = {
  id: string;
  gateId: string;
  title: string;
  summary: string | null;
  phase: string | null;
  status: GateStatus;
  createdAt: Date;
  expiresAt: Date;
  /** when it was approved, rejected, expired or cancelled */
  closedAt: Date | null;
  decidedBy: { name: string; email: string } | null;
  comment: string | null;
  payload: unknown;
  /** the approved payload when an approver edited it */
  editedPayload: unknown;
  cancelledBy: string | null;
};

export async function loadSessionGates(
  db: Db,
  session: { id: string; projectId: string },
  now: Date = new Date(),
): Promise<{ gates: SessionGate[]; total: number }> {
  await expireOverdueGates(db, { projectId: session.projectId, now });
  const [rows, total] = await Promise.all([
    db.gate.findMany({
      where: { sessionId: session.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: SESSION_GATES_LIMIT,
      select: { ...gateSelect, updatedAt: true },
    }),
    db.gate.count({ where: { sessionId: session.id } }),
  ]);
  const gates = rows.map((row): SessionGate => {
    const meta = gateMetadata(row.metadata);
    const decided = row.status === "approved" || row.status === "rejected";
    return {
      id: row.id,
      gateId: row.externalId,
      title: row.title,
      summary: row.summary,
      phase: row.phase,
      status: row.status,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      closedAt: decided ? row.decidedAt : row.status === "pending" ? null : row.updatedAt,
      decidedBy: decided ? deciderOf(row) : null,
      comment: row.decisionComment,
      payload: row.payload ?? null,
      editedPayload: row.status === "approved" && meta.edited ? (row.decisionPayload ?? null) : null,
      cancelledBy: meta.cancelledBy?.keyName ?? null,
    };
  });
  return { gates, total };
}
