// Redaction of well-known secret shapes (API keys, tokens, private keys, passwords in
// URLs) in ingested text, so that a prompt or log line that happens to carry a credential
// is not stored with it. Pure functions; the pipeline applies them to each parsed event.

export const REDACTED = "[redacted:{kind}]";

type Pattern = { kind: string; re: RegExp; /** group kept in front of the secret */ keep?: number };

// Each pattern needs a distinctive prefix or shape, so that ordinary words, hex ids and
// UUIDs never match. Order matters: the more specific shapes come first.
const PATTERNS: readonly Pattern[] = [
  { kind: "private_key", re: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----/g },
  { kind: "anthropic_key", re: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  // OpenAI: sk-, sk-proj-, sk-svcacct-...; a digit somewhere keeps kebab-case words out
  { kind: "openai_key", re: /\bsk-(?=[A-Za-z_-]*\d)[A-Za-z0-9_-]{32,}/g },
  { kind: "aws_access_key", re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { kind: "github_token", re: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g },
  { kind: "github_token", re: /\bgithub_pat_[A-Za-z0-9_]{22,}/g },
  { kind: "slack_token", re: /\bxox[abposre]-[A-Za-z0-9-]{10,}/g },
  { kind: "google_api_key", re: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  { kind: "observatory_key", re: /\bobs_[A-Za-z0-9_-]{40,}/g },
  { kind: "jwt", re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { kind: "bearer_token", re: /(\bBearer\s+)[A-Za-z0-9._~+/-]{16,}=*/gi, keep: 1 },
  // scheme://user:password@host
  { kind: "url_password", re: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+(?=@)/gi, keep: 1 },
  // password=... in query strings and connection strings
  { kind: "password", re: /(\b(?:password|passwd|pwd)=)[^\s&;'",]+/gi, keep: 1 },
];

const QUICK = /sk-|AKIA|ASIA|gh[pousr]_|github_pat_|xox|AIza|obs_|eyJ|bearer|:\/\/|passw|pwd=|PRIVATE KEY/i;

export type Redacted = { text: string; count: number };

/** Whether redactSecrets could change the text (false: it answers the text unchanged). */
export function mayHoldSecret(text: string): boolean {
  return QUICK.test(text);
}

/** The text with every secret-shaped span replaced by `[redacted:<kind>]`, and how many. */
export function redactSecrets(text: string): Redacted {
  if (!mayHoldSecret(text)) return { text, count: 0 };
  let count = 0;
  let out = text;
  for (const { kind, re, keep } of PATTERNS) {
    out = out.replace(re, (...m: unknown[]) => {
      // already redacted by an earlier pattern (e.g. a Bearer JWT)
      const match = m[0] as string;
      const prefix = keep ? (m[keep] as string) : "";
      if (match.slice(prefix.length).startsWith("[redacted:")) return match;
      count++;
      return prefix + REDACTED.replace("{kind}", kind);
    });
  }
  return { text: out, count };
}

/** Keys whose values are identifiers, kept as sent so references still resolve. */
function isIdKey(key: string): boolean {
  return key === "id" || key.endsWith("Id") || key.endsWith("_id");
}

/** Validated bodies are at most 33 levels deep; this bound only keeps the walk finite. */
const MAX_DEPTH = 64;

/**
 * Redacts every string value in a JSON-like value (keys are kept); returns the count.
 * Nothing is copied unless a secret was found: this runs on every ingested event.
 */
export function redactValue(value: unknown, key = "", depth = 0): { value: unknown; count: number } {
  if (typeof value === "string") {
    if (isIdKey(key)) return { value, count: 0 };
    const r = redactSecrets(value);
    return { value: r.text, count: r.count };
  }
  if (value === null || typeof value !== "object" || depth >= MAX_DEPTH || value instanceof Date)
    return { value, count: 0 };
  let count = 0;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const r = redactValue(value[i], "", depth + 1);
      if (r.count > 0 && !out) out = value.slice(0, i);
      if (out) out.push(r.value);
      count += r.count;
    }
    return { value: out ?? value, count };
  }
  const entries = Object.entries(value);
  let out: Record<string, unknown> | undefined;
  for (let i = 0; i < entries.length; i++) {
    const [k, v] = entries[i]!;
    const r = redactValue(v, k, depth + 1);
    if (r.count > 0 && !out) {
      out = {};
      for (const [pk, pv] of entries.slice(0, i)) define(out, pk, pv);
    }
    if (out) define(out, k, r.value);
    count += r.count;
  }
  return { value: out ?? value, count };
}

/** defineProperty: a "__proto__" key stays a plain own property */
function define(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * An event body with its secrets redacted; the number redacted is added to the body's
 * metadata as `redactions`, which the pipeline stores with the record.
 */
export function redactBody<B extends Record<string, unknown>>(body: B): { body: B; count: number } {
  const r = redactValue(body);
  if (r.count === 0) return { body, count: 0 };
  const redacted = r.value as B;
  const metadata = (redacted.metadata ?? {}) as Record<string, unknown>;
  return { body: { ...redacted, metadata: { ...metadata, redactions: r.count } }, count: r.count };
}

/** The event with its body redacted (the same object when nothing matched). */
export function redactEvent<E extends { body: Record<string, unknown> }>(event: E): E {
  const r = redactBody(event.body);
  return r.count === 0 ? event : { ...event, body: r.body };
}
