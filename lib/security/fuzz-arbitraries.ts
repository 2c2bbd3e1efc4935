// fast-check generators of malformed and hostile request bodies for the API fuzz tests:
// wrong types, huge numbers, deep nesting, invalid UTF-8, giant strings, prototype keys,
// NUL and lone surrogates, gzip bombs. JSON is built as text so that it can carry what
// JSON.stringify cannot (1e400, duplicate and __proto__ keys, raw nesting 100k deep).
import { gzipSync } from "node:zlib";
import fc from "fast-check";

/** A JSON fragment as text. */
export type Json = string;

const str = (s: string): Json => JSON.stringify(s);

// Built once: generating megabytes inside every run would dominate the run time.
const MB = "A".repeat(1024 * 1024 + 17);
const deep = (n: number, open: string, close: string, leaf = "0"): Json => open.repeat(n) + leaf + close.repeat(n);

export const HOSTILE_STRINGS: readonly Json[] = [
  str(""),
  str(" "),
  str("\u0000"),
  str("nul\u0000inside"),
  '"\\ud800"', // lone high surrogate, as a JSON escape
  '"\\udfff tail"',
  '"\\u0000\\u0001\\u001f"',
  str("\u202e\u200b\ufeff"),
  str("🦀".repeat(50)),
  str("x".repeat(1001)),
  str("x".repeat(300 * 1024)),
  str(MB),
  str("__proto__"),
  str("constructor"),
  str('\'; DROP TABLE "Session"; --'),
  str("<script>alert(1)</script>"),
  str("../../../../etc/passwd"),
  str("%00%ff%fe"),
  str("2026-13-45T99:99:99Z"),
  str("9999-12-31T23:59:59.999Z"),
  str("0000-01-01T00:00:00Z"),
  str("1970-01-01"),
];

export const HOSTILE_NUMBERS: readonly Json[] = [
  "0",
  "-0",
  "-1",
  "1.5",
  "2147483647",
  "2147483648",
  "4294967296",
  "9007199254740991",
  "9007199254740993",
  "18446744073709551616",
  "1e308",
  "1e400",
  "-1e400",
  "5e-324",
  "1e-400",
  "123456789012345678901234567890",
  "8.64e15",
  "8.64e15",
];

export const HOSTILE_STRUCTURES: readonly Json[] = [
  "null",
  "true",
  "false",
  "[]",
  "{}",
  deep(40, "[", "]"),
  deep(5_000, "[", "]"),
  deep(100_000, "[", "]"),
  deep(40, '{"a":', "}"),
  deep(20_000, '{"a":', "}"),
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"__proto__":null,"a":1}',
  '{"a":1,"a":2,"a":{"__proto__":[1]}}',
  '{"toString":"x","valueOf":1,"hasOwnProperty":null}',
  `[${Array.from({ length: 2000 }, (_, i) => i).join(",")}]`,
];

/** Any hostile scalar or structure. */
export const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constantFrom(...HOSTILE_STRUCTURES),
  fc.string({ unit: "binary", maxLength: 40 }).map(str),
  fc.double().map((d) => (Number.isFinite(d) ? String(d) : "1e999")),
  fc.integer().map(String),
);

/** Keys that have bitten JavaScript servers before, plus random ones. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "__proto__",
    "constructor",
    "prototype",
    "toString",
    "hasOwnProperty",
    "",
    "\u0000",
    "\ud800",
    "metadata",
    "id",
    "type",
    "body",
  ),
  fc.string({ unit: "binary", maxLength: 12 }),
);

/** A JSON object text from entries, keeping duplicates and __proto__ as own keys. */
export function objectText(entries: readonly (readonly [string, Json])[]): Json {
  return `{${entries.map(([k, v]) => `${str(k)}:${v}`).join(",")}}`;
}

/** Valid-looking objects with some fields replaced by hostile values or keys. */
export function mutatedObject(template: Record<string, unknown>): fc.Arbitrary<Json> {
  const keys = Object.keys(template);
  return fc
    .record({
      replace: fc.array(fc.tuple(fc.constantFrom(...keys), hostileValue), { maxLength: 3 }),
      drop: fc.array(fc.constantFrom(...keys), { maxLength: 2 }),
      extra: fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 3 }),
    })
    .map(({ replace, drop, extra }) => {
      const entries = new Map<string, Json>(keys.map((k) => [k, JSON.stringify(template[k])]));
      for (const k of drop) entries.delete(k);
      for (const [k, v] of replace) entries.set(k, v);
      return objectText([...entries, ...extra]);
    });
}

