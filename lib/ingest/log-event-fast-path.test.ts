import { describe, expect, it } from "vitest";
import { FAST_PATH_MATCHES_SCHEMA, parseLogEventFast } from "./log-event-fast-path";
import { redactEvent } from "./redact";
import { LIMITS, parseEvent } from "./schemas";

/** Built at run time so that no literal secret-shaped string sits in the repository. */
const SECRET = `sk-${"a1".repeat(24)}`;

const log = (body: Record<string, unknown>, envelope: Record<string, unknown> = {}) => ({
  id: "e1",
  type: "log",
  timestamp: "2026-01-01T00:00:00Z",
  body,
  ...envelope,
});

const nested = (levels: number): unknown => (levels === 0 ? "leaf" : { a: nested(levels - 1) });

/** Inputs the fast path must answer as parseEvent does, or leave to it. */
const CASES: [string, unknown][] = [
  [
    "the benchmark's log",
    log({
      sessionId: "s-1",
      level: "info",
      kind: "log",
      agentType: "dev",
      message: "hello",
      details: { i: 1, agent: "dev" },
    }),
  ],
  ["message only", log({ message: "" })],
  [
    "every field",
    log({
      sessionId: "s",
      runId: "r",
      agentType: "a",
      agentId: "g",
      level: "WARN",
      kind: "k",
      component: "c",
      iteration: 3,
      message: "m",
      details: [1, "x", null, true, { y: [] }],
      metadata: { b: 1, 2: "two", a: { deep: [1] } },
    }),
  ],
  ["unknown fields, kept in order", log({ zz: 1, message: "m", aa: { x: [1, 2] }, level: "debug", mm: null })],
  ["ids trimmed", log({ sessionId: "  s  ", runId: "\tr\n", message: "m" }, { id: "  e-2 " })],
  ["epoch timestamp", log({ message: "m" }, { timestamp: 1_700_000_000_123 })],
  ["fractional epoch timestamp", log({ message: "m" }, { timestamp: 1.5 })],
  ["zone-less timestamp", log({ message: "m" }, { timestamp: "2025-01-12 14:30:22" })],
  ["offset timestamp", log({ message: "m" }, { timestamp: "2025-01-12T14:30:22.5+0200" })],
  ["numeric id", log({ message: "m" }, { id: 42 })],
  ["numeric session id", log({ sessionId: 7, message: "m" })],
  ["a secret in the message", log({ message: `key ${SECRET}` })],
  ["a secret deep in details", log({ message: "m", details: { a: [{ token: `Bearer ${SECRET}` }] } })],
  ["a secret in an unknown field", log({ message: "m", note: SECRET })],
  ["a secret in an id field", log({ sessionId: SECRET, message: "m" })],
  ["NUL in the message", log({ message: "a\u0000b" })],
  ["a lone surrogate in details", log({ message: "m", details: { t: "x\ud800" } })],
  ["NUL in a key", log({ message: "m", details: { "a\u0000": 1 } })],
  ["NUL in the id", log({ message: "m" }, { id: "e\u00001" })],
  ["__proto__ in details", log({ message: "m", details: JSON.parse('{"__proto__": {"x": 1}, "y": 2}') as unknown })],
  [
    "__proto__ in the body",
    log(JSON.parse('{"message": "m", "__proto__": {"level": "x"}}') as Record<string, unknown>),
  ],
  ["details nested to the limit", log({ message: "m", details: nested(LIMITS.jsonMaxDepth) })],
  ["details nested past the limit", log({ message: "m", details: nested(LIMITS.jsonMaxDepth + 1) })],
  ["an unknown field nested past the limit", log({ message: "m", extra: nested(LIMITS.jsonMaxDepth + 1) })],
  ["metadata nested past the limit", log({ message: "m", metadata: nested(LIMITS.jsonMaxDepth + 1) })],
  ["no message", log({ level: "info" })],
  ["a numeric message", log({ message: 5 })],
  ["an empty session id", log({ sessionId: "  ", message: "m" })],
  ["a session id too long", log({ sessionId: "s".repeat(LIMITS.idMaxLength + 1), message: "m" })],
  ["a session id at the limit", log({ sessionId: "s".repeat(LIMITS.idMaxLength), message: "m" })],
  ["a level too long", log({ level: "l".repeat(LIMITS.shortTextMaxLength + 1), message: "m" })],
  ["a level at the limit", log({ level: "l".repeat(LIMITS.shortTextMaxLength), message: "m" })],
  ["a fractional iteration", log({ iteration: 1.5, message: "m" })],
  ["a negative iteration", log({ iteration: -1, message: "m" })],
  ["an iteration too large", log({ iteration: 2 ** 31, message: "m" })],
  ["metadata an array", log({ message: "m", metadata: [1] })],
  ["metadata null", log({ message: "m", metadata: null })],
  ["details null", log({ message: "m", details: null })],
  ["level null", log({ message: "m", level: null })],
  ["a field undefined", log({ message: "m", level: undefined })],
  ["details undefined", log({ message: "m", details: undefined })],
  ["a body that is an array", log([] as unknown as Record<string, unknown>)],
  ["a body that is null", { id: "e1", type: "log", timestamp: "2026-01-01T00:00:00Z", body: null }],
  ["no body", { id: "e1", type: "log", timestamp: "2026-01-01T00:00:00Z" }],
  ["no id", { type: "log", timestamp: "2026-01-01T00:00:00Z", body: { message: "m" } }],
  ["an empty id", log({ message: "m" }, { id: "" })],
  ["a bad timestamp", log({ message: "m" }, { timestamp: "yesterday" })],
  ["a timestamp out of range", log({ message: "m" }, { timestamp: 8.64e15 })],
  ["a negative timestamp", log({ message: "m" }, { timestamp: -1 })],
  ["a timestamp of the wrong type", log({ message: "m" }, { timestamp: true })],
  ["another type", log({ message: "m" }, { type: "metric" })],
  ["an unknown type", log({ message: "m" }, { type: "nope" })],
  ["an extra envelope field", log({ message: "m" }, { extra: 1 })],
  ["not an object", "log"],
  ["null", null],
  ["an array", [log({ message: "m" })]],
  [
    "a class instance as the body",
    log(
      new (class Body {
        message = "m";
      })() as unknown as Record<string, unknown>,
    ),
  ],
  ["a Date in details", log({ message: "m", details: new Date(0) })],
  ["a bigint in details", log({ message: "m", details: 1n })],
];

