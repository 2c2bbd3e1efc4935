import { describe, expect, it } from "vitest";
import { ariaSort, compareSortValues, nextSort, sortRows } from "./table-sort";

describe("table sorting", () => {
  it("compares numbers as numbers and text in natural, case-blind order", () => {
    expect([10, 9, 100].sort(compareSortValues)).toEqual([9, 10, 100]);
    expect(["key 10", "Key 2", "key 1"].sort(compareSortValues)).toEqual(["key 1", "Key 2", "key 10"]);
    expect([NaN, 1].sort(compareSortValues)).toEqual([1, NaN]);
    expect(compareSortValues(1, "a")).toBeLessThan(0);
  });

  it("sorts rows stably in both directions, empty values last in both", () => {
    const rows = [
      { id: "a", cost: 2 },
      { id: "b", cost: null },
      { id: "c", cost: 1 },
      { id: "d", cost: 2 },
      { id: "e", cost: undefined },
    ];
    expect(sortRows(rows, (r) => r.cost, "asc").map((r) => r.id)).toEqual(["c", "a", "d", "b", "e"]);
    expect(sortRows(rows, (r) => r.cost, "desc").map((r) => r.id)).toEqual(["a", "d", "c", "b", "e"]);
    // the input is left as it was
    expect(rows.map((r) => r.id)).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("sorts a new column ascending and flips the same one", () => {
    expect(nextSort(null, "name")).toEqual({ column: "name", dir: "asc" });
    expect(nextSort({ column: "name", dir: "asc" }, "name")).toEqual({ column: "name", dir: "desc" });
    expect(nextSort({ column: "name", dir: "desc" }, "name")).toEqual({ column: "name", dir: "asc" });
    expect(nextSort({ column: "name", dir: "desc" }, "created")).toEqual({ column: "created", dir: "asc" });
  });

  it("marks only sortable headers with aria-sort", () => {
    expect(ariaSort(null, "name", false)).toBeUndefined();
    expect(ariaSort(null, "name", true)).toBe("none");
    expect(ariaSort({ column: "name", dir: "asc" }, "name", true)).toBe("ascending");
    expect(ariaSort({ column: "name", dir: "desc" }, "name", true)).toBe("descending");
    expect(ariaSort({ column: "name", dir: "desc" }, "created", true)).toBe("none");
  });
});
