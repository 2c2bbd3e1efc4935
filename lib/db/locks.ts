// Database-specific locking, kept in one place.
import type { Prisma } from "./generated/sqlite/client";
import type { DatabaseKind } from "./database-url";

const AUDIT_CHAIN_LOCK = 727_001;

/**
 * Serializes appends to the audit hash chain until the transaction ends. PostgreSQL: a
 * transaction-scoped advisory lock. SQLite: writes are already serialized (one writer), so
 * nothing is needed.
 */
export async function lockAuditChain(tx: Pick<Prisma.TransactionClient, "$executeRawUnsafe">, kind: DatabaseKind): Promise<void> {
  if (kind === "postgresql") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
}
