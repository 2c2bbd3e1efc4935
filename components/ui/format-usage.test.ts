import { describe, expect, it } from "vitest";
import { formatDuration, formatPercent, formatTokens, formatUsd } from "./format-usage";

describe("usage formats", () => {
  it("formats money, keeping small amounts visible", () => {
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(12.345)).toBe("$12.35");
    expect(formatUsd(0.0042)).toBe("$0.0042");
    expect(formatUsd(1234.5)).toBe("$1,234.50");
  });

  it("formats tokens compactly", () => {
    expect(formatTokens(950)).toBe("950");
    expect(formatTokens(12_345)).toBe("12.3K");
    expect(formatTokens(4_500_000)).toBe("4.5M");
  });

  it("formats durations", () => {
    expect(formatDuration(320)).toBe("320 ms");
    expect(formatDuration(42_000)).toBe("42 s");
    expect(formatDuration(185_000)).toBe("3 min 5 s");
    expect(formatDuration(2 * 3_600_000 + 4 * 60_000)).toBe("2 h 4 min");
    expect(formatDuration(74 * 3_600_000)).toBe("3 d 2 h");
    expect(formatDuration(-1)).toBe("—");
  });

  it("formats percentages", () => {
    expect(formatPercent(0.25)).toBe("25%");
    expect(formatPercent(0.042)).toBe("4.2%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(null)).toBe("—");
  });
});
