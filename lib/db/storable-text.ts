// Text both databases can store. PostgreSQL refuses NUL characters in text and jsonb, and
// lone UTF-16 surrogates in jsonb; SQLite takes both. Senders are untrusted, so text from
// them is made storable here, on both databases alike, before it reaches a query.

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

/** Every string and object key in a JSON-like value made storable; the same value when clean. */
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
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const key = storableText(k);
      const s = storableJson(v, depth + 1);
      if (key !== k || s !== v) changed = true;
      Object.defineProperty(out, key, { value: s, enumerable: true, writable: true, configurable: true });
    }
    return changed ? out : value;
  }
  return value;
}
