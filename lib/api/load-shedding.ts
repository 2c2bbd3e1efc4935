// Bounded concurrency for write endpoints: work beyond the queue is refused with 503 and
// Retry-After instead of piling up in memory. Per-key request rate is limited with 429.
import { ApiError } from "./errors";

/**
 * At most `concurrency` requests at once and at most `budget` units of weight (body bytes)
 * among them, so that memory is bounded by bytes, not by request count; a request heavier
 * than the whole budget still runs, alone. Up to `queueLimit` more wait (holding only their
 * unread request); beyond that, 503.
 */
export class Gate {
  private active = 0;
  private weight = 0;
  private readonly waiting: { weight: number; admit: () => void }[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly queueLimit: number,
    private readonly budget = Number.POSITIVE_INFINITY,
  ) {}

  private fits(weight: number): boolean {
    return this.active === 0 || (this.active < this.concurrency && this.weight + weight <= this.budget);
  }

  private enter(weight: number): void {
    this.active++;
    this.weight += weight;
  }

  async run<T>(work: () => Promise<T>, weight = 0): Promise<T> {
    if (this.waiting.length === 0 && this.fits(weight)) {
      this.enter(weight);
    } else {
      if (this.waiting.length >= this.queueLimit) {
        throw new ApiError(503, "overloaded", "the server is busy; retry after the given delay", {
          headers: { "retry-after": "1" },
        });
      }
      await new Promise<void>((admit) => this.waiting.push({ weight, admit }));
    }
    try {
      return await work();
    } finally {
      this.active--;
      this.weight -= weight;
      // first come, first served: a heavy request at the head is not overtaken
      while (this.waiting.length > 0 && this.fits(this.waiting[0]!.weight)) {
        const next = this.waiting.shift()!;
        this.enter(next.weight);
        next.admit();
      }
    }
  }
}

/** Token bucket per key: `rate` requests per second with bursts up to `burst`. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {}

  take(key: string, now = Date.now()): void {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rate);
    bucket.at = now;
    if (bucket.tokens < 1) {
      const wait = Math.ceil((1 - bucket.tokens) / this.rate);
      this.buckets.set(key, bucket);
      throw new ApiError(429, "rate_limited", "too many requests for this API key", {
        headers: { "retry-after": String(Math.max(1, wait)) },
      });
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.buckets.clear();
  }
}
