import "server-only";
// OTLP/HTTP trace export: decode, map spans to ingest events, store them through the one
// write path, and answer with an ExportTraceServiceResponse in the request's encoding.
import { readBody } from "@/lib/api/body";
import { ApiError } from "@/lib/api/errors";
import type { Db } from "@/lib/db/client";
import { ingestEvents } from "@/lib/ingest/pipeline";
import { LIMITS, type IngestResult } from "@/lib/ingest/schemas";
import { decodeTraces, OTLP_CONTENT_TYPES, otlpFormat, type OtlpFormat } from "./decode";
import { mapSpans, storedRunCandidates } from "./map-spans";
import type { SpanRejection } from "./model";
import { encodeTraceResponseProtobuf, traceResponseJson, type ExportResponse } from "./protobuf";
import { loadStoredTraceState } from "./stored-trace";

const MAX_MESSAGE_REASONS = 5;

/** One partialSuccess message naming the first few reasons, each once. */
export function rejectionSummary(rejected: readonly SpanRejection[], total: number): ExportResponse {
  const spans = new Map<number, string>();
  for (const r of rejected) if (!spans.has(r.index)) spans.set(r.index, r.reason);
  if (spans.size === 0) return {};
  const reasons = [...new Set(spans.values())];
  const shown = reasons.slice(0, MAX_MESSAGE_REASONS).join("; ");
  const more =
    reasons.length > MAX_MESSAGE_REASONS ? ` (and ${reasons.length - MAX_MESSAGE_REASONS} more reasons)` : "";
  return {
    partialSuccess: {
      rejectedSpans: spans.size,
      errorMessage: `${spans.size} of ${total} spans were rejected: ${shown}${more}`.slice(0, 2000),
    },
  };
}

function respond(format: OtlpFormat, body: ExportResponse): Response {
  if (format === "json") return Response.json(traceResponseJson(body), { status: 200 });
  const bytes = encodeTraceResponseProtobuf(body);
  return new Response(new Uint8Array(bytes), { status: 200, headers: { "content-type": OTLP_CONTENT_TYPES.protobuf } });
}

export async function exportTraces(db: Db, projectId: string, request: Request): Promise<Response> {
  const format = otlpFormat(request.headers.get("content-type"));
  const decoded = decodeTraces(format, await readBody(request, LIMITS.maxBodyBytes));
  if (decoded.total > LIMITS.maxEvents) {
    throw new ApiError(
      413,
      "too_many_spans",
      `at most ${LIMITS.maxEvents} spans per request, got ${decoded.total}; lower the exporter's batch size`,
    );
  }
  const stored = await loadStoredTraceState(db, projectId, storedRunCandidates(decoded.spans));
  const mapped = mapSpans(decoded.spans, stored);
  const results: IngestResult[] =
    mapped.events.length > 0 ? await ingestEvents(db, projectId, mapped.events, { source: "otlp", shed: true }) : [];
  if (results.some((r) => r.status >= 500)) {
    // Storing failed, not the data: answer so that the exporter retries (safe, ids are stable).
    throw new ApiError(503, "storage_unavailable", "some spans could not be stored; retry later", {
      headers: { "retry-after": "5" },
    });
  }
  const rejected = [...decoded.rejected, ...mapped.rejected];
  results.forEach((r, i) => {
    if (r.status >= 400) {
      rejected.push({
        index: mapped.spanOfEvent[i]!,
        reason: `${mapped.events[i]!.type} ${r.error?.message ?? `rejected with status ${r.status}`}`,
      });
    }
  });
  return respond(format, rejectionSummary(rejected, decoded.total));
}
