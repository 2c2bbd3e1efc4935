import "server-only";
// Re-computes the audit hash chain. An edited entry breaks its own hash; a deleted one
// leaves a gap in the sequence (or breaks the next entry's prevHash).
import type { Db } from "@/lib/db/client";
import { auditHash, GENESIS_HASH } from "./append-audit";

export type AuditVerification =
  | { ok: true; entries: number; lastSeq: number | null }
  | { ok: false; entries: number; brokenSeq: number; reason: string };

const PAGE = 2_000;

function iso(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : v;
}

/** Where an earlier verification stopped: the chain up to `seq` (whose hash is `hash`) was intact. */
export type VerifiedPrefix = { seq: number; hash: string; entries: number };

export async function verifyAuditChain(db: Db): Promise<AuditVerification> {
  const { lastHash: _lastHash, ...result } = await verifyAuditChainFrom(db);
  return result;
}

/**
 * Verifies the chain from the start, or only the entries after an already verified prefix
 * (`from`), which makes repeated checks of a growing trail cost only the new entries. Also
 * returns the hash of the last intact entry, to resume from next time.
 */
export async function verifyAuditChainFrom(
  db: Db,
  from?: VerifiedPrefix,
): Promise<AuditVerification & { lastHash: string }> {
  let prevHash = from?.hash ?? GENESIS_HASH;
  let expectedSeq = (from?.seq ?? 0) + 1;
  let entries = from?.entries ?? 0;
  for (let after = from?.seq ?? 0; ;) {
    const rows = await db.auditEntry.findMany({ where: { seq: { gt: after } }, orderBy: { seq: "asc" }, take: PAGE });
    for (const r of rows) {
      if (r.seq !== expectedSeq)
        return {
          ok: false,
          entries,
          brokenSeq: expectedSeq,
          reason: `entry ${expectedSeq} is missing`,
          lastHash: prevHash,
        };
      if (r.prevHash !== prevHash)
        return {
          ok: false,
          entries,
          brokenSeq: r.seq,
          reason: `entry ${r.seq} does not follow entry ${r.seq - 1}`,
          lastHash: prevHash,
        };
      const { hash, prevHash: _p, ...entry } = r;
      const expected = auditHash(prevHash, { ...entry, createdAt: iso(entry.createdAt) });
      if (expected !== hash)
        return {
          ok: false,
          entries,
          brokenSeq: r.seq,
          reason: `entry ${r.seq} was changed after it was written`,
          lastHash: prevHash,
        };
      prevHash = hash;
      expectedSeq++;
      entries++;
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.seq;
  }
  return { ok: true, entries, lastSeq: expectedSeq === 1 ? null : expectedSeq - 1, lastHash: prevHash };
}
