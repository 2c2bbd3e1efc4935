// Cost of an LLM call. Token semantics follow OpenTelemetry GenAI: input tokens include
// cache reads and cache writes, output tokens include reasoning tokens. Each token is billed
// once, at the rate of its kind.

export type Price = {
  id: string;
  model: string;
  matchPattern: string;
  inputPerMTok: number;
  outputPerMTok: number;
  cacheReadPerMTok: number | null;
  cacheWritePerMTok: number | null;
  reasoningPerMTok: number | null;
  effectiveFrom: Date;
};

export type TokenCounts = {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  totalTokens: number;
};

export type CostSource = "reported" | "computed" | "estimated" | "unknown";

/** Whether a price entry's pattern matches a model name (case-insensitive; a pattern that is not a valid regex matches its exact text). */
export function patternMatches(pattern: string, model: string): boolean {
  try {
    return new RegExp(pattern, "i").test(model);
  } catch {
    return pattern.toLowerCase() === model.toLowerCase();
  }
}

/**
 * The price in force for `model` at `at`: among entries whose pattern matches, the exact
 * model name wins, then the longest pattern; within that model, the latest effectiveFrom
 * not after `at`.
 */
export function findPrice(prices: readonly Price[], model: string | null | undefined, at: Date): Price | undefined {
  if (!model) return undefined;
  const candidates = prices.filter(
    (p) => p.effectiveFrom.getTime() <= at.getTime() && patternMatches(p.matchPattern, model),
  );
  if (candidates.length === 0) return undefined;
  const rank = (p: Price) => [p.model.toLowerCase() === model.toLowerCase() ? 1 : 0, p.matchPattern.length] as const;
  candidates.sort((a, b) => {
    const [ea, la] = rank(a);
    const [eb, lb] = rank(b);
    return eb - ea || lb - la || b.effectiveFrom.getTime() - a.effectiveFrom.getTime();
  });
  const best = candidates[0]!;
  return candidates
    .filter((p) => p.model === best.model)
    .sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime())[0];
}

/** USD for the given tokens at the given price. */
export function computeCost(tokens: TokenCounts, price: Price): number {
  const { cacheReadTokens: cacheRead, cacheWriteTokens: cacheWrite, reasoningTokens: reasoning } = tokens;
  let input = tokens.inputTokens;
  let output = tokens.outputTokens;
  // Only a total is known (e.g. estimated usage): bill it as input, the cheaper side.
  if (input === 0 && output === 0 && tokens.totalTokens > 0) input = tokens.totalTokens;
  const uncachedInput = Math.max(0, input - cacheRead - cacheWrite);
  output = Math.max(0, output - reasoning);
  const usd =
    uncachedInput * price.inputPerMTok +
    cacheRead * (price.cacheReadPerMTok ?? price.inputPerMTok) +
    cacheWrite * (price.cacheWritePerMTok ?? price.inputPerMTok) +
    output * price.outputPerMTok +
    reasoning * (price.reasoningPerMTok ?? price.outputPerMTok);
  return Math.round((usd / 1_000_000) * 1e10) / 1e10;
}

export type ResolvedCost = { costUsd: number | null; costSource: CostSource; priceId: string | null };

/** A reported cost wins; otherwise compute from the price in force; otherwise unknown. */
export function resolveCost(
  call: TokenCounts & { costUsd?: number | null; estimated?: boolean; model?: string | null; at: Date },
  prices: readonly Price[],
): ResolvedCost {
  if (call.costUsd !== undefined && call.costUsd !== null) {
    return { costUsd: call.costUsd, costSource: "reported", priceId: null };
  }
  const price = findPrice(prices, call.model, call.at);
  if (!price) return { costUsd: null, costSource: "unknown", priceId: null };
  return {
    costUsd: computeCost(call, price),
    costSource: call.estimated ? "estimated" : "computed",
    priceId: price.id,
  };
}
