// Property-based fuzzing of the write APIs with malformed and hostile inputs (see
// fuzz-arbitraries.ts). Every answer must be a 4xx or a per-item rejection, never a 5xx; a
// fully rejected request writes nothing; Object.prototype is never polluted.
//
// FUZZ_RUNS sets the generated inputs per database (default 300, under a minute on both
// databases); `FUZZ_RUNS=10000 npx vitest run lib/security/fuzz-api.test.ts` is the full run.
import fc from "fast-check";
import protobuf from "protobufjs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { overrideDbForTests, type Db } from "@/lib/db/client";
import { ingestEvents } from "@/lib/ingest/pipeline";
import { OTLP_PROTO_FILES } from "@/lib/otlp/proto/files";
import { OTLP_PROTO_SOURCES } from "@/lib/otlp/proto/otlp-protos";
import { ensureProject } from "@/lib/projects/projects";
import { BASE_URL, dispatch } from "@/test/support/api-harness";
import { POST as otlpPost } from "@/app/api/v1/otlp/v1/traces/route";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { ensureDefaultPrices } from "@/lib/usage/prices";
import {
  encodeSegment,
  hostileBytes,
  hostileId,
  hostileIngestJson,
  hostileKey,
  hostileOtlpJson,
  hostileValue,
  mutatedObject,
  objectText,
  type RawBody,
} from "./fuzz-arbitraries";

// The fuzzer sends thousands of requests a second with one key: lift the per-key rate limit
// (read when the route module loads) so that every input reaches the handlers.
vi.hoisted(() => {
  process.env.OBSERVATORY_RATE_LIMIT = "1000000000";
  process.env.OBSERVATORY_RATE_BURST = "1000000000";
});

const TOTAL_RUNS = Math.max(5, Number(process.env.FUZZ_RUNS ?? 300));
const share = (fraction: number) => Math.max(1, Math.round(TOTAL_RUNS * fraction));
/** Per-property time limit: generous, so that a slow machine fails on answers, not on time. */
const timeout = (runs: number) => Math.max(60_000, runs * 500);
const RUNS = {
  ingest: share(0.4),
  otlpJson: share(0.2),
  otlpProtobuf: share(0.15),
  gateCreate: share(0.15),
  gateRead: share(0.1),
};

type Tally = { requests: number; items: number; fiveXx: number; byStatus: Record<number, number> };
let tally: Tally = { requests: 0, items: 0, fiveXx: 0, byStatus: {} };
function count(status: number, item = false): void {
  if (item) tally.items++;
  else tally.requests++;
  tally.byStatus[status] = (tally.byStatus[status] ?? 0) + 1;
  if (status >= 500) tally.fiveXx++;
}

/** Rows of every table a write could touch. */
async function rowCounts(db: Db): Promise<Record<string, number>> {
  const [
    sessions,
    agents,
    runs,
    llmCalls,
    contents,
    events,
    messages,
    states,
    tasks,
    decisions,
    artifacts,
    metrics,
    receipts,
    gates,
    audit,
  ] = await Promise.all([
    db.session.count(),
    db.agent.count(),
    db.run.count(),
    db.llmCall.count(),
    db.llmCallContent.count(),
    db.event.count(),
    db.message.count(),
    db.stateSnapshot.count(),
    db.task.count(),
    db.decision.count(),
    db.artifact.count(),
    db.metric.count(),
    db.ingestReceipt.count(),
    db.gate.count(),
    db.auditEntry.count(),
  ]);
  return {
    sessions,
    agents,
    runs,
    llmCalls,
    contents,
    events,
    messages,
    states,
    tasks,
    decisions,
    artifacts,
    metrics,
    receipts,
    gates,
    audit,
  };
}

function protobufType(name: string): protobuf.Type {
  const root = new protobuf.Root();
  for (const file of OTLP_PROTO_FILES) protobuf.parse(OTLP_PROTO_SOURCES[file]!, root, { keepCase: false });
  return root.resolveAll().lookupType(`opentelemetry.proto.collector.trace.v1.${name}`);
}

// Protobuf wire format by hand, for nesting deeper than protobufjs' fromObject allows.
function varint(n: number): Buffer {
  const out: number[] = [];
  while (n > 127) {
    out.push((n & 127) | 128);
    n >>>= 7;
  }
  return Buffer.from([...out, n]);
}
const lengthDelimited = (field: number, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([(field << 3) | 2]), varint(body.length), body]);
};
const fixed64 = (field: number, value: bigint) =>
  Buffer.concat([Buffer.from([(field << 3) | 1]), Buffer.from(new BigUint64Array([value]).buffer)]);
const text = (field: number, s: string) => lengthDelimited(field, Buffer.from(s));