/** The fast path's answer agrees with parseEvent's (then redactEvent's), or it defers. */
function expectEquivalent(input: unknown): "fast" | "deferred" {
  const fast = parseLogEventFast(input);
  const full = parseEvent(input);
  if (!fast) return "deferred";
  expect(full.ok).toBe(true);
  if (!full.ok) return "fast";
  expect(fast.event).toStrictEqual(full.event);
  // the same key order too: unknown fields go to metadata in their order
  expect(JSON.stringify(fast.event)).toBe(JSON.stringify(full.event));
  expect(Object.keys(fast.event.body)).toEqual(Object.keys(full.event.body));
  if (fast.secretFree) expect(redactEvent(full.event)).toBe(full.event);
  return "fast";
}

describe("parseLogEventFast", () => {
  it("knows every field of the log schema", () => {
    expect(FAST_PATH_MATCHES_SCHEMA).toBe(true);
  });

  it.each(CASES)("agrees with parseEvent: %s", (_, input) => {
    expectEquivalent(input);
  });

  it("takes the common log events itself and leaves every invalid one to parseEvent", () => {
    const taken = CASES.filter(([, input]) => expectEquivalent(input) === "fast").map(([name]) => name);
    expect(taken).toEqual(
      expect.arrayContaining([
        "the benchmark's log",
        "message only",
        "every field",
        "unknown fields, kept in order",
        "ids trimmed",
        "epoch timestamp",
        "a secret in the message",
        "details nested to the limit",
        "a session id at the limit",
        "a level at the limit",
      ]),
    );
    for (const [name, input] of CASES) if (!parseEvent(input).ok) expect(taken, name).not.toContain(name);
  });

  it("says when redaction has nothing to do, and only then", () => {
    expect(parseLogEventFast(CASES[0]![1])?.secretFree).toBe(true);
    for (const name of ["a secret in the message", "a secret deep in details", "a secret in an unknown field"]) {
      const input = CASES.find(([n]) => n === name)![1];
      const fast = parseLogEventFast(input);
      expect(fast?.secretFree, name).toBe(false);
      expect(redactEvent(fast!.event), name).not.toBe(fast!.event);
    }
  });

  it("agrees with parseEvent on random variations of a log event", () => {
    // a small deterministic generator: each variation changes a few fields to values of many shapes
    let seed = 19;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
    const values: unknown[] = [
      "x",
      "",
      " padded ",
      "a\u0000b",
      "\udc00",
      "l".repeat(LIMITS.shortTextMaxLength + 1),
      SECRET,
      0,
      -1,
      1.5,
      2 ** 31,
      7,
      true,
      null,
      undefined,
      [],
      [1, { a: "b" }],
      {},
      { k: "v", 3: [null] },
      nested(LIMITS.jsonMaxDepth + 1),
    ];
    const fields = [
      "sessionId",
      "runId",
      "agentType",
      "agentId",
      "level",
      "kind",
      "component",
      "iteration",
      "message",
      "details",
      "metadata",
      "extra",
      "id",
      "timestamp",
      "type",
    ];
    let fast = 0;
    for (let i = 0; i < 3000; i++) {
      const body: Record<string, unknown> = { sessionId: "s", level: "info", message: "m", details: { i } };
      const envelope: Record<string, unknown> = {};
      for (let changes = 1 + Math.floor(next() * 3); changes > 0; changes--) {
        const field = pick(fields);
        const value = pick(values);
        if (field === "id" || field === "timestamp" || field === "type") envelope[field] = value;
        else if (next() < 0.2) delete body[field];
        else body[field] = value;
      }
      if (expectEquivalent(log(body, envelope)) === "fast") fast++;
    }
    // both sides of the comparison were exercised
    expect(fast).toBeGreaterThan(300);
    expect(fast).toBeLessThan(2700);
  });
});
