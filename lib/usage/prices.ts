import "server-only";
import type { Db } from "@/lib/db/client";
import type { Price } from "./cost";
import { DEFAULT_PRICES, DEFAULT_PRICES_EFFECTIVE_FROM } from "./default-prices";

type PriceReader = Pick<Db, "modelPrice">;

/** Seeds the default list prices into an empty price table. Returns how many were added. */
export async function ensureDefaultPrices(db: Db): Promise<number> {
  if ((await db.modelPrice.count()) > 0) return 0;
  const result = await db.modelPrice.createMany({
    data: DEFAULT_PRICES.map((p) => ({
      model: p.model,
      matchPattern: p.matchPattern,
      provider: p.provider,
      inputPerMTok: p.input,
      outputPerMTok: p.output,
      cacheReadPerMTok: p.cacheRead ?? null,
      cacheWritePerMTok: p.cacheWrite ?? null,
      effectiveFrom: DEFAULT_PRICES_EFFECTIVE_FROM,
    })),
  });
  return result.count;
}

export async function loadPrices(db: PriceReader): Promise<Price[]> {
  return db.modelPrice.findMany({
    select: {
      id: true,
      model: true,
      matchPattern: true,
      inputPerMTok: true,
      outputPerMTok: true,
      cacheReadPerMTok: true,
      cacheWritePerMTok: true,
      reasoningPerMTok: true,
      effectiveFrom: true,
    },
  });
}