/** A span whose one attribute is an AnyValue kvlist nested `depth` levels deep. */
function deepProtobuf(depth: number): Uint8Array {
  let value = text(1, "leaf"); // AnyValue.string_value
  for (let i = 0; i < depth; i++) {
    value = lengthDelimited(6, lengthDelimited(1, text(1, "k"), lengthDelimited(2, value))); // AnyValue.kvlist_value.values
  }
  const span = Buffer.concat([
    lengthDelimited(1, Buffer.alloc(16, 1)),
    lengthDelimited(2, Buffer.alloc(8, 9)),
    text(5, "deep"),
    fixed64(7, 1777626000000000000n),
    fixed64(8, 1777626001000000000n),
    lengthDelimited(9, text(1, "nested"), lengthDelimited(2, value)),
  ]);
  return new Uint8Array(lengthDelimited(1, lengthDelimited(2, lengthDelimited(2, span))));
}

/** Valid protobuf requests (plain, and nested 50 and 3000 deep) to mutate byte by byte. */
function protobufSeeds(): Uint8Array[] {
  const type = protobufType("ExportTraceServiceRequest");
  const span = (i: number, value: unknown) => ({
    traceId: Buffer.alloc(16, 1),
    spanId: Buffer.alloc(8, i + 1),
    name: "chat",
    startTimeUnixNano: "1777626000000000000",
    endTimeUnixNano: "1777626001000000000",
    attributes: [
      { key: "gen_ai.request.model", value: { stringValue: "gpt-4o\u0000" } },
      { key: "gen_ai.usage.input_tokens", value: { intValue: "9223372036854775807" } },
      { key: "__proto__", value },
    ],
  });
  const encode = (spans: unknown[]) =>
    type.encode(type.fromObject({ resourceSpans: [{ scopeSpans: [{ spans }] }] })).finish();
  return [
    encode([span(0, { stringValue: "x" }), span(1, { doubleValue: 1e308 })]),
    deepProtobuf(50),
    deepProtobuf(3000),
  ];
}

const hostileProtobuf = (seeds: Uint8Array[]): fc.Arbitrary<RawBody> =>
  fc
    .record({
      seed: fc.constantFrom(...seeds),
      edits: fc.array(
        fc.record({
          at: fc.nat(),
          byte: fc.integer({ min: 0, max: 255 }),
          op: fc.constantFrom("set", "insert", "truncate"),
        }),
        { maxLength: 4 },
      ),
      contentType: fc.constantFrom(
        "application/x-protobuf",
        "application/protobuf",
        "application/x-protobuf; charset=binary",
      ),
      random: fc.option(fc.uint8Array({ maxLength: 256 }), { freq: 5 }),
    })
    .map(({ seed, edits, contentType, random }) => {
      if (random) return { bytes: random, contentType };
      if (edits.length === 0) return { bytes: seed, contentType };
      let bytes = [...seed];
      for (const { at, byte, op } of edits) {
        const i = bytes.length === 0 ? 0 : at % bytes.length;
        if (op === "set") bytes[i] = byte;
        else if (op === "insert") bytes.splice(i, 0, byte);
        else bytes = bytes.slice(0, i);
      }
      return { bytes: new Uint8Array(bytes), contentType };
    });

