// ExportTraceServiceRequest (as parsed OTLP/JSON, or protobufjs' toObject output) to the
// decoded model. A request whose structure is wrong is refused as a whole (400); a span
// that cannot be used is rejected on its own and reported in partialSuccess.
import { ApiError } from "@/lib/api/errors";
import { field, keyValues } from "./attributes";
import { normalizeId, toNanos } from "./ids";
import type { Attributes, DecodedTraces, OtlpSpan, OtlpSpanEvent, StatusCode } from "./model";

const MAX_SPAN_EVENTS = 128;
const SPAN_KINDS = [
  "SPAN_KIND_UNSPECIFIED",
  "SPAN_KIND_INTERNAL",
  "SPAN_KIND_SERVER",
  "SPAN_KIND_CLIENT",
  "SPAN_KIND_PRODUCER",
  "SPAN_KIND_CONSUMER",
];
const STATUS_CODES = ["STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"];

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** A repeated field: absent is empty, anything but an array is a malformed request. */
function list(obj: Record<string, unknown>, camel: string, snake: string, path: string): unknown[] {
  const v = field(obj, camel, snake);
  if (v === undefined || v === null) return [];
  const at = path ? `${path}.${camel}` : camel;
  if (!Array.isArray(v)) throw new ApiError(400, "invalid_body", `${at}: must be an array`, { field: at });
  return v;
}

/** Enums are integers in OTLP/JSON; the protobuf JSON mapping also allows their names. */
function enumValue(v: unknown, names: readonly string[]): number {
  if (typeof v === "number" && Number.isInteger(v) && v >= 0) return v;
  if (typeof v === "string") {
    const i = names.indexOf(v.trim().toUpperCase());
    if (i >= 0) return i;
  }
  return 0;
}

function spanEvents(value: unknown): OtlpSpanEvent[] {
  if (!Array.isArray(value)) return [];
  return value
    .slice(0, MAX_SPAN_EVENTS)
    .filter(isObject)
    .map((e) => ({
      name: typeof e.name === "string" ? e.name : "",
      timeUnixNano: toNanos(field(e, "timeUnixNano", "time_unix_nano")),
      attributes: keyValues(e.attributes),
    }));
}

type SpanContext = { resource: Attributes; scope: OtlpSpan["scope"] };

function decodeSpan(raw: unknown, index: number, ctx: SpanContext): OtlpSpan | string {
  if (!isObject(raw)) return "a span must be an object";
  const traceId = normalizeId(field(raw, "traceId", "trace_id"), 16);
  if (!traceId) return "traceId must be a non-zero 16-byte id";
  const spanId = normalizeId(field(raw, "spanId", "span_id"), 8);
  if (!spanId) return "spanId must be a non-zero 8-byte id";
  const parentSpanId = normalizeId(field(raw, "parentSpanId", "parent_span_id"), 8);
  if (parentSpanId === null) return "parentSpanId must be empty or a non-zero 8-byte id";
  const startTimeUnixNano = toNanos(field(raw, "startTimeUnixNano", "start_time_unix_nano"));
  const endTimeUnixNano = toNanos(field(raw, "endTimeUnixNano", "end_time_unix_nano"));
  if (startTimeUnixNano === 0n && endTimeUnixNano === 0n) return "the span has neither a start nor an end time";
  const status = isObject(raw.status) ? raw.status : {};
  const message = typeof status.message === "string" && status.message !== "" ? status.message : undefined;
  return {
    index,
    traceId,
    spanId,
    parentSpanId: parentSpanId === spanId ? undefined : parentSpanId,
    name: typeof raw.name === "string" ? raw.name : "",
    kind: enumValue(raw.kind, SPAN_KINDS),
    startTimeUnixNano,
    endTimeUnixNano,
    attributes: keyValues(raw.attributes),
    events: spanEvents(raw.events),
    status: { code: Math.min(enumValue(status.code, STATUS_CODES), 2) as StatusCode, ...(message ? { message } : {}) },
    resource: ctx.resource,
    scope: ctx.scope,
  };
}

function scopeOf(raw: unknown): OtlpSpan["scope"] {
  if (!isObject(raw)) return {};
  return {
    ...(typeof raw.name === "string" && raw.name !== "" ? { name: raw.name } : {}),
    ...(typeof raw.version === "string" && raw.version !== "" ? { version: raw.version } : {}),
  };
}

/** Decodes every span of the request; structural errors throw a 400 ApiError. */
export function normalizeTraceRequest(body: unknown): DecodedTraces {
  if (!isObject(body)) throw new ApiError(400, "invalid_body", "the body must be an ExportTraceServiceRequest object");
  const result: DecodedTraces = { spans: [], rejected: [], total: 0 };
  list(body, "resourceSpans", "resource_spans", "").forEach((rs, i) => {
    const rsPath = `resourceSpans[${i}]`;
    if (!isObject(rs)) throw new ApiError(400, "invalid_body", `${rsPath}: must be an object`, { field: rsPath });
    const resourceRaw = rs.resource;
    const resource = isObject(resourceRaw) ? keyValues(resourceRaw.attributes) : {};
    list(rs, "scopeSpans", "scope_spans", rsPath).forEach((ss, j) => {
      const ssPath = `${rsPath}.scopeSpans[${j}]`;
      if (!isObject(ss)) throw new ApiError(400, "invalid_body", `${ssPath}: must be an object`, { field: ssPath });
      const ctx = { resource, scope: scopeOf(ss.scope) };
      for (const raw of list(ss, "spans", "spans", ssPath)) {
        const index = result.total++;
        const span = decodeSpan(raw, index, ctx);
        if (typeof span === "string") result.rejected.push({ index, reason: span });
        else result.spans.push(span);
      }
    });
  });
  return result;
}
