import "server-only";
// An audit writer bound to one actor (and where the request came from), so feature
// functions can audit inside their own transaction without knowing who is calling: server
// actions pass the helper from lib/actions/role-action.ts, the CLI and tests pass auditAs(...).
import { appendAudit, type AuditActor, type AuditInput } from "./append-audit";

export type AuditTx = Parameters<typeof appendAudit>[0];
export type AuditEntryFields = Omit<AuditInput, "actor" | "ip" | "userAgent">;
export type AuditFn = (tx: AuditTx, entry: AuditEntryFields) => Promise<number>;

export function auditAs(actor: AuditActor, where: Pick<AuditInput, "ip" | "userAgent"> = {}): AuditFn {
  return (tx, entry) => appendAudit(tx, { ...entry, actor, ...where });
}
