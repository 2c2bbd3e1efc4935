import { readFileSync } from "node:fs";
import path from "node:path";
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { ATTRIBUTE_LIMITS, keyValues } from "./attributes";
import { decodeTraces, otlpFormat } from "./decode";
import { normalizeId } from "./ids";
import { encodeTraceResponseProtobuf, traceResponseJson } from "./protobuf";
import { OTLP_PROTO_FILES } from "./proto/files";
import { OTLP_PROTO_SOURCES } from "./proto/otlp-protos";

const TRACE_HEX = "5b8efff798038103d269b633813fc60c";
const SPAN_HEX = "eee19b7ec3c1b174";
const PARENT_HEX = "eee19b7ec3c1b173";
const b64 = (hex: string) => Buffer.from(hex, "hex").toString("base64");

/** The example of opentelemetry-proto's examples/trace.json, with a few more attribute kinds. */
function exampleRequest(spans: unknown[] = [exampleSpan()]) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: "my.service" } }] },
        scopeSpans: [{ scope: { name: "my.library", version: "1.0.0" }, spans }],
      },
    ],
  };
}
function exampleSpan(overrides: Record<string, unknown> = {}) {
  return {
    traceId: TRACE_HEX.toUpperCase(),
    spanId: SPAN_HEX.toUpperCase(),
    parentSpanId: PARENT_HEX,
    name: "I'm a server span",
    startTimeUnixNano: "1544712660000000000",
    endTimeUnixNano: "1544712661000000000",
    kind: 2,
    attributes: [
      { key: "my.span.attr", value: { stringValue: "some value" } },
      { key: "count", value: { intValue: "42" } },
      { key: "big", value: { intValue: "9223372036854775807" } },
      { key: "ratio", value: { doubleValue: 0.5 } },
      { key: "flag", value: { boolValue: true } },
      { key: "list", value: { arrayValue: { values: [{ stringValue: "a" }, { intValue: 1 }] } } },
      { key: "map", value: { kvlistValue: { values: [{ key: "k", value: { stringValue: "v" } }] } } },
      { key: "raw", value: { bytesValue: "AQID" } },
      { key: "empty", value: {} },
    ],
    status: { code: 2, message: "boom" },
    ...overrides,
  };
}
const json = (body: unknown) => new TextEncoder().encode(JSON.stringify(body));

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected an ApiError");
}

function protobufRoot(): protobuf.Root {
  const root = new protobuf.Root();
  for (const file of OTLP_PROTO_FILES) protobuf.parse(OTLP_PROTO_SOURCES[file]!, root, { keepCase: false });
  root.resolveAll();
  return root;
}

describe("content types", () => {
  it("accepts OTLP/JSON and OTLP/protobuf, with parameters, and refuses anything else with 415", () => {
    expect(otlpFormat("application/json; charset=utf-8")).toBe("json");
    expect(otlpFormat("Application/X-Protobuf")).toBe("protobuf");
    for (const type of ["text/plain", "application/grpc", null]) {
      const error = apiError(() => otlpFormat(type));
      expect(error.status).toBe(415);
      expect(error.message).toMatch(/application\/json or application\/x-protobuf/);
    }
  });
});

