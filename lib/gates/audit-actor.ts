// How gate changes name their actor in the audit trail.
import type { AuditActor, AuditInput } from "@/lib/audit/append-audit";

/** The agent side: a project API key. */
export type KeyActor = { keyId: string; keyName: string };

/** Where a request came from, recorded with its audit entry. */
export type RequestInfo = Pick<AuditInput, "ip" | "userAgent" | "requestId">;

export const SYSTEM_EXPIRY: AuditActor = { type: "system", name: "gate expiry" };

export function keyActor(actor: KeyActor): AuditActor {
  return { type: "api_key", id: actor.keyId, name: actor.keyName };
}
