import "server-only";
// The Audit page's verification banner. A full walk of the chain costs one query per 2,000
// entries, so the result is kept per process: later checks verify only the entries appended
// since, and the whole chain is re-walked at most every FULL_RECHECK_MS (an edit to an old
// entry, which the database triggers already refuse, shows up by then at the latest).
import type { Db } from "@/lib/db/client";
import { verifyAuditChainFrom, type AuditVerification, type VerifiedPrefix } from "./verify-audit";

const FULL_RECHECK_MS = 10 * 60_000;

export type AuditStatus = AuditVerification & { checkedAt: Date; incremental: boolean };

type Cache = { db: Db; prefix: VerifiedPrefix | null; fullAt: number };
const holder = globalThis as unknown as { __observatoryAuditStatus?: Cache };

export async function auditChainStatus(db: Db, now: Date = new Date()): Promise<AuditStatus> {
  let cache = holder.__observatoryAuditStatus;
  if (!cache || cache.db !== db || now.getTime() - cache.fullAt > FULL_RECHECK_MS) {
    cache = { db, prefix: null, fullAt: now.getTime() };
  }
  const incremental = cache.prefix !== null;
  const result = await verifyAuditChainFrom(db, cache.prefix ?? undefined);
  // only an intact chain is remembered: a broken one is re-walked from the start next time
  holder.__observatoryAuditStatus = result.ok
    ? {
        ...cache,
        prefix:
          result.lastSeq === null ? null : { seq: result.lastSeq, hash: result.lastHash, entries: result.entries },
      }
    : undefined;
  const { lastHash: _lastHash, ...verification } = result;
  return { ...verification, checkedAt: now, incremental };
}

/** Forgets the cached prefix (tests). */
export function resetAuditStatusCache(): void {
  holder.__observatoryAuditStatus = undefined;
}
