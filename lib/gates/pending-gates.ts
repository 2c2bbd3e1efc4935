import "server-only";
// The Approvals page's list: pending gates across projects, oldest first.
import { db } from "@/lib/db/client";
import { expireOverdueGates } from "./expire-gate";

export async function pendingGates(limit = 100) {
  // overdue gates become expired before anyone is asked to decide them
  await expireOverdueGates(db());
  return db().gate.findMany({
    where: { status: "pending" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
    select: {
      id: true,
      externalId: true,
      title: true,
      summary: true,
      payload: true,
      phase: true,
      allowEdit: true,
      createdAt: true,
      expiresAt: true,
      project: { select: { name: true } },
      session: { select: { externalId: true, title: true, mission: true } },
    },
  });
}
