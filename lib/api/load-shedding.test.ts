import { describe, expect, it } from "vitest";
import { ApiError } from "./errors";
import { Gate, RateLimiter } from "./load-shedding";

describe("RateLimiter", () => {
  it("allows a burst, then refuses with 429 and a Retry-After, then refills", () => {
    const limiter = new RateLimiter(2, 3);
    const t = 1_000_000;
    for (let i = 0; i < 3; i++) limiter.take("k", t);
    let error: unknown;
    try {
      limiter.take("k", t);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, headers: { "retry-after": "1" } });
    expect(() => limiter.take("other", t)).not.toThrow();
    expect(() => limiter.take("k", t + 600)).not.toThrow();
  });
});

describe("Gate", () => {
  it("runs at most `concurrency` at once, queues up to the limit and sheds the rest with 503", async () => {
    const gate = new Gate(2, 1);
    let running = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const work = () =>
      gate.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        return "done";
      });
    const a = work();
    const b = work();
    const c = work(); // queued
    await expect(work()).rejects.toMatchObject({ status: 503, headers: { "retry-after": "1" } });
    await new Promise((r) => setTimeout(r, 0));
    expect(releases).toHaveLength(2);
    releases.shift()!();
    await a;
    await new Promise((r) => setTimeout(r, 0));
    expect(releases).toHaveLength(2);
    releases.splice(0).forEach((r) => r());
    expect(await Promise.all([b, c])).toEqual(["done", "done"]);
    expect(peak).toBe(2);
  });

  it("admits by weight: requests over the budget wait, one heavier than the budget runs alone", async () => {
    const gate = new Gate(10, 10, 100);
    const releases = new Map<string, () => void>();
    const started: string[] = [];
    const work = (name: string, weight: number) =>
      gate.run(async () => {
        started.push(name);
        await new Promise<void>((resolve) => releases.set(name, resolve));
        return name;
      }, weight);
    const tick = () => new Promise((r) => setTimeout(r, 0));
    const a = work("a", 60);
    const b = work("b", 60); // 120 > 100: waits
    const c = work("c", 10); // behind b: waits too, first come first served
    await tick();
    expect(started).toEqual(["a"]);
    releases.get("a")!();
    await a;
    await tick();
    expect(started).toEqual(["a", "b", "c"]);
    releases.get("b")!();
    releases.get("c")!();
    await Promise.all([b, c]);
    const huge = work("huge", 1_000);
    await tick();
    expect(started).toContain("huge");
    releases.get("huge")!();
    expect(await huge).toBe("huge");
  });
});
