// Model catalog and token/latency/cost sampling for demo LLM calls. Counts follow the
// OpenTelemetry GenAI semantics the ingest contract uses: inputTokens include cache reads and
// cache writes, outputTokens include reasoning tokens.
import { computeCost } from "../usage/cost";
import { defaultPrice } from "../usage/default-prices";
import type { Rng } from "./random";

export const MODELS = {
  sonnet: "claude-sonnet-4-20250514",
  opus: "claude-opus-4-20250514",
  haiku: "claude-3-5-haiku-20241022",
  gpt4o: "gpt-4o",
  gpt4oMini: "gpt-4o-mini",
} as const;

export type ModelId = (typeof MODELS)[keyof typeof MODELS];

interface ModelInfo {
  provider: "anthropic" | "openai";
  tokensPerSecond: number;
  /** extended thinking (reasoning tokens) */
  thinks: boolean;
}

// Prices come from the product's default price table (lib/usage/default-prices.ts).
const INFO: Record<ModelId, ModelInfo> = {
  "claude-sonnet-4-20250514": {
    provider: "anthropic",
    tokensPerSecond: 62,
    thinks: true,
  },
  "claude-opus-4-20250514": {
    provider: "anthropic",
    tokensPerSecond: 34,
    thinks: true,
  },
  "claude-3-5-haiku-20241022": {
    provider: "anthropic",
    tokensPerSecond: 110,
    thinks: false,
  },
  "gpt-4o": {
    provider: "openai",
    tokensPerSecond: 85,
    thinks: false,
  },
  "gpt-4o-mini": {
    provider: "openai",
    tokensPerSecond: 120,
    thinks: false,
  },
};

export function providerOf(model: ModelId): "anthropic" | "openai" {
  return INFO[model].provider;
}

export type CallSize = "small" | "medium" | "large";

export interface Usage {
  provider: "anthropic" | "openai";
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  totalTokens: number;
  latencyMs: number;
  costUsd: number;
}

const SIZES: Record<CallSize, { fresh: [number, number]; output: [number, number]; context: [number, number] }> = {
  small: { fresh: [250, 1400], output: [40, 380], context: [2500, 9000] },
  medium: { fresh: [1200, 5500], output: [350, 1800], context: [8000, 32000] },
  large: { fresh: [4000, 16000], output: [1400, 5200], context: [24000, 72000] },
};

/**
 * One call's usage. `warm` means an earlier call of the same run already cached the system
 * prompt and context, so most of the input is read from cache.
 */
export function sampleUsage(
  rng: Rng,
  model: ModelId,
  size: CallSize,
  opts: { warm: boolean; thinking?: boolean },
): Usage {
  const info = INFO[model];
  const shape = SIZES[size];
  const fresh = rng.int(...shape.fresh);
  const visibleOutput = rng.int(...shape.output);
  let cacheRead = 0;
  let cacheWrite = 0;
  if (info.provider === "anthropic") {
    if (opts.warm) {
      cacheRead = rng.int(...shape.context);
      cacheWrite = rng.int(150, 2200);
    } else {
      // the shared system prompt is often still cached from an earlier session
      cacheRead = rng.chance(0.45) ? rng.int(2800, 11000) : 0;
      cacheWrite = rng.int(Math.round(shape.context[0] / 2), shape.context[0] + 6000);
    }
  } else if (opts.warm) {
    // OpenAI caches prompt prefixes of 1024+ tokens in 128-token steps
    cacheRead = 1024 + 128 * rng.int(0, Math.floor((shape.context[1] - 1024) / 128));
  }
  const reasoning = opts.thinking && info.thinks ? rng.int(300, size === "large" ? 4800 : 2200) : 0;
  const inputTokens = fresh + cacheRead + cacheWrite;
  const outputTokens = visibleOutput + reasoning;
  const latencyMs = Math.round(rng.int(350, 1600) + (outputTokens / info.tokensPerSecond) * 1000 + inputTokens * 0.012);
  const tokens = {
    inputTokens,
    outputTokens,
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: reasoning,
    totalTokens: inputTokens + outputTokens,
  };
  const cost = computeCost(tokens, defaultPrice(model)!);
  return {
    provider: info.provider,
    inputTokens,
    outputTokens,
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: reasoning,
    totalTokens: inputTokens + outputTokens,
    latencyMs,
    costUsd: Math.round(cost * 1e6) / 1e6,
  };
}

/** BAZINGA's model_selection.json aliases. */
export function modelAlias(model: ModelId): string {
  if (model === MODELS.opus) return "opus";
  if (model === MODELS.haiku) return "haiku";
  if (model === MODELS.sonnet) return "sonnet";
  return model;
}
