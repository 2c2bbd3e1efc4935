// Sorting for the Table component, pure so it is unit-tested: comparing cell values,
// ordering rows, and the header's next state and aria-sort.

/** What a cell sorts by: a number (counts, amounts, epoch ms), a string, or nothing. */
export type SortValue = string | number | null | undefined;
export type SortDirection = "asc" | "desc";
export type SortState = { column: string; dir: SortDirection } | null;

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** Numbers before strings, strings in natural order ("key 2" before "key 10"); no NaN surprises. */
export function compareSortValues(a: NonNullable<SortValue>, b: NonNullable<SortValue>): number {
  if (typeof a === "number" && typeof b === "number")
    return Number.isNaN(a) || Number.isNaN(b) ? Number(Number.isNaN(a)) - Number(Number.isNaN(b)) : a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return collator.compare(a, b);
}

const isEmpty = (v: SortValue): v is null | undefined => v === null || v === undefined || v === "";

/** A stable sort; empty values go last in either direction (they are "unknown", not small). */
export function sortRows<R>(rows: readonly R[], valueOf: (row: R) => SortValue, dir: SortDirection): R[] {
  const sign = dir === "asc" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: valueOf(row) }))
    .sort((a, b) => {
      const aEmpty = isEmpty(a.value);
      const bEmpty = isEmpty(b.value);
      if (aEmpty || bEmpty) return aEmpty === bEmpty ? a.index - b.index : aEmpty ? 1 : -1;
      return (
        sign * compareSortValues(a.value as NonNullable<SortValue>, b.value as NonNullable<SortValue>) ||
        a.index - b.index
      );
    })
    .map((entry) => entry.row);
}

/** A header click: a new column sorts ascending, the same column flips. */
export function nextSort(current: SortState, column: string): SortState {
  if (current?.column !== column) return { column, dir: "asc" };
  return { column, dir: current.dir === "asc" ? "desc" : "asc" };
}

/** The header's aria-sort: only on sortable columns ("none" until sorted by). */
export function ariaSort(
  current: SortState,
  column: string,
  sortable: boolean,
): "ascending" | "descending" | "none" | undefined {
  if (!sortable) return undefined;
  if (current?.column !== column) return "none";
  return current.dir === "asc" ? "ascending" : "descending";
}
