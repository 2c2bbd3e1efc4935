// Values both databases (and Prisma) can store. PostgreSQL refuses NUL characters in text
// and jsonb, and lone UTF-16 surrogates in jsonb; SQLite takes both. A "__proto__" key turns
// into an object's prototype as soon as code copies it by assignment (zod does), which
// crashes Prisma's JSON serializer and is the start of prototype pollution: such keys are
// dropped. Senders are untrusted, so their input passes through here, on both databases
// alike, before it is validated and reaches a query.

// NUL is the point of these patterns
// eslint-disable-next-line no-control-regex
const NOT_STORABLE = /[\u0000\ud800-\udfff]/;
// eslint-disable-next-line no-control-regex
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text with NUL and lone surrogates replaced by U+FFFD (the same string when clean). */
export function storableText(text: string): string {
  if (!NOT_STORABLE.test(text)) return text;
  return text.replace(NUL, "\ufffd").replace(LONE_SURROGATE, "\ufffd");
}

/** Deeper values are left as they are: every JSON field refuses them by its depth limit. */
const MAX_DEPTH = 64;

/**
 * Every string and object key in a JSON-like value made storable, "__proto__" keys dropped
 * and objects given the ordinary prototype; the same value when nothing had to change.
 */
export function storableJson(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return storableText(value);
  if (depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const s = storableJson(v, depth + 1);
      if (s !== v) changed = true;
      return s;
    });
    return changed ? out : value;
  }
  if (value !== null && typeof value === "object" && !(value instanceof Date) && !ArrayBuffer.isView(value)) {
    let changed = Object.getPrototypeOf(value) !== Object.prototype;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === "__proto__") {
        changed = true;
        continue;
      }
      const key = storableText(k);
      const s = storableJson(v, depth + 1);
      if (key !== k || s !== v) changed = true;
      Object.defineProperty(out, key, { value: s, enumerable: true, writable: true, configurable: true });
    }
    return changed ? out : value;
  }
  return value;
}
