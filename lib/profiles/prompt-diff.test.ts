import { describe, expect, it } from "vitest";
import { diffLines, diffStats, MAX_EDIT_LENGTH, type DiffLine } from "./prompt-diff";

const render = (lines: DiffLine[]) =>
  lines.map((l) => `${l.kind === "added" ? "+" : l.kind === "removed" ? "-" : " "}${l.text}`);

/** Rebuilding both sides from the diff must give the inputs back, whatever the diff chose. */
function sides(lines: DiffLine[]) {
  return {
    before: lines.filter((l) => l.kind !== "added").map((l) => l.text),
    after: lines.filter((l) => l.kind !== "removed").map((l) => l.text),
  };
}

describe("diffLines", () => {
  it("identical texts have no changes", () => {
    const lines = diffLines("a\nb\nc", "a\nb\nc");
    expect(diffStats(lines)).toEqual({ added: 0, removed: 0 });
    expect(lines).toHaveLength(3);
  });

  it("marks a changed line as removed then added, keeping the context", () => {
    expect(
      render(diffLines("You are a planner.\nBe brief.\nUse tools.", "You are a planner.\nBe thorough.\nUse tools.")),
    ).toEqual([" You are a planner.", "-Be brief.", "+Be thorough.", " Use tools."]);
  });

  it("finds insertions and deletions in the middle with the fewest changes", () => {
    const lines = diffLines("a\nb\nc\nd\ne", "a\nc\nd\nx\ne");
    expect(render(lines)).toEqual([" a", "-b", " c", " d", "+x", " e"]);
  });

  it("handles empty sides and CRLF line ends", () => {
    expect(render(diffLines("", "one\r\ntwo\r\n"))).toEqual(["+one", "+two"]);
    expect(render(diffLines("one\ntwo\n", ""))).toEqual(["-one", "-two"]);
    expect(diffLines("", "")).toEqual([]);
  });

  it("keeps markup as text: nothing is interpreted", () => {
    const lines = diffLines("<b>old</b>", "<script>alert(1)</script>");
    expect(lines).toEqual([
      { kind: "removed", text: "<b>old</b>" },
      { kind: "added", text: "<script>alert(1)</script>" },
    ]);
  });

  it("always reproduces both inputs (random texts)", () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: rand(12) }, () => "abcd"[rand(4)]!);
      const b = Array.from({ length: rand(12) }, () => "abcd"[rand(4)]!);
      const lines = diffLines(a.join("\n"), b.join("\n"));
      expect(sides(lines)).toEqual({ before: a, after: b });
    }
  });

  it("falls back to removed-then-added for huge changed middles, still reproducing both sides", () => {
    const a = Array.from({ length: 2_500 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 2_500 }, (_, i) => `b${i}`);
    const lines = diffLines(["head", ...a, "tail"].join("\n"), ["head", ...b, "tail"].join("\n"));
    expect(sides(lines)).toEqual({ before: ["head", ...a, "tail"], after: ["head", ...b, "tail"] });
    expect(diffStats(lines)).toEqual({ added: 2_500, removed: 2_500 });
    expect(render(lines).slice(0, 3)).toEqual([" head", "-a0", "-a1"]);
  });

  it("still finds the minimal diff of a long prompt with a few changes", () => {
    const a = Array.from({ length: 5 * MAX_EDIT_LENGTH }, (_, i) => `line ${i}`);
    const b = a.map((l, i) => (i % 1_000 === 500 ? `${l} (edited)` : l));
    const lines = diffLines(a.join("\n"), b.join("\n"));
    expect(diffStats(lines)).toEqual({ added: 10, removed: 10 });
    expect(sides(lines)).toEqual({ before: a, after: b });
  });

  it("treats a missing final newline as no change", () => {
    expect(diffStats(diffLines("a\nb", "a\nb\n"))).toEqual({ added: 0, removed: 0 });
  });
});
