import { describe, expect, it } from "vitest";
import { maxWatermark, rowRevision } from "./run-import";

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

describe("rowRevision", () => {
  it("names a row seen for the first time by content alone, and counts every later change", () => {
    expect(rowRevision("a", undefined, undefined)).toBeUndefined();
    expect(rowRevision("b", "a", undefined)).toBe(1);
    // back to content it had: the next revision, not the first one's name again
    expect(rowRevision("a", "b", 1)).toBe(2);
    // deleted (no hash kept) and back with the same content
    expect(rowRevision("a", undefined, 0)).toBe(1);
    expect(rowRevision("a", undefined, 2)).toBe(3);
    // append-only rows have no hash and no revision
    expect(rowRevision(undefined, "a", 1)).toBeUndefined();
  });
});
