import "server-only";
// Costs are stored per LLM call at ingest (and summed into sessions and hourly rollups), so a
// price change must rewrite the calls it affects. A price entry can only affect calls whose
// model matches its pattern and that started on or after its effective date; reported costs
// are never touched. Runs inside the price change's transaction, so both commit or neither.
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { forEachPage } from "@/lib/db/pages";
import { patternMatches, resolveCost } from "./cost";
import { loadPrices } from "./prices";
import { CALL_FOR_ROLLUP_SELECT, callContribution, RollupAccumulator } from "./rollup-math";
import { writeRollups } from "./rollups";

type Tx = Prisma.TransactionClient;

/** What a price entry changed: its pattern(s) before and after, and the earliest date it took effect. */
export type PriceScope = { patterns: string[]; from: Date };

const PAGE = 2_000;

export async function recomputeCallCosts(tx: Tx, scope: PriceScope): Promise<{ recomputed: number }> {
  const prices = await loadPrices(tx);
  const rollups = new Map<string, RollupAccumulator>();
  const sessionCost = new Map<string, number>();
  let recomputed = 0;
  await forEachPage(
    PAGE,
    (page) =>
      tx.llmCall.findMany({
        where: { costSource: { not: "reported" }, startedAt: { gte: scope.from }, model: { not: null } },
        ...page,
        select: {
          ...CALL_FOR_ROLLUP_SELECT,
          id: true,
          projectId: true,
          sessionId: true,
          priceId: true,
        },
      }),
    async (call) => {
      if (!scope.patterns.some((p) => patternMatches(p, call.model!))) return;
      const next = resolveCost({ ...call, costUsd: null, at: call.startedAt }, prices);
      if (next.costUsd === call.costUsd && next.costSource === call.costSource && next.priceId === call.priceId) return;
      await tx.llmCall.update({ where: { id: call.id }, data: next });
      const acc = rollups.get(call.projectId) ?? new RollupAccumulator();
      acc.add(callContribution(call), -1);
      acc.add(callContribution({ ...call, ...next }));
      rollups.set(call.projectId, acc);
      sessionCost.set(
        call.sessionId,
        (sessionCost.get(call.sessionId) ?? 0) + (next.costUsd ?? 0) - (call.costUsd ?? 0),
      );
      recomputed++;
    },
  );
  for (const [projectId, acc] of rollups) await writeRollups(tx, projectId, acc.entries());
  for (const [id, delta] of sessionCost) {
    if (delta !== 0) await tx.session.updateMany({ where: { id }, data: { costUsd: { increment: delta } } });
  }
  return { recomputed };
}
