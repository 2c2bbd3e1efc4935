import { describe, expect, it } from "vitest";
import { computeCost, findPrice, resolveCost, type Price } from "./cost";

const price = (p: Partial<Price> & Pick<Price, "model" | "matchPattern">): Price => ({
  id: p.model + (p.effectiveFrom?.toISOString() ?? ""),
  inputPerMTok: 3,
  outputPerMTok: 15,
  cacheReadPerMTok: 0.3,
  cacheWritePerMTok: 3.75,
  reasoningPerMTok: null,
  effectiveFrom: new Date("2024-01-01T00:00:00Z"),
  ...p,
});

const sonnet = price({ model: "claude-sonnet-4-20250514", matchPattern: "^claude-sonnet-4(-20250514)?$" });
const gpt4o = price({
  model: "gpt-4o",
  matchPattern: "^gpt-4o(-\\d{4}-\\d{2}-\\d{2})?$",
  inputPerMTok: 2.5,
  outputPerMTok: 10,
  cacheReadPerMTok: 1.25,
  cacheWritePerMTok: null,
});
const mini = price({
  model: "gpt-4o-mini",
  matchPattern: "^gpt-4o-mini",
  inputPerMTok: 0.15,
  outputPerMTok: 0.6,
  cacheReadPerMTok: 0.075,
  cacheWritePerMTok: null,
});
const zero = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  totalTokens: 0,
};

describe("computeCost", () => {
  it("bills cache reads and writes at their own rate, once (input includes them)", () => {
    // 1M input of which 600k cache read and 100k cache write; 200k output
    const cost = computeCost(
      {
        ...zero,
        inputTokens: 1_000_000,
        cacheReadTokens: 600_000,
        cacheWriteTokens: 100_000,
        outputTokens: 200_000,
        totalTokens: 1_200_000,
      },
      sonnet,
    );
    // 300k uncached × $3 + 600k × $0.30 + 100k × $3.75 + 200k × $15
    expect(cost).toBeCloseTo(0.9 + 0.18 + 0.375 + 3, 10);
  });

  it("bills reasoning tokens inside output once, at the output rate by default", () => {
    const cost = computeCost(
      { ...zero, outputTokens: 1_000_000, reasoningTokens: 400_000, totalTokens: 1_000_000 },
      gpt4o,
    );
    expect(cost).toBeCloseTo(10, 10);
  });

  it("bills a lone total as input", () => {
    expect(computeCost({ ...zero, totalTokens: 1_000_000 }, gpt4o)).toBeCloseTo(2.5, 10);
  });
});

describe("findPrice", () => {
  it("does not let gpt-4o match gpt-4o-mini", () => {
    expect(findPrice([gpt4o, mini], "gpt-4o-mini", new Date())?.model).toBe("gpt-4o-mini");
    expect(findPrice([gpt4o, mini], "gpt-4o-2024-08-06", new Date())?.model).toBe("gpt-4o");
  });

  it("uses the price in force at the call's time", () => {
    const old = price({
      model: "m",
      matchPattern: "^m$",
      inputPerMTok: 1,
      effectiveFrom: new Date("2025-01-01T00:00:00Z"),
    });
    const updated = price({
      model: "m",
      matchPattern: "^m$",
      inputPerMTok: 2,
      effectiveFrom: new Date("2025-06-01T00:00:00Z"),
    });
    expect(findPrice([old, updated], "m", new Date("2025-05-31T23:59:59Z"))?.inputPerMTok).toBe(1);
    expect(findPrice([old, updated], "m", new Date("2025-06-01T00:00:00Z"))?.inputPerMTok).toBe(2);
    expect(findPrice([old, updated], "m", new Date("2024-12-31T00:00:00Z"))).toBeUndefined();
  });
});

describe("resolveCost", () => {
  const at = new Date("2026-01-01T00:00:00Z");
  it("a reported cost wins", () => {
    expect(resolveCost({ ...zero, inputTokens: 10, costUsd: 0.5, model: "gpt-4o", at }, [gpt4o])).toEqual({
      costUsd: 0.5,
      costSource: "reported",
      priceId: null,
    });
  });
  it("computes from the price, and marks estimated tokens", () => {
    expect(
      resolveCost({ ...zero, inputTokens: 1_000_000, totalTokens: 1_000_000, model: "gpt-4o", at }, [gpt4o]),
    ).toMatchObject({ costUsd: 2.5, costSource: "computed", priceId: gpt4o.id });
    expect(
      resolveCost({ ...zero, totalTokens: 1_000_000, estimated: true, model: "gpt-4o", at }, [gpt4o]).costSource,
    ).toBe("estimated");
  });
  it("an unknown model has unknown cost, not zero", () => {
    expect(resolveCost({ ...zero, inputTokens: 5, model: "mystery-1", at }, [gpt4o])).toEqual({
      costUsd: null,
      costSource: "unknown",
      priceId: null,
    });
  });
});
