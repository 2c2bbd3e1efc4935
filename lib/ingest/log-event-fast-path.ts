// The common case of the hottest input, checked by hand: a log event whose text is already
// storable and whose fields have the plain types the schema asks for. It answers exactly what
// parseEvent (lib/ingest/schemas.ts) answers for such an event, in one walk that also does the
// storable-text check, the depth limit and the redaction's pre-check; anything else (a wrong
// type, text to clean, a field it does not know, any doubt) it leaves to parseEvent, whose
// zod schemas stay the contract and give every 4xx its message. log-event-fast-path.test.ts
// compares the two over valid and invalid inputs.
import { storableText } from "@/lib/db/storable-text";
import { mayHoldSecret } from "./redact";
import { LIMITS, MAX_COUNT, logBody, parseTimestamp, type IngestEvent, type LogBody } from "./schemas";

type Check = (value: unknown) => unknown;
/** What a field check answers when the value needs the full parse. */
const DEFER = Symbol("defer");

const id: Check = (v) => {
  if (typeof v !== "string") return DEFER;
  const trimmed = v.trim();
  return trimmed.length === 0 || trimmed.length > LIMITS.idMaxLength ? DEFER : trimmed;
};
const shortText: Check = (v) => (typeof v === "string" && v.length <= LIMITS.shortTextMaxLength ? v : DEFER);
const text: Check = (v) => (typeof v === "string" ? v : DEFER);
const count: Check = (v) => (typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= MAX_COUNT ? v : DEFER);
/** Any JSON value: the walk has checked it; kept as it is, as z.unknown keeps it. */
const json: Check = (v) => v;
/** A plain object, copied as z.record copies it. */
const jsonObject: Check = (v) =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? { ...(v as Record<string, unknown>) } : DEFER;

/** logBody's fields, in its shape's order (the order zod gives the parsed body). */
const FIELDS: Record<keyof typeof logBody.shape, Check> = {
  sessionId: id,
  runId: id,
  agentType: shortText,
  agentId: id,
  level: shortText,
  kind: shortText,
  component: shortText,
  iteration: count,
  message: text,
  details: json,
  metadata: jsonObject,
};
const FIELD_NAMES = Object.keys(FIELDS);
const KNOWN: ReadonlySet<string> = new Set(FIELD_NAMES);
/** A field added to the schema and not here turns the fast path off: parseEvent handles it. */
export const FAST_PATH_MATCHES_SCHEMA =
  FIELD_NAMES.length === Object.keys(logBody.shape).length &&
  Object.keys(logBody.shape).every((name, i) => FIELD_NAMES[i] === name);

type Walk = { secret: boolean };

/**
 * Whether a JSON value needs nothing of storableJson and is within the depth limit (containers
 * below `level`); notes any text that the redaction would look at more closely.
 */
function plainJson(value: unknown, level: number, walk: Walk): boolean {
  switch (typeof value) {
    case "string":
      if (storableText(value) !== value) return false;
      if (!walk.secret && mayHoldSecret(value)) walk.secret = true;
      return true;
    case "number":
    case "boolean":
      return true;
    case "object": {
      if (value === null) return true;
      if (level >= LIMITS.jsonMaxDepth) return false;
      if (Array.isArray(value)) {
        for (const item of value) if (!plainJson(item, level + 1, walk)) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      for (const key in value) {
        if (key === "__proto__" || storableText(key) !== key) return false;
        if (!plainJson((value as Record<string, unknown>)[key], level + 1, walk)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

export type FastLogEvent = {
  event: IngestEvent;
  /** no text in it that redaction could change: redactEvent would answer it unchanged */
  secretFree: boolean;
};

/**
 * The parsed event when `input` is a log event of the common kind, exactly as parseEvent would
 * answer it; undefined when parseEvent must decide (including every invalid event).
 */
export function parseLogEventFast(input: unknown): FastLogEvent | undefined {
  if (!FAST_PATH_MATCHES_SCHEMA || input === null || typeof input !== "object") return undefined;
  if (Object.getPrototypeOf(input) !== Object.prototype) return undefined;
  const envelope = input as Record<string, unknown>;
  let keys = 0;
  for (const key in envelope) {
    if (key !== "id" && key !== "type" && key !== "timestamp" && key !== "body") return undefined;
    keys++;
  }
  if (keys !== 4 || envelope.type !== "log") return undefined;
  const eventId = id(envelope.id);
  if (eventId === DEFER || storableText(eventId as string) !== eventId) return undefined;
  const ts = envelope.timestamp;
  if (!(typeof ts === "number" || (typeof ts === "string" && storableText(ts) === ts))) return undefined;
  const timestamp = parseTimestamp(ts);
  if (!timestamp) return undefined;
  const body = envelope.body;
  if (body === null || typeof body !== "object" || Object.getPrototypeOf(body) !== Object.prototype) return undefined;
  const walk: Walk = { secret: false };
  const fields = body as Record<string, unknown>;
  const parsed: Record<string, unknown> = {};
  for (const name of FIELD_NAMES) {
    if (!Object.hasOwn(fields, name)) continue;
    const raw = fields[name];
    if (raw === undefined || !plainJson(raw, 0, walk)) return undefined;
    const value = FIELDS[name as keyof typeof FIELDS](raw);
    if (value === DEFER) return undefined;
    parsed[name] = value;
  }
  if (!("message" in parsed)) return undefined;
  for (const key in fields) {
    if (KNOWN.has(key)) continue;
    const raw = fields[key];
    if (key === "__proto__" || storableText(key) !== key || raw === undefined || !plainJson(raw, 0, walk))
      return undefined;
    parsed[key] = raw;
  }
  return {
    event: { id: eventId as string, type: "log", timestamp, body: parsed as LogBody },
    secretFree: !walk.secret,
  };
}
