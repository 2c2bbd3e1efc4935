// Trace and span ids and nanosecond times as the two OTLP encodings carry them.

const HEX = /^[0-9a-f]+$/i;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

/**
 * A trace id (16 bytes) or span id (8 bytes) as lowercase hex: from protobuf bytes, from the
 * hex strings OTLP/JSON specifies, or from the base64 some JSON senders write instead.
 * undefined when absent or empty, null when present but not a valid id (wrong length or
 * all zeroes).
 */
export function normalizeId(value: unknown, bytes: 16 | 8): string | null | undefined {
  if (value === undefined || value === null) return undefined;
  let hex: string | undefined;
  if (value instanceof Uint8Array) {
    if (value.byteLength === 0) return undefined;
    if (value.byteLength === bytes) hex = toHex(value);
  } else if (typeof value === "string") {
    const text = value.trim();
    if (text === "") return undefined;
    if (text.length === bytes * 2 && HEX.test(text)) hex = text.toLowerCase();
    else if (BASE64.test(text)) {
      const decoded = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
      if (decoded.byteLength === bytes) hex = decoded.toString("hex");
    }
  } else {
    return null;
  }
  return hex !== undefined && /[^0]/.test(hex) ? hex : null;
}

/** Nanoseconds since the epoch from a decimal string or a number; 0n when unset or invalid. */
export function toNanos(value: unknown): bigint {
  if (typeof value === "string" && /^\d{1,20}$/.test(value.trim())) return BigInt(value.trim());
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return BigInt(Math.trunc(value));
  if (typeof value === "bigint" && value >= 0n) return value;
  return 0n;
}

const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** A Date from nanoseconds, or undefined when unset or outside 1970–9999. */
export function nanosToDate(nanos: bigint): Date | undefined {
  if (nanos <= 0n) return undefined;
  const ms = Number(nanos / 1_000_000n);
  return ms > MAX_MS ? undefined : new Date(ms);
}
