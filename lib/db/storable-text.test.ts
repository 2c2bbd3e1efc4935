import { describe, expect, it } from "vitest";
import { storableJson, storableText } from "./storable-text";

describe("storableText", () => {
  it("replaces NUL and lone surrogates, keeps pairs and clean text as they are", () => {
    expect(storableText("a\u0000b")).toBe("a\ufffdb");
    expect(storableText("x\ud800y\udfffz")).toBe("x\ufffdy\ufffdz");
    expect(storableText("crab 🦀 ok")).toBe("crab 🦀 ok");
    const clean = "plain text";
    expect(storableText(clean)).toBe(clean);
  });
});

describe("storableJson", () => {
  it("cleans nested strings and keys, returns the same value when clean, drops __proto__ keys", () => {
    const clean = { a: [1, "x", { b: null }] };
    expect(storableJson(clean)).toBe(clean);
    const dirty = JSON.parse('{"k\\u0000":["\\ud800"],"__proto__":{"p":"\\u0000"},"d":"2026"}') as unknown;
    const out = storableJson(dirty) as Record<string, unknown>;
    expect(JSON.stringify(out)).toBe('{"k\ufffd":["\ufffd"],"d":"2026"}');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    const reparented = Object.assign(Object.create(null) as object, { a: 1 });
    const fixed = storableJson({ nested: reparented }) as { nested: object };
    expect(Object.getPrototypeOf(fixed.nested)).toBe(Object.prototype);
    expect(fixed.nested).toEqual({ a: 1 });
    const date = new Date();
    expect(storableJson({ at: date })).toEqual({ at: date });
  });

  it("stops at depth 64 instead of overflowing the stack", () => {
    const deep = JSON.parse("[".repeat(100_000) + '"\\u0000"' + "]".repeat(100_000)) as unknown;
    expect(storableJson(deep)).toBe(deep);
  });
});