describe("OTLP/JSON", () => {
  it("decodes the spec example: hex ids in any case, string int64 times, every attribute kind", () => {
    const { spans, rejected, total } = decodeTraces("json", json(exampleRequest()));
    expect([rejected, total]).toEqual([[], 1]);
    expect(spans[0]).toEqual({
      index: 0,
      traceId: TRACE_HEX,
      spanId: SPAN_HEX,
      parentSpanId: PARENT_HEX,
      name: "I'm a server span",
      kind: 2,
      startTimeUnixNano: 1544712660000000000n,
      endTimeUnixNano: 1544712661000000000n,
      attributes: {
        "my.span.attr": "some value",
        count: 42,
        big: "9223372036854775807",
        ratio: 0.5,
        flag: true,
        list: ["a", 1],
        map: { k: "v" },
        raw: "AQID",
        empty: null,
      },
      events: [],
      status: { code: 2, message: "boom" },
      resource: { "service.name": "my.service" },
      scope: { name: "my.library", version: "1.0.0" },
    });
  });

  it("accepts base64 ids, snake_case field names, numeric times and enum names", () => {
    const body = {
      resource_spans: [
        {
          scope_spans: [
            {
              spans: [
                {
                  trace_id: b64(TRACE_HEX),
                  span_id: b64(SPAN_HEX),
                  name: "s",
                  start_time_unix_nano: 1544712660000000000,
                  kind: "SPAN_KIND_CLIENT",
                  status: { code: "STATUS_CODE_OK" },
                },
              ],
            },
          ],
        },
      ],
    };
    const [span] = decodeTraces("json", json(body)).spans;
    expect(span).toMatchObject({
      traceId: TRACE_HEX,
      spanId: SPAN_HEX,
      kind: 3,
      status: { code: 1 },
      endTimeUnixNano: 0n,
    });
    expect(span?.parentSpanId).toBeUndefined();
  });

  it("rejects bad spans one by one and keeps the others", () => {
    const spans = [
      exampleSpan({ traceId: "00000000000000000000000000000000" }),
      exampleSpan({ spanId: "abc" }),
      exampleSpan({ parentSpanId: "not-an-id" }),
      exampleSpan({ startTimeUnixNano: undefined, endTimeUnixNano: "0" }),
      "not a span",
      exampleSpan({ spanId: "0000000000000001" }),
    ];
    const { spans: ok, rejected, total } = decodeTraces("json", json(exampleRequest(spans)));
    expect(total).toBe(6);
    expect(ok.map((s) => [s.index, s.spanId])).toEqual([[5, "0000000000000001"]]);
    expect(rejected).toEqual([
      { index: 0, reason: "traceId must be a non-zero 16-byte id" },
      { index: 1, reason: "spanId must be a non-zero 8-byte id" },
      { index: 2, reason: "parentSpanId must be empty or a non-zero 8-byte id" },
      { index: 3, reason: "the span has neither a start nor an end time" },
      { index: 4, reason: "a span must be an object" },
    ]);
  });

  it("refuses bodies that are not JSON or not an export request with 400", () => {
    const cases: [Uint8Array, RegExp][] = [
      [new TextEncoder().encode("{not json"), /not valid JSON/],
      [new Uint8Array([0xff, 0xfe, 0x00]), /UTF-8/],
      [json([1, 2]), /ExportTraceServiceRequest/],
      [json({ resourceSpans: {} }), /resourceSpans: must be an array/],
      [
        json({ resourceSpans: [{ scopeSpans: [{ spans: "x" }] }] }),
        /resourceSpans\[0\]\.scopeSpans\[0\]\.spans: must be an array/,
      ],
    ];
    for (const [bytes, message] of cases) {
      const error = apiError(() => decodeTraces("json", bytes));
      expect(error.status).toBe(400);
      expect(error.message).toMatch(message);
    }
    expect(decodeTraces("json", json({})).total).toBe(0);
  });
});

