// The price table as Settings shows it: entries grouped by model, newest first, with the
// entry in force now marked. Pure, so the marking rule has a unit test.

export type PriceEntry = { id: string; model: string; effectiveFrom: Date };

export type PriceGroup<P extends PriceEntry> = {
  model: string;
  entries: (P & { inForce: boolean; scheduled: boolean })[];
};

export function groupPrices<P extends PriceEntry>(prices: readonly P[], now: Date): PriceGroup<P>[] {
  const byModel = new Map<string, P[]>();
  for (const p of prices) byModel.set(p.model, [...(byModel.get(p.model) ?? []), p]);
  return [...byModel.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([model, entries]) => {
      const sorted = [...entries].sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime());
      const current = sorted.find((p) => p.effectiveFrom.getTime() <= now.getTime());
      return {
        model,
        entries: sorted.map((p) => ({
          ...p,
          inForce: p === current,
          scheduled: p.effectiveFrom.getTime() > now.getTime(),
        })),
      };
    });
}
