// The decoded form of an OTLP trace export, the same whether it arrived as OTLP/JSON or as
// protobuf: ids are lowercase hex, times are nanoseconds, attribute values are plain JSON.

export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };
export type Attributes = Record<string, AttributeValue>;

/** OTLP Status.StatusCode: 0 unset, 1 ok, 2 error. */
export type StatusCode = 0 | 1 | 2;

export type OtlpSpanEvent = { name: string; timeUnixNano: bigint; attributes: Attributes };

export type OtlpSpan = {
  /** position of the span in the request, counting every span including rejected ones */
  index: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP SpanKind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer */
  kind: number;
  /** 0n when the sender left it unset */
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Attributes;
  events: OtlpSpanEvent[];
  status: { code: StatusCode; message?: string };
  /** shared by every span of the same ResourceSpans */
  resource: Attributes;
  scope: { name?: string; version?: string };
};

export type SpanRejection = { index: number; reason: string };

export type DecodedTraces = {
  spans: OtlpSpan[];
  rejected: SpanRejection[];
  /** every span in the request, accepted or not */
  total: number;
};