const ts = "2026-05-01T09:00:00.000Z";
/** One valid body per ingest event type, as the starting point of mutations. */
export const INGEST_TEMPLATES: Record<string, Record<string, unknown>> = {
  session: { sessionId: "fz-s", mission: "m", status: "running", metadata: { a: 1 } },
  agent: { agentId: "fz-a", type: "planner", heartbeatAt: ts },
  run: { runId: "fz-r", sessionId: "fz-s", agentType: "planner", status: "running", startedAt: ts },
  llm_call: {
    callId: "fz-c",
    sessionId: "fz-s",
    model: "gpt-4o-mini",
    inputTokens: 10,
    outputTokens: 5,
    costUsd: 0.1,
    prompt: "p",
  },
  log: { sessionId: "fz-s", message: "hello", details: { k: 1 } },
  message: { messageId: "fz-m", sessionId: "fz-s", from: "a", to: "b", content: "hi" },
  state: { sessionId: "fz-s", kind: "k", data: { step: 1 } },
  task: {
    taskId: "fz-t",
    sessionId: "fz-s",
    name: "T",
    labels: ["x"],
    dependsOn: ["fz-t2"],
    comments: [{ id: "c1", body: "b" }],
  },
  decision: { sessionId: "fz-s", decisionType: "d", data: {} },
  artifact: { artifactId: "fz-art", sessionId: "fz-s", type: "prd", name: "PRD", scores: { q: 1 } },
  metric: { name: "latency", value: 3, labels: { k: "v" } },
};

let eventSeq = 0;
/** An ingest event: a hostile envelope, or a valid envelope around a mutated body. */
export const hostileEvent: fc.Arbitrary<Json> = fc.oneof(
  hostileValue,
  fc.constantFrom(...Object.keys(INGEST_TEMPLATES)).chain((type) =>
    fc
      .record({
        body: fc.oneof(mutatedObject(INGEST_TEMPLATES[type]!), hostileValue),
        id: fc.oneof({ weight: 4, arbitrary: fc.constant("fresh") }, { weight: 1, arbitrary: hostileValue }),
        timestamp: fc.oneof({ weight: 3, arbitrary: fc.constant(str(ts)) }, { weight: 1, arbitrary: hostileValue }),
        type: fc.oneof({ weight: 5, arbitrary: fc.constant(str(type)) }, { weight: 1, arbitrary: hostileValue }),
        extra: fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 2 }),
      })
      .map(({ body, id, timestamp, type: t, extra }) =>
        objectText([
          ["id", id === "fresh" ? str(`fz-${process.pid}-${++eventSeq}`) : id],
          ["type", t],
          ["timestamp", timestamp],
          ["body", body],
          ...extra,
        ]),
      ),
  ),
);

/** An ingest request body: events arrays of hostile events, or a hostile whole. */
export const hostileIngestJson: fc.Arbitrary<Json> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .array(hostileEvent, { maxLength: 4 })
      .map((events) => objectText([["events", `[${events.join(",")}]`]])),
  },
  { weight: 1, arbitrary: hostileValue },
  {
    weight: 1,
    arbitrary: fc.tuple(hostileKey, hostileValue).map(([k, v]) =>
      objectText([
        ["events", "[]"],
        [k, v],
      ]),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constant(objectText([["events", `[${Array.from({ length: 1001 }, () => "{}").join(",")}]`]])),
  },
);

export type RawBody = { bytes: Uint8Array; contentType: string; encoding?: string };

const enc = new TextEncoder();
const GZIP_BOMB = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)); // 64 MB of spaces in ~64 KB
const GZIP_JSON_BOMB = gzipSync(Buffer.from(`{"events":[${'"x",'.repeat(2_000_000)}"x"]}`));

/** Invalid UTF-8 sequences: lone continuation bytes, overlongs, encoded surrogates, 0xFF. */
const INVALID_UTF8: readonly number[][] = [
  [0x80],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xff],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xe2, 0x82],
];

/** Bytes around a JSON text: as is, with invalid UTF-8 spliced in, gzipped, bombed or random. */
export function hostileBytes(json: fc.Arbitrary<Json>, contentTypes: readonly string[]): fc.Arbitrary<RawBody> {
  const type = fc.constantFrom(...contentTypes);
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .record({ text: json, contentType: type })
        .map(({ text, contentType }) => ({ bytes: enc.encode(text), contentType })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ text: json, at: fc.nat(), bad: fc.constantFrom(...INVALID_UTF8), contentType: type })
        .map(({ text, at, bad, contentType }) => {
          const bytes = enc.encode(text);
          const i = bytes.length === 0 ? 0 : at % bytes.length;
          return { bytes: new Uint8Array([...bytes.subarray(0, i), ...bad, ...bytes.subarray(i)]), contentType };
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ text: json, contentType: type })
        .map(({ text, contentType }) => ({ bytes: gzipSync(text), contentType, encoding: "gzip" })),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        bytes: fc.constantFrom<Uint8Array>(
          GZIP_BOMB,
          GZIP_JSON_BOMB,
          GZIP_BOMB.subarray(0, 1000),
          enc.encode("not gzip at all"),
        ),
        contentType: type,
        encoding: fc.constantFrom("gzip", "x-gzip", "GZIP", "br", "deflate", "gzip, gzip"),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        bytes: fc.uint8Array({ maxLength: 512 }),
        contentType: fc.oneof(type, fc.string({ maxLength: 30 })),
      }),
    },
  );
}

