/** The official OTLP trace definitions we load, in dependency order. */
export const OTLP_PROTO_FILES = [
  "opentelemetry/proto/common/v1/common.proto",
  "opentelemetry/proto/resource/v1/resource.proto",
  "opentelemetry/proto/trace/v1/trace.proto",
  "opentelemetry/proto/collector/trace/v1/trace_service.proto",
] as const;
