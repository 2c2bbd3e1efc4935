import { describe, expect, it } from "vitest";
import { TRUNCATION_MARKER, parseEvent, parseTimestamp } from "./schemas";
import { capText } from "./text";

describe("parseTimestamp", () => {
  it("treats zone-less timestamps as UTC", () => {
    expect(parseTimestamp("2025-01-12 14:30:22")?.toISOString()).toBe("2025-01-12T14:30:22.000Z");
    expect(parseTimestamp("2025-01-12T14:30:22")?.toISOString()).toBe("2025-01-12T14:30:22.000Z");
  });
  it("honours zones and fractions", () => {
    expect(parseTimestamp("2025-01-12T14:30:22.5+02:00")?.toISOString()).toBe("2025-01-12T12:30:22.500Z");
    expect(parseTimestamp("2025-01-12T14:30:22+0200")?.toISOString()).toBe("2025-01-12T12:30:22.000Z");
    expect(parseTimestamp("2025-01-12T14:30:22Z")?.toISOString()).toBe("2025-01-12T14:30:22.000Z");
  });
  it("accepts epoch milliseconds and rejects nonsense", () => {
    expect(parseTimestamp(0)?.toISOString()).toBe("1970-01-01T00:00:00.000Z");
    expect(parseTimestamp("yesterday")).toBeUndefined();
    expect(parseTimestamp("2025-13-45T00:00:00Z")).toBeUndefined();
    expect(parseTimestamp(-5)).toBeUndefined();
  });
  it("keeps epoch milliseconds to the years text may name (1970–9999)", () => {
    expect(parseTimestamp(Date.UTC(9999, 11, 31))?.toISOString()).toBe("9999-12-31T00:00:00.000Z");
    expect(parseTimestamp(8.64e15)).toBeUndefined(); // year 275760
    expect(parseTimestamp(Date.UTC(10000, 0, 1))).toBeUndefined();
  });
});

describe("parseEvent", () => {
  const base = { id: "e1", type: "llm_call", timestamp: "2026-01-01T00:00:00Z" };

  it("names the field of a bad body value", () => {
    const r = parseEvent({ ...base, body: { callId: "c", sessionId: "s", inputTokens: -1 } });
    expect(r).toMatchObject({ ok: false, id: "e1", error: { code: "invalid_field", field: "body.inputTokens" } });
  });

  it("names a missing required field", () => {
    const r = parseEvent({ ...base, type: "message", body: { messageId: "m", sessionId: "s", from: "a", to: "b" } });
    expect(r).toMatchObject({ ok: false, error: { field: "body.content" } });
  });

  it("rejects an unknown type and a bad timestamp at the envelope", () => {
    expect(parseEvent({ ...base, type: "nope", body: {} })).toMatchObject({ ok: false, error: { field: "type" } });
    expect(parseEvent({ ...base, timestamp: "soon", body: {} })).toMatchObject({
      ok: false,
      error: { field: "timestamp" },
    });
    expect(parseEvent(null)).toMatchObject({ ok: false, id: null });
  });

  it("keeps unknown body fields and accepts numeric ids", () => {
    const r = parseEvent({ ...base, type: "session", body: { sessionId: 42, custom: { x: 1 } } });
    expect(r.ok).toBe(true);
    if (r.ok && r.event.type === "session") {
      expect(r.event.body.sessionId).toBe("42");
      expect((r.event.body as Record<string, unknown>).custom).toEqual({ x: 1 });
    }
  });

  it("rejects deeply nested JSON", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 50; i++) deep = { d: deep };
    expect(parseEvent({ ...base, type: "log", body: { message: "m", details: deep } })).toMatchObject({
      ok: false,
      error: { field: "body.details" },
    });
  });
});

describe("capText", () => {
  it("leaves short text alone and marks cut text visibly", () => {
    expect(capText("abc", 5)).toEqual({ text: "abc", truncated: false });
    const cut = capText("abcdefgh", 5);
    expect(cut.truncated).toBe(true);
    expect(cut.text).toBe("abcde" + TRUNCATION_MARKER.replace("{n}", "3"));
  });
});
