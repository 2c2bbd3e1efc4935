import { describe, expect, it } from "vitest";
import { parseAge } from "./parse-age";

describe("parseAge", () => {
  it("reads minutes, hours, days and weeks", () => {
    expect(parseAge("90d")).toBe(90 * 86_400_000);
    expect(parseAge("12h")).toBe(12 * 3_600_000);
    expect(parseAge("30m")).toBe(30 * 60_000);
    expect(parseAge(" 2W ")).toBe(14 * 86_400_000);
  });

  it("refuses anything else with a message naming the flag", () => {
    for (const bad of ["", "90", "d", "-1d", "1.5d", "0d", "90days", "1y", "9999999d"]) {
      expect(() => parseAge(bad)).toThrow(/--older-than/);
    }
  });
});
