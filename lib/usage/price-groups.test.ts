import { describe, expect, it } from "vitest";
import { groupPrices } from "./price-groups";

const at = (d: string) => new Date(`${d}T00:00:00Z`);

describe("groupPrices", () => {
  const prices = [
    { id: "a1", model: "alpha", effectiveFrom: at("2024-01-01") },
    { id: "a2", model: "alpha", effectiveFrom: at("2025-06-01") },
    { id: "a3", model: "alpha", effectiveFrom: at("2026-01-01") },
    { id: "b1", model: "beta", effectiveFrom: at("2030-01-01") },
  ];

  it("groups by model, newest entry first, and marks the one in force now", () => {
    const groups = groupPrices(prices, at("2025-07-01"));
    expect(groups.map((g) => g.model)).toEqual(["alpha", "beta"]);
    expect(groups[0]!.entries.map((e) => [e.id, e.inForce, e.scheduled])).toEqual([
      ["a3", false, true],
      ["a2", true, false],
      ["a1", false, false],
    ]);
  });

  it("an entry takes force at its effective instant, and a model with only future entries has none in force", () => {
    const groups = groupPrices(prices, at("2026-01-01"));
    expect(groups[0]!.entries.find((e) => e.inForce)?.id).toBe("a3");
    expect(groups[1]!.entries.some((e) => e.inForce)).toBe(false);
  });
});
