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

/** Defines own properties, so a "__proto__" key could never reparent the copy. */
function define(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Every string and object key in a JSON-like value made storable, "__proto__" keys dropped
 * and objects given the ordinary prototype; the same value when nothing had to change.
 * Nothing is copied until something has to change: this runs on every ingested event.
 */
export function storableJson(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return storableText(value);
  if (value === null || typeof value !== "object" || depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const s = storableJson(v, depth + 1);
      if (s !== v && !out) out = value.slice(0, i);
      if (out) out.push(s);
    }
    return out ?? value;
  }
  if (value instanceof Date || ArrayBuffer.isView(value)) return value;
  const entries = Object.entries(value);
  let out: Record<string, unknown> | undefined;
  if (Object.getPrototypeOf(value) !== Object.prototype) out = {};
  for (let i = 0; i < entries.length; i++) {
    const [k, v] = entries[i]!;
    const key = k === "__proto__" ? undefined : storableText(k);
    const s = key === undefined ? undefined : storableJson(v, depth + 1);
    if (!out && (key !== k || s !== v)) {
      out = {};
      for (const [pk, pv] of entries.slice(0, i)) define(out, pk, pv);
    }
    if (out && key !== undefined) define(out, key, s);
  }
  return out ?? value;
}
