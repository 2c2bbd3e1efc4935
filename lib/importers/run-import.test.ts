import { describe, expect, it } from "vitest";
import { maxWatermark } from "./run-import";

describe("maxWatermark", () => {
  it("compares numeric ids as numbers, also when PostgreSQL returns BIGINT as text", () => {
    expect(maxWatermark(9, "10")).toBe(10);
    expect(maxWatermark("9", "10")).toBe(10);
    expect(maxWatermark(10, 9n)).toBe(10);
    expect(maxWatermark(undefined, "2025-01-02 00:00:00")).toBe("2025-01-02 00:00:00");
    expect(maxWatermark("2025-01-02 00:00:00", "2025-01-01 23:59:59")).toBe("2025-01-02 00:00:00");
    expect(maxWatermark(5, null)).toBe(5);
  });
});
