// Seeded randomness for the demo data: the same seed always yields the same data, so the
// demo is reproducible and testable. Not for anything secret.

/** mulberry32: a tiny 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the parts, then the murmur3 finalizer so nearby inputs spread apart. */
export function hash32(...parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    // separator, so ("ab", "c") and ("a", "bc") differ
    h ^= 0x1f;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`index ${index} out of range (length ${items.length})`);
  return item;
}

/** Random choices drawn from one mulberry32 stream. */
export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  float(): number {
    return this.next();
  }

  /** Float in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return Math.floor(min + (max - min + 1) * this.next());
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return at(items, Math.floor(this.next() * items.length));
  }

  /** Picks by weight: [[value, weight], ...]. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, w] of choices) {
      r -= w;
      if (r < 0) return value;
    }
    return at(choices, choices.length - 1)[0];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = at(out, i);
      out[i] = at(out, j);
      out[j] = tmp;
    }
    return out;
  }

  /** n distinct items in random order (all of them when n ≥ length). */
  sample<T>(items: readonly T[], n: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, n));
  }

  /** Rounded to `digits` decimals, for scores and percentages that read naturally. */
  round(min: number, max: number, digits: number): number {
    const f = 10 ** digits;
    return Math.round(this.between(min, max) * f) / f;
  }
}

/**
 * Ids hashed from a salt and a counter instead of drawn from the stream: mulberry32 streams
 * of different seeds can overlap, hashing keeps ids unique across sessions, and drawing an id
 * never shifts the random choices that follow it.
 */
export class IdSource {
  private n = 0;

  constructor(private readonly salt: string) {}

  private word(): number {
    return hash32(this.salt, this.n++);
  }

  hex(length: number): string {
    let out = "";
    while (out.length < length) out += this.word().toString(16).padStart(8, "0");
    return out.slice(0, length);
  }

  base36(length: number): string {
    let out = "";
    while (out.length < length) out += BASE36[this.word() % 36];
    return out;
  }

  /** Random-looking RFC 4122 version 4 UUID. */
  uuid(): string {
    const h = this.hex(32);
    const variant = "89ab"[parseInt(h.charAt(16), 16) % 4];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/** A UUID that depends only on `name`, for things that are the same in every session. */
export function stableUuid(name: string): string {
  return new IdSource(`stable:${name}`).uuid();
}

/** Picks the i-th item, wrapping around; for rotating through fixed catalogs. */
export function cycle<T>(items: readonly T[], i: number): T {
  return at(items, ((i % items.length) + items.length) % items.length);
}
