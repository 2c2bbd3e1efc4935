import { describe, expect, it } from "vitest";
import { CoalescingQueue, QueueFullError } from "./write-queue";

/** A queue whose writes wait until released, recording the jobs each write took. */
function harness(limits: { maxQueued: number; maxPerWrite: number; writers: number }) {
  const writes: string[][] = [];
  const releases: ((fail?: Error) => void)[] = [];
  const queue = new CoalescingQueue<string, string>(
    (jobs) =>
      new Promise((resolve, reject) => {
        writes.push(jobs);
        releases.push((fail) => (fail ? reject(fail) : resolve(jobs.map((j) => `${j}:ok`))));
      }),
    limits,
  );
  return { queue, writes, releases, tick: () => new Promise((r) => setTimeout(r, 0)) };
}

describe("CoalescingQueue", () => {
  it("writes the first job at once and everything that arrived meanwhile in the next write", async () => {
    const { queue, writes, releases, tick } = harness({ maxQueued: 100, maxPerWrite: 100, writers: 1 });
    const a = queue.submit("a", 1);
    const rest = ["b", "c", "d"].map((j) => queue.submit(j, 1));
    await tick();
    expect(writes).toEqual([["a"]]);
    expect(queue.depth).toBe(3);
    releases.shift()!();
    expect(await a).toBe("a:ok");
    await tick();
    expect(writes).toEqual([["a"], ["b", "c", "d"]]);
    releases.shift()!();
    expect(await Promise.all(rest)).toEqual(["b:ok", "c:ok", "d:ok"]);
    expect(queue.depth).toBe(0);
  });

  it("takes at most maxPerWrite units per write, but a single larger job alone", async () => {
    const { queue, writes, releases, tick } = harness({ maxQueued: 1000, maxPerWrite: 10, writers: 1 });
    const all = [queue.submit("first", 1), queue.submit("big", 25), queue.submit("x", 6), queue.submit("y", 6)];
    for (let i = 0; i < 4; i++) {
      await tick();
      releases.shift()?.();
    }
    await Promise.all(all);
    expect(writes).toEqual([["first"], ["big"], ["x"], ["y"]]);
  });

  it("sheds a submitter that asks for it once the waiting units exceed maxQueued; others wait", async () => {
    const { queue, releases, tick } = harness({ maxQueued: 5, maxPerWrite: 100, writers: 1 });
    const running = queue.submit("running", 3);
    const waiting = queue.submit("w", 4, { shed: true });
    await expect(queue.submit("over", 2, { shed: true })).rejects.toBeInstanceOf(QueueFullError);
    const patient = queue.submit("patient", 2); // an importer: waits instead
    await tick();
    releases.shift()!();
    await tick();
    releases.shift()!();
    expect(await Promise.all([running, waiting, patient])).toEqual(["running:ok", "w:ok", "patient:ok"]);
  });

  it("runs up to `writers` writes at once", async () => {
    const { queue, writes, releases, tick } = harness({ maxQueued: 100, maxPerWrite: 1, writers: 2 });
    const all = ["a", "b", "c"].map((j) => queue.submit(j, 1));
    await tick();
    expect(writes).toEqual([["a"], ["b"]]);
    releases.shift()!();
    await tick();
    expect(writes).toEqual([["a"], ["b"], ["c"]]);
    releases.splice(0).forEach((r) => r());
    await Promise.all(all);
  });

  it("rejects every job of a failed write and keeps going", async () => {
    const { queue, releases, tick } = harness({ maxQueued: 100, maxPerWrite: 100, writers: 1 });
    const first = queue.submit("a", 1);
    const turn = [queue.submit("b", 1), queue.submit("c", 1)];
    await tick();
    releases.shift()!();
    await first;
    await tick();
    releases.shift()!(new Error("disk full"));
    for (const p of turn) await expect(p).rejects.toThrow("disk full");
    const after = queue.submit("d", 1);
    await tick();
    releases.shift()!();
    expect(await after).toBe("d:ok");
  });
});