describe.each(databaseKinds())("fuzzing the write APIs on %s", (kind) => {
  let t: TestDatabase;
  let key: string;
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

  beforeAll(async () => {
    tally = { requests: 0, items: 0, fiveXx: 0, byStatus: {} };
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    await ensureDefaultPrices(t.db);
    const project = await ensureProject(t.db, "fuzz");
    key = (await createApiKey(t.db, { projectId: project.id, name: "fuzzer" })).key;
    await ingestEvents(t.db, project.id, [
      { id: "seed-s", type: "session", timestamp: "2026-05-01T09:00:00Z", body: { sessionId: "fz-gate-s" } },
    ]);
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  function request(path: string, init: { method: string; body?: RawBody; headers?: Record<string, string> }): Request {
    const headers: Record<string, string> = { authorization: `Bearer ${key}`, ...init.headers };
    if (init.body) {
      headers["content-type"] = init.body.contentType;
      if (init.body.encoding) headers["content-encoding"] = init.body.encoding;
    }
    return new Request(`${BASE_URL}${path}`, {
      method: init.method,
      headers,
      body: init.body ? (init.body.bytes as Uint8Array<ArrayBuffer>) : undefined,
    });
  }

  it(
    `POST /api/v1/ingest: ${RUNS.ingest} hostile bodies answer 4xx or per-event rejections, and a rejected batch writes nothing`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          hostileBytes(hostileIngestJson, ["application/json", "text/plain", "application/json; charset=utf-8"]),
          async (body) => {
            const before = await rowCounts(t.db);
            const res = await dispatch(request("/api/v1/ingest", { method: "POST", body }));
            count(res.status);
            expect(res.status).toBeLessThan(500);
            const json = (await res.json()) as { results?: { status: number }[] };
            const results = res.status === 207 ? (json.results ?? []) : [];
            for (const r of results) {
              count(r.status, true);
              expect(r.status).toBeLessThan(500);
            }
            if (results.every((r) => r.status >= 400)) expect(await rowCounts(t.db)).toEqual(before);
          },
        ),
        { numRuns: RUNS.ingest },
      );
    },
    timeout(RUNS.ingest),
  );

  it(
    `POST /api/v1/otlp/v1/traces (JSON): ${RUNS.otlpJson} hostile bodies never answer 5xx`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          hostileBytes(hostileOtlpJson, ["application/json", "application/json; charset=utf-8", "text/json"]),
          async (body) => {
            const before = await rowCounts(t.db);
            const res = await otlpPost(request("/api/v1/otlp/v1/traces", { method: "POST", body }), {
              params: Promise.resolve({}),
            });
            count(res.status);
            expect(res.status).toBeLessThan(500);
            if (res.status >= 400) expect(await rowCounts(t.db)).toEqual(before);
          },
        ),
        { numRuns: RUNS.otlpJson },
      );
    },
    timeout(RUNS.otlpJson),
  );

  it(
    `POST /api/v1/otlp/v1/traces (protobuf): ${RUNS.otlpProtobuf} corrupted messages never answer 5xx`,
    async () => {
      const seeds = protobufSeeds();
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            { weight: 4, arbitrary: hostileProtobuf(seeds) },
            { weight: 1, arbitrary: hostileBytes(fc.constant("{}"), ["application/x-protobuf"]) },
          ),
          async (body) => {
            const before = await rowCounts(t.db);
            const res = await otlpPost(request("/api/v1/otlp/v1/traces", { method: "POST", body }), {
              params: Promise.resolve({}),
            });
            count(res.status);
            expect(res.status).toBeLessThan(500);
            if (res.status >= 400) expect(await rowCounts(t.db)).toEqual(before);
          },
        ),
        { numRuns: RUNS.otlpProtobuf },
      );
    },
    timeout(RUNS.otlpProtobuf),
  );

  it(
    `POST /api/v1/sessions/{id}/gates: ${RUNS.gateCreate} hostile requests answer 4xx or create a gate, a refused one writes nothing`,
    async () => {
      let n = 0;
      const gateBody = fc
        .record({
          fresh: fc.boolean(),
          mutated: mutatedObject({
            title: "Deploy?",
            summary: "s",
            payload: { a: [1] },
            phase: "p",
            expiresInSeconds: 60,
            allowEdit: true,
            onReject: "resume",
          }),
        })
        .map(({ fresh, mutated }) =>
          fresh ? mutated.replace(/^\{/, `{"gateId":"fz-gate-${process.pid}-${++n}",`) : mutated,
        );
      const json = fc.oneof(
        { weight: 4, arbitrary: gateBody },
        { weight: 1, arbitrary: hostileValue },
        {
          weight: 1,
          arbitrary: fc.tuple(hostileKey, hostileValue).map(([k, v]) =>
            objectText([
              ["title", '"t"'],
              [k, v],
            ]),
          ),
        },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.oneof({ weight: 4, arbitrary: fc.constant("fz-gate-s") }, { weight: 1, arbitrary: hostileId }),
          hostileBytes(json, ["application/json"]),
          async (sessionId, body) => {
            const before = await rowCounts(t.db);
            const res = await dispatch(
              request(`/api/v1/sessions/${encodeSegment(sessionId)}/gates`, { method: "POST", body }),
            );
            count(res.status);
            expect(res.status).toBeLessThan(500);
            if (res.status >= 400) expect(await rowCounts(t.db)).toEqual(before);
          },
        ),
        { numRuns: RUNS.gateCreate },
      );
    },
    timeout(RUNS.gateCreate),
  );

  it(
    `GET /api/v1/gates/{id}: ${RUNS.gateRead} hostile ids and wait values never answer 5xx`,
    async () => {
      const wait = fc.constantFrom(
        "",
        "0",
        "0.001",
        "-1",
        "61",
        "1e309",
        "NaN",
        "Infinity",
        "abc",
        "__proto__",
        "0x10",
        "1,2",
      );
      const extra = fc.constantFrom("", "&wait=0", "&__proto__[x]=1", "&constructor=1", "&%00=%00");
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.constant(`fz-gate-${process.pid}-1`), hostileId),
          wait,
          extra,
          async (gateId, w, more) => {
            const res = await dispatch(
              request(`/api/v1/gates/${encodeSegment(gateId)}?wait=${encodeURIComponent(w)}${more}`, { method: "GET" }),
            );
            count(res.status);
            expect(res.status).toBeLessThan(500);
          },
        ),
        { numRuns: RUNS.gateRead },
      );
      // a wait on the real pending gate long-polls for up to its value in seconds ("0x10" is 16)
    },
    timeout(RUNS.gateRead) + 240_000,
  );

  it("leaves Object.prototype unpolluted", () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    console.log(
      `[fuzz] ${kind}: ${tally.requests} hostile requests, ${tally.items} per-event results, ${tally.fiveXx} with status >= 500; by status ${JSON.stringify(tally.byStatus)}`,
    );
    expect(tally.fiveXx).toBe(0);
  });
});
