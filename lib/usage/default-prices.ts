// Public list prices, USD per 1M tokens, as published by the providers. Admins edit them in
// Settings; these only seed an empty table. Patterns are anchored so that e.g. "gpt-4o"
// does not match "gpt-4o-mini"; dated snapshots match their alias.
import type { Price } from "./cost";

export type DefaultPrice = {
  model: string;
  matchPattern: string;
  provider: string;
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
};

export const DEFAULT_PRICES_EFFECTIVE_FROM = new Date("2024-01-01T00:00:00Z");

export const DEFAULT_PRICES: readonly DefaultPrice[] = [
  {
    model: "claude-opus-4-5-20251101",
    matchPattern: "^claude-opus-4-5(-\\d{8})?$",
    provider: "anthropic",
    input: 5,
    output: 25,
    cacheRead: 0.5,
    cacheWrite: 6.25,
  },
  {
    model: "claude-opus-4-1-20250805",
    matchPattern: "^claude-opus-4-1(-\\d{8})?$",
    provider: "anthropic",
    input: 15,
    output: 75,
    cacheRead: 1.5,
    cacheWrite: 18.75,
  },
  {
    model: "claude-opus-4-20250514",
    matchPattern: "^claude-opus-4(-0)?(-20250514)?$",
    provider: "anthropic",
    input: 15,
    output: 75,
    cacheRead: 1.5,
    cacheWrite: 18.75,
  },
  {
    model: "claude-sonnet-4-5-20250929",
    matchPattern: "^claude-sonnet-4-5(-\\d{8})?$",
    provider: "anthropic",
    input: 3,
    output: 15,
    cacheRead: 0.3,
    cacheWrite: 3.75,
  },
  {
    model: "claude-sonnet-4-20250514",
    matchPattern: "^claude-sonnet-4(-0)?(-20250514)?$",
    provider: "anthropic",
    input: 3,
    output: 15,
    cacheRead: 0.3,
    cacheWrite: 3.75,
  },
  {
    model: "claude-3-7-sonnet-20250219",
    matchPattern: "^claude-3-7-sonnet(-\\d{8}|-latest)?$",
    provider: "anthropic",
    input: 3,
    output: 15,
    cacheRead: 0.3,
    cacheWrite: 3.75,
  },
  {
    model: "claude-3-5-sonnet-20241022",
    matchPattern: "^claude-3-5-sonnet(-\\d{8}|-latest)?$",
    provider: "anthropic",
    input: 3,
    output: 15,
    cacheRead: 0.3,
    cacheWrite: 3.75,
  },
  {
    model: "claude-haiku-4-5-20251001",
    matchPattern: "^claude-haiku-4-5(-\\d{8})?$",
    provider: "anthropic",
    input: 1,
    output: 5,
    cacheRead: 0.1,
    cacheWrite: 1.25,
  },
  {
    model: "claude-3-5-haiku-20241022",
    matchPattern: "^claude-3-5-haiku(-\\d{8}|-latest)?$",
    provider: "anthropic",
    input: 0.8,
    output: 4,
    cacheRead: 0.08,
    cacheWrite: 1,
  },
  {
    model: "gpt-5",
    matchPattern: "^gpt-5(-\\d{4}-\\d{2}-\\d{2})?$",
    provider: "openai",
    input: 1.25,
    output: 10,
    cacheRead: 0.125,
  },
  {
    model: "gpt-5-mini",
    matchPattern: "^gpt-5-mini(-\\d{4}-\\d{2}-\\d{2})?$",
    provider: "openai",
    input: 0.25,
    output: 2,
    cacheRead: 0.025,
  },
  {
    model: "gpt-4.1",
    matchPattern: "^gpt-4\\.1(-\\d{4}-\\d{2}-\\d{2})?$",
    provider: "openai",
    input: 2,
    output: 8,
    cacheRead: 0.5,
  },
  {
    model: "gpt-4.1-mini",
    matchPattern: "^gpt-4\\.1-mini(-\\d{4}-\\d{2}-\\d{2})?$",
    provider: "openai",
    input: 0.4,
    output: 1.6,
    cacheRead: 0.1,
  },
  {
    model: "gpt-4o",
    matchPattern: "^gpt-4o(-\\d{4}-\\d{2}-\\d{2})?$",
    provider: "openai",
    input: 2.5,
    output: 10,
    cacheRead: 1.25,
  },
  {
    model: "gpt-4o-mini",
    matchPattern: "^gpt-4o-mini(-\\d{4}-\\d{2}-\\d{2})?$",
    provider: "openai",
    input: 0.15,
    output: 0.6,
    cacheRead: 0.075,
  },
  {
    model: "o3",
    matchPattern: "^o3(-\\d{4}-\\d{2}-\\d{2})?$",
    provider: "openai",
    input: 2,
    output: 8,
    cacheRead: 0.5,
  },
  {
    model: "o4-mini",
    matchPattern: "^o4-mini(-\\d{4}-\\d{2}-\\d{2})?$",
    provider: "openai",
    input: 1.1,
    output: 4.4,
    cacheRead: 0.275,
  },
  {
    model: "gemini-2.5-pro",
    matchPattern: "^gemini-2\\.5-pro",
    provider: "google",
    input: 1.25,
    output: 10,
    cacheRead: 0.31,
  },
  {
    model: "gemini-2.5-flash",
    matchPattern: "^gemini-2\\.5-flash",
    provider: "google",
    input: 0.3,
    output: 2.5,
    cacheRead: 0.075,
  },
];

/** A default list price in the shape the cost functions take (for code that has no database). */
export function defaultPrice(model: string): Price | undefined {
  const p = DEFAULT_PRICES.find((d) => d.model === model);
  if (!p) return undefined;
  return {
    id: p.model,
    model: p.model,
    matchPattern: p.matchPattern,
    inputPerMTok: p.input,
    outputPerMTok: p.output,
    cacheReadPerMTok: p.cacheRead ?? null,
    cacheWritePerMTok: p.cacheWrite ?? null,
    reasoningPerMTok: null,
    effectiveFrom: DEFAULT_PRICES_EFFECTIVE_FROM,
  };
}
