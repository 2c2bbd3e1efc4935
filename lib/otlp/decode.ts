// The two OTLP/HTTP encodings: which one a request uses, and its body decoded.
import { parseJsonBytes } from "@/lib/api/body";
import { ApiError } from "@/lib/api/errors";
import type { DecodedTraces } from "./model";
import { normalizeTraceRequest } from "./normalize";
import { decodeTraceRequestProtobuf } from "./protobuf";

export type OtlpFormat = "json" | "protobuf";

export const OTLP_CONTENT_TYPES: Record<OtlpFormat, string> = {
  json: "application/json",
  protobuf: "application/x-protobuf",
};

/** The encoding named by Content-Type; anything else is refused with 415. */
export function otlpFormat(contentType: string | null): OtlpFormat {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json") return "json";
  if (type === "application/x-protobuf" || type === "application/protobuf") return "protobuf";
  throw new ApiError(
    415,
    "unsupported_media_type",
    `Content-Type ${type ? `"${type}"` : "(missing)"} is not supported; send OTLP as application/json or application/x-protobuf`,
  );
}

export function decodeTraces(format: OtlpFormat, bytes: Uint8Array): DecodedTraces {
  if (format === "json") return normalizeTraceRequest(parseJsonBytes(bytes));
  let body: unknown;
  try {
    body = decodeTraceRequestProtobuf(bytes);
  } catch (error) {
    const detail = error instanceof Error ? `: ${error.message}` : "";
    throw new ApiError(400, "invalid_protobuf", `the body is not a valid OTLP ExportTraceServiceRequest${detail}`);
  }
  return normalizeTraceRequest(body);
}