describe("attribute bounds", () => {
  it("bounds depth, item counts, key length and string length, and keeps __proto__ an ordinary key", () => {
    let deep: unknown = { stringValue: "bottom" };
    for (let i = 0; i < 50; i++) deep = { arrayValue: { values: [deep] } };
    const many = Array.from({ length: 400 }, (_, i) => ({ key: `k${i}`, value: { intValue: i } }));
    const attrs = keyValues([
      { key: "deep", value: deep },
      { key: "long", value: { stringValue: "x".repeat(ATTRIBUTE_LIMITS.textCap + 10) } },
      { key: "k".repeat(300), value: { stringValue: "dropped" } },
      { key: "__proto__", value: { stringValue: "plain" } },
      { key: "dup", value: { stringValue: "first" } },
      { key: "dup", value: { stringValue: "second" } },
      ...many,
    ]);
    expect(Object.keys(attrs)).toHaveLength(ATTRIBUTE_LIMITS.maxAttributes);
    expect(JSON.stringify(attrs.deep)).toContain("[nested too deep]");
    expect((attrs.long as string).length).toBeLessThan(ATTRIBUTE_LIMITS.textCap + 200);
    expect(attrs.long).toContain("[truncated by Agent Observatory: 10 more characters]");
    expect(Object.getPrototypeOf(attrs)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(attrs, "__proto__")?.value).toBe("plain");
    expect(attrs.dup).toBe("first");
  });

  it("normalizes ids from bytes, hex and base64 and refuses zero or mis-sized ids", () => {
    expect(normalizeId(Buffer.from(SPAN_HEX, "hex"), 8)).toBe(SPAN_HEX);
    expect(normalizeId(b64(SPAN_HEX).replace(/\+/g, "-").replace(/\//g, "_"), 8)).toBe(SPAN_HEX);
    expect(normalizeId("", 8)).toBeUndefined();
    expect(normalizeId(new Uint8Array(0), 8)).toBeUndefined();
    expect(normalizeId(new Uint8Array(8), 8)).toBeNull();
    expect(normalizeId(TRACE_HEX, 8)).toBeNull();
    expect(normalizeId(42, 8)).toBeNull();
  });
});

describe("OTLP/protobuf", () => {
  it("embeds the vendored official .proto files verbatim", () => {
    for (const file of OTLP_PROTO_FILES) {
      const onDisk = readFileSync(path.join(import.meta.dirname, "proto", file), "utf8");
      expect(OTLP_PROTO_SOURCES[file]).toBe(onDisk);
      expect(onDisk).toContain('Licensed under the Apache License, Version 2.0 (the "License");');
    }
  });

  it("decodes the same request as its JSON form", () => {
    const Request = protobufRoot().lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest");
    const spanHex = (s: Record<string, unknown>) => ({
      ...s,
      traceId: Buffer.from(TRACE_HEX, "hex"),
      spanId: Buffer.from(SPAN_HEX, "hex"),
      parentSpanId: Buffer.from(PARENT_HEX, "hex"),
    });
    const withBytes = exampleRequest([
      spanHex({
        ...exampleSpan(),
        attributes: exampleSpan().attributes.map((a) =>
          a.key === "raw" ? { key: "raw", value: { bytesValue: Buffer.from([1, 2, 3]) } } : a,
        ),
      }),
    ]);
    const bytes = Request.encode(Request.fromObject(withBytes)).finish();
    const fromProtobuf = decodeTraces("protobuf", bytes);
    expect(fromProtobuf).toEqual(decodeTraces("json", json(exampleRequest())));
  });

  it("refuses truncated or garbage bytes with 400", () => {
    const Request = protobufRoot().lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest");
    const bytes = Request.encode(
      Request.fromObject({ ...exampleRequest(), resourceSpans: exampleRequest().resourceSpans }),
    ).finish();
    for (const bad of [
      bytes.subarray(0, bytes.length - 5),
      new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x0f]),
      new TextEncoder().encode('{"resourceSpans":[]}'),
    ]) {
      const error = apiError(() => decodeTraces("protobuf", bad));
      expect(error.status).toBe(400);
      expect(error.code).toBe("invalid_protobuf");
    }
  });

  it("encodes ExportTraceServiceResponse with partial success in both encodings", () => {
    const Response = protobufRoot().lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse");
    const body = { partialSuccess: { rejectedSpans: 2, errorMessage: "2 of 5 spans were rejected" } };
    const decoded = Response.toObject(Response.decode(encodeTraceResponseProtobuf(body)), { longs: Number });
    expect(decoded).toEqual(body);
    expect(encodeTraceResponseProtobuf({})).toHaveLength(0);
    expect(traceResponseJson(body)).toEqual({
      partialSuccess: { rejectedSpans: "2", errorMessage: "2 of 5 spans were rejected" },
    });
    expect(traceResponseJson({})).toEqual({});
  });
});