/** Request path segments: encoded so they reach the handler as the raw hostile string. */
export const hostileId: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "x",
    "\u0000",
    "a\u0000b",
    "\ud800",
    "__proto__",
    "constructor",
    "..",
    "%",
    " ",
    "x".repeat(300),
    "x".repeat(5000),
    "🦀",
    "' OR 1=1 --",
  ),
  fc.string({ unit: "binary", minLength: 1, maxLength: 20 }),
);

export function encodeSegment(s: string): string {
  // encodeURIComponent throws on lone surrogates; those reach the handler as U+FFFD in practice
  return encodeURIComponent(
    s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"),
  );
}

// ---- OTLP ----------------------------------------------------------------------------

const hex = (n: number) => fc.uint8Array({ minLength: n, maxLength: n }).map((b) => Buffer.from(b).toString("hex"));

const otlpAttribute: fc.Arbitrary<Json> = fc.oneof(
  fc
    .record({
      k: fc.constantFrom(
        "gen_ai.usage.input_tokens",
        "gen_ai.request.model",
        "session.id",
        "gen_ai.prompt",
        "__proto__",
      ),
      v: hostileValue,
    })
    .map(({ k, v }) =>
      objectText([
        ["key", str(k)],
        ["value", objectText([["intValue", v]])],
      ]),
    ),
  fc.record({ k: hostileKey, v: hostileValue }).map(({ k, v }) =>
    objectText([
      ["key", str(k)],
      ["value", objectText([["stringValue", v]])],
    ]),
  ),
  fc.constant(
    objectText([
      ["key", str("nested")],
      ["value", deep(60, '{"kvlistValue":{"values":[{"key":"k","value":', "}]}}", '{"stringValue":"x"}')],
    ]),
  ),
  hostileValue,
);

const otlpSpan: fc.Arbitrary<Json> = fc
  .record({
    traceId: fc.oneof(hex(16).map(str), hostileValue),
    spanId: fc.oneof(hex(8).map(str), hostileValue),
    parentSpanId: fc.oneof(fc.constant(str("")), hex(8).map(str), hostileValue),
    name: fc.oneof(fc.constant(str("chat gpt-4o")), hostileValue),
    kind: fc.oneof(fc.constant("3"), hostileValue),
    start: fc.oneof(fc.constant(str("1777626000000000000")), hostileValue),
    end: fc.oneof(fc.constant(str("1777626001000000000")), hostileValue),
    attributes: fc.oneof(
      fc.array(otlpAttribute, { maxLength: 4 }).map((a) => `[${a.join(",")}]`),
      hostileValue,
    ),
    status: fc.oneof(fc.constant('{"code":2,"message":"boom"}'), hostileValue),
    extra: fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 2 }),
  })
  .map((s) =>
    objectText([
      ["traceId", s.traceId],
      ["spanId", s.spanId],
      ["parentSpanId", s.parentSpanId],
      ["name", s.name],
      ["kind", s.kind],
      ["startTimeUnixNano", s.start],
      ["endTimeUnixNano", s.end],
      ["attributes", s.attributes],
      ["status", s.status],
      ...s.extra,
    ]),
  );

/** An ExportTraceServiceRequest in OTLP/JSON with hostile spans, or a hostile whole. */
export const hostileOtlpJson: fc.Arbitrary<Json> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        spans: fc.array(otlpSpan, { maxLength: 4 }),
        resource: fc.oneof(fc.constant("{}"), hostileValue),
        scope: fc.oneof(fc.constant('{"name":"s"}'), hostileValue),
      })
      .map(({ spans, resource, scope }) =>
        objectText([
          [
            "resourceSpans",
            `[${objectText([
              ["resource", resource],
              [
                "scopeSpans",
                `[${objectText([
                  ["scope", scope],
                  ["spans", `[${spans.join(",")}]`],
                ])}]`,
              ],
            ])}]`,
          ],
        ]),
      ),
  },
  { weight: 1, arbitrary: hostileValue },
  { weight: 1, arbitrary: fc.oneof(hostileValue, fc.constant("[1,2]")).map((v) => objectText([["resourceSpans", v]])) },
);
