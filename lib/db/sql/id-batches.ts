// Ids bound in one `IN (…)` list: under the smallest bound-parameter limit of the two
// databases' drivers, so a long list is sent as several statements.
export const IDS_PER_QUERY = 500;

/** `items` in consecutive batches of at most IDS_PER_QUERY, in order. */
export function idBatches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += IDS_PER_QUERY) out.push(items.slice(i, i + IDS_PER_QUERY));
  return out;
}
