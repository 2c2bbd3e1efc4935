// OTLP attribute values (AnyValue, KeyValue lists) to plain JSON, with bounds: senders are
// agents, and what they write is untrusted. Both the OTLP/JSON encoding and protobufjs'
// toObject output come through here, so the same rules apply to both.
import { LIMITS } from "@/lib/ingest/schemas";
import { capText } from "@/lib/ingest/text";
import type { AttributeValue, Attributes } from "./model";

export const ATTRIBUTE_LIMITS = {
  /** key/value pairs kept per attribute list (the SDK default limit is 128) */
  maxAttributes: 256,
  /** entries kept per array or key/value list value */
  maxItems: 1000,
  /** nesting of array and key/value list values */
  maxDepth: 10,
  keyMaxLength: 256,
  /** characters kept of a string value; content fields are capped again by the pipeline */
  textCap: LIMITS.textCap,
  /** characters kept of a string value copied into metadata or details */
  metadataTextCap: 4096,
} as const;

const TOO_DEEP = "[nested too deep]";

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** OTLP/JSON keys are lowerCamelCase; protobuf JSON parsers also accept the original names. */
export function field(obj: Record<string, unknown>, camel: string, snake?: string): unknown {
  const v = obj[camel];
  return v !== undefined || snake === undefined ? v : obj[snake];
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/** int64 arrives as a number or a decimal string; unsafe integers stay strings. */
function intValue(v: unknown): number | string | null {
  if (typeof v === "number") return Number.isFinite(v) ? Math.trunc(v) : null;
  if (typeof v === "string" && /^-?\d{1,20}$/.test(v.trim())) {
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : v.trim();
  }
  return null;
}

/** Doubles may be JSON numbers or the protobuf JSON strings "NaN", "Infinity", "-Infinity". */
function doubleValue(v: unknown): number | string | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : String(v);
  if (typeof v === "string") {
    const n = Number(v);
    return v.trim() !== "" && Number.isFinite(n) ? n : v.slice(0, 32);
  }
  return null;
}

/** One OTLP AnyValue as plain JSON; undefined when it is not an AnyValue at all. */
export function anyValue(value: unknown, depth = 0): AttributeValue | undefined {
  if (!isObject(value)) return undefined;
  if ("stringValue" in value || "string_value" in value) {
    const s = field(value, "stringValue", "string_value");
    if (typeof s === "string") return capText(s, ATTRIBUTE_LIMITS.textCap).text;
    // numbers and booleans as text; objects and arrays (String() of a deep one overflows) are not strings
    return typeof s === "number" || typeof s === "boolean" ? String(s) : null;
  }
  if ("boolValue" in value || "bool_value" in value) {
    const b = field(value, "boolValue", "bool_value");
    return typeof b === "boolean" ? b : b === "true" ? true : b === "false" ? false : null;
  }
  if ("intValue" in value || "int_value" in value) return intValue(field(value, "intValue", "int_value"));
  if ("doubleValue" in value || "double_value" in value)
    return doubleValue(field(value, "doubleValue", "double_value"));
  if ("bytesValue" in value || "bytes_value" in value) {
    const b = field(value, "bytesValue", "bytes_value");
    return b instanceof Uint8Array ? base64(b) : typeof b === "string" ? b.slice(0, ATTRIBUTE_LIMITS.textCap) : null;
  }
  if ("arrayValue" in value || "array_value" in value) {
    if (depth >= ATTRIBUTE_LIMITS.maxDepth) return TOO_DEEP;
    const arr = field(value, "arrayValue", "array_value");
    const values = isObject(arr) ? arr.values : undefined;
    if (!Array.isArray(values)) return [];
    return values.slice(0, ATTRIBUTE_LIMITS.maxItems).map((v) => anyValue(v, depth + 1) ?? null);
  }
  if ("kvlistValue" in value || "kvlist_value" in value) {
    if (depth >= ATTRIBUTE_LIMITS.maxDepth) return TOO_DEEP;
    const list = field(value, "kvlistValue", "kvlist_value");
    return keyValues(isObject(list) ? list.values : undefined, depth + 1, ATTRIBUTE_LIMITS.maxItems);
  }
  return null;
}

/**
 * A repeated KeyValue as an object. The first value of a duplicated key wins; keys that are
 * not strings or are too long are dropped. Built from a Map so that a key such as
 * "__proto__" stays an ordinary property.
 */
export function keyValues(list: unknown, depth = 0, max: number = ATTRIBUTE_LIMITS.maxAttributes): Attributes {
  const out = new Map<string, AttributeValue>();
  if (!Array.isArray(list)) return {};
  for (const kv of list) {
    if (out.size >= max) break;
    if (!isObject(kv)) continue;
    const key = kv.key;
    if (typeof key !== "string" || key === "" || key.length > ATTRIBUTE_LIMITS.keyMaxLength || out.has(key)) continue;
    const value = anyValue(kv.value, depth);
    out.set(key, value === undefined ? null : value);
  }
  return Object.fromEntries(out);
}

/** A copy for metadata and details: long strings cut to a few KB with a visible marker. */
export function boundedForMetadata(
  value: AttributeValue,
  cap: number = ATTRIBUTE_LIMITS.metadataTextCap,
): AttributeValue {
  if (typeof value === "string") return capText(value, cap).text;
  if (Array.isArray(value)) return value.map((v) => boundedForMetadata(v, cap));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, boundedForMetadata(v, cap)]));
  }
  return value;
}

/** The attributes not in `exclude`, bounded for metadata; undefined when none are left. */
export function remainingAttributes(attributes: Attributes, exclude: ReadonlySet<string>): Attributes | undefined {
  const entries = Object.entries(attributes).filter(([k]) => !exclude.has(k));
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map(([k, v]) => [k, boundedForMetadata(v)]));
}

/** The first of `keys` holding a non-empty string (numbers are accepted as their text). */
export function stringAttr(attributes: Attributes, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const v = attributes[key];
    if (typeof v === "string" && v.trim() !== "") return v.trim();
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
  }
  return undefined;
}

/** The first of `keys` holding a count: a non-negative safe integer, as a number or numeric string. */
export function countAttr(attributes: Attributes, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const v = attributes[key];
    const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
    if (Number.isSafeInteger(n) && n >= 0) return n;
  }
  return undefined;
}

/** The first of `keys` holding a finite non-negative amount. */
export function amountAttr(attributes: Attributes, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const v = attributes[key];
    const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
    if (Number.isFinite(n) && n >= 0) return n;
  }
  return undefined;
}
