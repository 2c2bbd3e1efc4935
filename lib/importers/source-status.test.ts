import { describe, expect, it } from "vitest";
import { sourceStatus } from "./source-status";

describe("sourceStatus", () => {
  const at = new Date("2026-01-01T00:00:00Z");
  it("is paused when disabled, whatever else holds", () => {
    expect(sourceStatus({ enabled: false, lastError: "boom", lastSyncAt: at })).toBe("paused");
  });
  it("is an error while the last pass failed, also before any sync", () => {
    expect(sourceStatus({ enabled: true, lastError: "boom", lastSyncAt: at })).toBe("error");
    expect(sourceStatus({ enabled: true, lastError: "boom", lastSyncAt: null })).toBe("error");
  });
  it("waits for its first sync, then follows", () => {
    expect(sourceStatus({ enabled: true, lastError: null, lastSyncAt: null })).toBe("waiting");
    expect(sourceStatus({ enabled: true, lastError: null, lastSyncAt: at })).toBe("following");
  });
});
