// OTLP/protobuf with protobufjs and the official .proto definitions (embedded as text, see
// proto/otlp-protos.ts): decodes ExportTraceServiceRequest, encodes ExportTraceServiceResponse.
import protobuf, { type Type } from "protobufjs";
import { OTLP_PROTO_FILES } from "./proto/files";
import { OTLP_PROTO_SOURCES } from "./proto/otlp-protos";
import type { ExportTraceResponseJson } from "./schemas";

const PACKAGE = "opentelemetry.proto.collector.trace.v1";

type TraceService = { request: Type; response: Type };
let loaded: TraceService | undefined;

function traceService(): TraceService {
  if (loaded) return loaded;
  const root = new protobuf.Root();
  for (const file of OTLP_PROTO_FILES) {
    const source = OTLP_PROTO_SOURCES[file];
    if (source === undefined) throw new Error(`missing embedded proto ${file}`);
    // Imports name the other embedded files, which are parsed first, so none is fetched.
    protobuf.parse(source, root, { keepCase: false });
  }
  root.resolveAll();
  loaded = {
    request: root.lookupType(`${PACKAGE}.ExportTraceServiceRequest`),
    response: root.lookupType(`${PACKAGE}.ExportTraceServiceResponse`),
  };
  return loaded;
}

/**
 * The request as a plain object in the OTLP/JSON shape (camelCase fields, int64 as decimal
 * strings, enums as numbers), except that bytes fields stay bytes. Throws on bytes that are
 * not a valid ExportTraceServiceRequest (truncated, wrong wire types, too deeply nested).
 */
export function decodeTraceRequestProtobuf(bytes: Uint8Array): unknown {
  const { request } = traceService();
  const message = request.decode(bytes);
  return request.toObject(message, { longs: String, enums: Number, defaults: false, arrays: true });
}

export type ExportResponse = { partialSuccess?: { rejectedSpans: number; errorMessage: string } };

export function encodeTraceResponseProtobuf(body: ExportResponse): Uint8Array {
  const { response } = traceService();
  return response.encode(response.fromObject(body)).finish();
}

/** The same response in OTLP/JSON, where int64 values are decimal strings. */
export function traceResponseJson(body: ExportResponse): ExportTraceResponseJson {
  if (!body.partialSuccess) return {};
  return {
    partialSuccess: {
      rejectedSpans: String(body.partialSuccess.rejectedSpans),
      errorMessage: body.partialSuccess.errorMessage,
    },
  };
}
