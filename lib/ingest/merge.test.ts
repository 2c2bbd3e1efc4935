import { describe, expect, it } from "vitest";
import { addPhase, extraFields, isNewer, mergeFields, mergeMetadata, phaseSteps } from "./merge";

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

describe("mergeFields", () => {
  it("a newer event overwrites, an older one only fills gaps", () => {
    const existing = { status: "running", phase: null, title: "a" };
    expect(mergeFields(existing, { status: "failed", phase: "qa", title: undefined }, true)).toEqual({
      status: "failed",
      phase: "qa",
    });
    expect(mergeFields(existing, { status: "pending", phase: "pm" }, false)).toEqual({ phase: "pm" });
  });

  it("isNewer treats equal timestamps and never-set as newer", () => {
    expect(isNewer(t(1), null)).toBe(true);
    expect(isNewer(t(1), t(1))).toBe(true);
    expect(isNewer(t(0), t(1))).toBe(false);
  });
});

describe("mergeMetadata", () => {
  it("newer keys win on conflict, older ones only add", () => {
    expect(mergeMetadata({ a: 1, b: 1 }, { b: 2, c: 2 }, true)).toEqual({ a: 1, b: 2, c: 2 });
    expect(mergeMetadata({ a: 1, b: 1 }, { b: 2, c: 2 }, false)).toEqual({ a: 1, b: 1, c: 2 });
    expect(mergeMetadata({ a: 1 }, undefined, true)).toBeUndefined();
  });
});

describe("extraFields", () => {
  it("keeps only unknown, defined keys", () => {
    expect(extraFields({ a: 1, b: undefined, c: 3 }, ["a"])).toEqual({ c: 3 });
  });
});

describe("phase history", () => {
  const observations: [string, Date][] = [
    ["pm", t(1)],
    ["arch", t(2)],
    ["human_gate", t(3)],
    ["eng", t(4)],
    ["qa", t(5)],
    ["eng", t(6)],
    ["qa", t(7)],
    ["qa", t(8)],
    ["complete", t(9)],
  ];

  function permutations<T>(items: T[], limit: number): T[][] {
    // deterministic pseudo-random shuffles: enough orders to catch order dependence
    const out: T[][] = [];
    let seed = 7;
    for (let n = 0; n < limit; n++) {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        const j = seed % (i + 1);
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      out.push(copy);
    }
    return out;
  }

  it("gives the same steps whatever order events arrive in", () => {
    const expected = ["pm", "arch", "human_gate", "eng", "qa", "eng", "qa", "complete"];
    for (const order of permutations(observations, 50)) {
      let history: unknown = undefined;
      for (const [phase, at] of order) history = addPhase(history, phase, at);
      expect(phaseSteps(history).map((s) => s.phase)).toEqual(expected);
    }
  });

  it("does not record the same observation twice", () => {
    const once = addPhase([], "pm", t(1));
    expect(addPhase(once, "pm", t(1))).toHaveLength(1);
  });
});
