import { describe, expect, it } from "vitest";
import { forEachPage, type PageArgs } from "./pages";

describe("forEachPage", () => {
  it("visits every row once, asking for the page after the last id seen", async () => {
    const rows = ["a", "b", "c", "d", "e"].map((id) => ({ id }));
    const asked: PageArgs[] = [];
    const seen: string[] = [];
    await forEachPage(
      2,
      async (page) => {
        asked.push(page);
        const start = page.cursor ? rows.findIndex((r) => r.id === page.cursor!.id) + (page.skip ?? 0) : 0;
        return rows.slice(start, start + page.take);
      },
      (row) => void seen.push(row.id),
    );
    expect(seen).toEqual(["a", "b", "c", "d", "e"]);
    expect(asked.map((p) => p.cursor?.id ?? null)).toEqual([null, "b", "d"]);
  });

  it("stops after a full last page with one more (empty) read", async () => {
    let reads = 0;
    await forEachPage(
      2,
      async (page) => (reads++, page.cursor ? [] : [{ id: "a" }, { id: "b" }]),
      () => {},
    );
    expect(reads).toBe(2);
  });
});
