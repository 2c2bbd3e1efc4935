// The load-and-crash test's verdict: what the clients were told was stored (acknowledged
// event ids) against the rows the database really holds. Pure, so it can be tested on its own.

export type LedgerCheck = {
  /** distinct event ids the server acknowledged (stored or already stored) */
  acknowledged: number;
  /** rows in the database */
  stored: number;
  /** rows beyond the first for the same event id */
  duplicates: number;
  /** acknowledged ids with no row */
  lost: number;
  /** rows whose id was never acknowledged */
  unexpected: number;
};

export function compareLedger(acknowledged: ReadonlySet<string>, storedIds: Iterable<string>): LedgerCheck {
  const seen = new Set<string>();
  let stored = 0;
  let duplicates = 0;
  let unexpected = 0;
  for (const id of storedIds) {
    stored++;
    if (seen.has(id)) {
      duplicates++;
      continue;
    }
    seen.add(id);
    if (!acknowledged.has(id)) unexpected++;
  }
  let lost = 0;
  for (const id of acknowledged) if (!seen.has(id)) lost++;
  return { acknowledged: acknowledged.size, stored, duplicates, lost, unexpected };
}

/** What is wrong with a ledger, in words; empty when every acknowledged event is stored exactly once. */
export function ledgerProblems(check: LedgerCheck, expected: number): string[] {
  const problems: string[] = [];
  if (check.acknowledged !== expected) problems.push(`${check.acknowledged} of ${expected} events were acknowledged`);
  if (check.lost > 0) problems.push(`${check.lost} acknowledged events are missing`);
  if (check.duplicates > 0) problems.push(`${check.duplicates} events are stored more than once`);
  if (check.unexpected > 0) problems.push(`${check.unexpected} stored events were never acknowledged`);
  if (check.stored !== expected) problems.push(`${check.stored} rows stored, expected ${expected}`);
  return problems;
}
