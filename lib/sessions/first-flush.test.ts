import { describe, expect, it } from "vitest";
import { settledWithin } from "./first-flush";

const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe("settledWithin", () => {
  it("answers the value when the promise fulfills within the budget", async () => {
    await expect(settledWithin(after(5, "tab"), 200)).resolves.toEqual({ ready: true, value: "tab" });
    await expect(settledWithin(Promise.resolve(0), 0)).resolves.toEqual({ ready: true, value: 0 });
  });

  it("answers not ready when the budget runs out first, and the promise still settles", async () => {
    const slow = after(80, "late");
    const t0 = performance.now();
    await expect(settledWithin(slow, 10)).resolves.toEqual({ ready: false });
    expect(performance.now() - t0).toBeLessThan(70);
    await expect(slow).resolves.toBe("late");
  });

  it("rejects when the promise rejects within the budget", async () => {
    await expect(settledWithin(Promise.reject(new Error("no tab")), 200)).rejects.toThrow("no tab");
  });
});
