import "server-only";
// Reading a gate as its agent sees it: scoped to the key's project (another project's gate
// is "not found"), with lazy expiry applied.
import type { Db } from "@/lib/db/client";
import { expireGate } from "./expire-gate";
import { gateSelect, toGateResponse, type GateRow } from "./gate-view";
import type { GateResponse } from "./schemas";

export async function findGateRow(db: Db, projectId: string, gateId: string): Promise<GateRow | null> {
  return db.gate.findUnique({ where: { projectId_externalId: { projectId, externalId: gateId } }, select: gateSelect });
}

/** The gate's row with lazy expiry applied, or null when the project has no such gate. */
export async function loadGate(
  db: Db,
  projectId: string,
  gateId: string,
  now: Date = new Date(),
): Promise<GateRow | null> {
  const row = await findGateRow(db, projectId, gateId);
  return row ? expireGate(db, row, now) : null;
}

export async function readGate(
  db: Db,
  projectId: string,
  gateId: string,
  now: Date = new Date(),
): Promise<GateResponse | null> {
  const row = await loadGate(db, projectId, gateId, now);
  return row ? toGateResponse(row) : null;
}
