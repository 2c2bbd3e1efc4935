import "server-only";
// Appends to the hash-chained audit trail: hash = SHA-256(prevHash + canonical JSON of the
// entry). Call it with the transaction of the change it records, so both commit or neither.
import { createHash } from "node:crypto";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { lockAuditChain } from "@/lib/db/locks";
import type { RawClient } from "@/lib/db/sql/dialects";
import { canonicalJson } from "./canonical-json";

export const GENESIS_HASH = "0".repeat(64);

export type AuditActor = { type: "user" | "api_key" | "system"; id?: string; name?: string; role?: string };

export type AuditInput = {
  actor: AuditActor;
  action: string;
  outcome: "success" | "denied" | "error";
  target?: { type: string; id: string };
  projectId?: string;
  ip?: string;
  userAgent?: string;
  requestId?: string;
  details?: Record<string, unknown>;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
};

/** A transaction client: the audit chain is locked through the SQL layer (lib/db/locks.ts). */
type AuditWriter = Pick<Prisma.TransactionClient, "auditEntry"> & RawClient;

export function auditHash(prevHash: string, entry: Record<string, unknown>): string {
  return createHash("sha256")
    .update(prevHash + canonicalJson(entry))
    .digest("hex");
}

/** The stored fields and hash of the entry that follows `prev` in the chain (pure). */
export function buildAuditEntry(prev: { seq: number; hash: string } | null, input: AuditInput, now: Date) {
  const entry = {
    seq: (prev?.seq ?? 0) + 1,
    createdAt: now.toISOString(),
    actorType: input.actor.type,
    actorId: input.actor.id ?? null,
    actorName: input.actor.name ?? null,
    actorRole: input.actor.role ?? null,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    projectId: input.projectId ?? null,
    outcome: input.outcome,
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
    requestId: input.requestId ?? null,
    details: input.details ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
  };
  const prevHash = prev?.hash ?? GENESIS_HASH;
  return { entry, prevHash, hash: auditHash(prevHash, entry) };
}

export async function appendAudit(tx: AuditWriter, input: AuditInput, now: Date = new Date()): Promise<number> {
  await lockAuditChain(tx);
  const last = await tx.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const { entry, prevHash, hash } = buildAuditEntry(last, input, now);
  await tx.auditEntry.create({
    data: {
      ...entry,
      createdAt: now,
      details: (entry.details ?? undefined) as Prisma.InputJsonValue | undefined,
      before: (entry.before ?? undefined) as Prisma.InputJsonValue | undefined,
      after: (entry.after ?? undefined) as Prisma.InputJsonValue | undefined,
      prevHash,
      hash,
    },
  });
  return entry.seq;
}
