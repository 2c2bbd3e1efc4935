import { describe, expect, it } from "vitest";
import { diffJson } from "./json-diff";

describe("diffJson", () => {
  it("reports added, removed and changed leaves with their paths", () => {
    const { entries, truncated } = diffJson(
      { phase: "pm", groups: [{ id: "a", status: "pending" }], gone: 1, "odd key": true },
      { phase: "eng", groups: [{ id: "a", status: "done" }, { id: "b" }], added: null, "odd key": true },
    );
    expect(truncated).toBe(false);
    expect(entries).toEqual([
      { path: "added", kind: "added", after: null },
      { path: "gone", kind: "removed", before: 1 },
      { path: "groups[0].status", kind: "changed", before: "pending", after: "done" },
      { path: "groups[1]", kind: "added", after: { id: "b" } },
      { path: "phase", kind: "changed", before: "pm", after: "eng" },
    ]);
  });

  it("finds nothing between equal values and quotes keys that are not identifiers", () => {
    expect(diffJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }).entries).toEqual([]);
    expect(diffJson({ "a b": 1 }, { "a b": 2 }).entries[0]?.path).toBe('["a b"]');
  });

  it("reports a type change as a change of the whole value", () => {
    expect(diffJson({ a: [1] }, { a: { 0: 1 } }).entries).toEqual([
      { path: "a", kind: "changed", before: [1], after: { 0: 1 } },
    ]);
    expect(diffJson(1, "1").entries).toEqual([{ path: "(root)", kind: "changed", before: 1, after: "1" }]);
  });

  it("stops at the limit and says so", () => {
    const a = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i]));
    const result = diffJson(a, {}, 5);
    expect(result.entries).toHaveLength(5);
    expect(result.truncated).toBe(true);
  });
});
