import { describe, expect, it } from "vitest";
import { isKnownStatus, isUnmappedStatus, normalizeLevel, normalizeStatus, statusRule, STATUSES } from "./status";

describe("normalizeStatus", () => {
  it.each([
    ["active", "running"],
    ["ACTIVE", "running"],
    ["in_progress", "running"],
    ["in progress", "running"],
    ["executing", "running"],
    ["ended", "completed"],
    ["archived", "completed"],
    ["closed", "completed"],
    ["awaiting_approval", "awaiting_approval"],
    ["error", "failed"],
    ["canceled", "cancelled"],
    ["expired", "expired"],
    ["assigned", "pending"],
    ["open", "pending"],
  ])("maps %s to %s", (word, expected) => {
    expect(normalizeStatus(word)).toBe(expected);
  });

  it("keeps our own vocabulary as is", () => {
    for (const s of STATUSES) expect(normalizeStatus(s)).toBe(s);
  });

  it.each([
    ["approved_pending_merge", "pending"],
    ["merging", "running"],
    ["deploying", "running"],
    ["awaiting_human_input", "awaiting_approval"],
    ["needs_review", "awaiting_approval"],
    ["build_failed", "failed"],
    ["partially_completed", "completed"],
    ["skipped", "cancelled"],
    ["pinned", "running"],
    ["idle", "pending"],
    ["hibernating", "pending"],
  ])("maps the unknown word %s to %s by a rule", (word, expected) => {
    expect(isKnownStatus(word)).toBe(false);
    expect(statusRule(word)?.status).toBe(expected);
    expect(normalizeStatus(word)).toBe(expected);
  });

  it("tells when the source's word should be shown beside the status", () => {
    expect(isUnmappedStatus("pending", "approved_pending_merge")).toBe(true);
    expect(isUnmappedStatus("failed", "blocked")).toBe(true);
    expect(isUnmappedStatus("running", "active")).toBe(false);
    expect(isUnmappedStatus("running", "running")).toBe(false);
    expect(isUnmappedStatus("running", null)).toBe(false);
    expect(isUnmappedStatus("running", " ")).toBe(false);
  });

  it("uses no rule for a synonym", () => {
    expect(statusRule("in_progress")).toBeUndefined();
    expect(isKnownStatus("In Progress")).toBe(true);
  });

  it("returns undefined for unknown words and missing values", () => {
    expect(normalizeStatus("xyzzy")).toBeUndefined();
    expect(normalizeStatus(undefined)).toBeUndefined();
    expect(normalizeStatus(null)).toBeUndefined();
  });
});

describe("normalizeLevel", () => {
  it("maps source spellings", () => {
    expect(normalizeLevel("WARNING")).toBe("warn");
    expect(normalizeLevel("CRITICAL")).toBe("critical");
    expect(normalizeLevel("fatal")).toBe("critical");
    expect(normalizeLevel("DEBUG")).toBe("debug");
    expect(normalizeLevel(undefined)).toBe("info");
    expect(normalizeLevel("chatty")).toBe("info");
  });
});
