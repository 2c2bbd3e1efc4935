"use client";

// The one data table: settings, keys, users, prices, profiles, sources, audit, agents,
// usage and the session lists. Pages are server components: they pass serializable column
// definitions and rows whose cells are already rendered, with a sort value per cell where
// the column sorts. Sorting happens in the browser over the rows given, so a paginated list
// (the audit trail, the sessions list) marks no column sortable and keeps the server's order:
// sorting one page would suggest an order the next page breaks. Long tables render only the
// rows in view.
import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef, useState, type ReactNode } from "react";
import { ariaSort, nextSort, sortRows, type SortState, type SortValue } from "./table-sort";

export type TableColumn = {
  key: string;
  header: ReactNode;
  /** Clicking (or Enter/Space on) the header sorts by this column. */
  sortable?: boolean;
  align?: "left" | "right";
  /** Classes of both the header and the cells (widths, padding). */
  className?: string;
  /** The cells of this column name their row (rendered as row headers). */
  rowHeader?: boolean;
};

export type TableRow = {
  key: string;
  cells: Record<string, ReactNode>;
  /** Sort values by column; a cell without one sorts by its own text or number. */
  sort?: Record<string, SortValue>;
  /** Extra classes of single cells, by column. */
  cellClass?: Record<string, string>;
  className?: string;
  testId?: string;
  /** data-* attributes of the row (names without the "data-" prefix). */
  data?: Record<string, string>;
};

/** Rows under a heading of their own (e.g. the price entries of one model); sorting sorts within a group. */
export type TableGroup = { key: string; header: ReactNode; testId?: string; rows: TableRow[] };

type TableProps = {
  columns: TableColumn[];
  /** The rows, or `groups` of rows (grouped tables are not virtualized). */
  rows?: TableRow[];
  groups?: TableGroup[];
  /** Names the table for assistive technology (and tests); visually hidden. */
  caption: string;
  testId?: string;
  /** Shown instead of the table when there is no row. */
  empty?: ReactNode;
  initialSort?: SortState;
  /** Classes of the <table> beyond the defaults (e.g. a minimum width). */
  className?: string;
  /** Above this many rows only the rows in view are rendered. */
  virtualizeAbove?: number;
  /** Vertical alignment of the cells: top for multi-line rows (forms, details), middle for lists. */
  cellAlign?: keyof typeof cellClass;
};

export const VIRTUALIZE_ABOVE = 200;
const ROW_ESTIMATE = 44;

const th = "px-3 py-2 text-xs font-medium text-fg-muted whitespace-nowrap";
const cellClass = { top: "px-3 py-2 align-top text-sm", middle: "px-3 py-2 align-middle text-sm" } as const;
const rowBase = "border-line border-b last:border-b-0";

function cellSortValue(row: TableRow, column: string): SortValue {
  if (row.sort && column in row.sort) return row.sort[column];
  const cell = row.cells[column];
  return typeof cell === "string" || typeof cell === "number" ? cell : undefined;
}

export function Table({
  columns,
  rows = [],
  groups,
  caption,
  testId,
  empty,
  initialSort = null,
  className = "",
  virtualizeAbove = VIRTUALIZE_ABOVE,
  cellAlign = "top",
}: TableProps) {
  const cell = cellClass[cellAlign];
  const [sort, setSort] = useState<SortState>(initialSort);
  const order = useMemo(
    () =>
      sort
        ? (list: TableRow[]) => sortRows(list, (r) => cellSortValue(r, sort.column), sort.dir)
        : (list: TableRow[]) => list,
    [sort],
  );
  const sorted = useMemo(() => order(rows), [order, rows]);
  const total = groups ? groups.reduce((n, g) => n + g.rows.length, 0) : rows.length;
  if (total === 0 && empty !== undefined) return <>{empty}</>;
  const virtual = !groups && sorted.length > virtualizeAbove;
  const head = (
    // a virtualized table scrolls in its own box: its header stays in view
    <thead className={`border-b border-line bg-surface-2 ${virtual ? "sticky top-0 z-10" : ""}`}>
      <tr>
        {columns.map((c) => (
          <th
            key={c.key}
            scope="col"
            aria-sort={ariaSort(sort, c.key, Boolean(c.sortable))}
            className={`${th} ${c.align === "right" ? "text-right" : "text-left"} ${c.className ?? ""}`}
          >
            {c.sortable ? (
              <button
                type="button"
                onClick={() => setSort(nextSort(sort, c.key))}
                className="inline-flex items-center gap-1 rounded hover:text-fg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--accent)]"
              >
                {c.header}
                <span aria-hidden="true" className={sort?.column === c.key ? "text-fg" : "text-fg-subtle"}>
                  {sort?.column === c.key ? (sort.dir === "asc" ? "▲" : "▼") : "↕"}
                </span>
              </button>
            ) : (
              c.header
            )}
          </th>
        ))}
      </tr>
    </thead>
  );
  const table = (body: ReactNode) => (
    <table className={`w-full border-collapse text-sm ${className}`} data-testid={testId}>
      <caption className="sr-only">{caption}</caption>
      {head}
      {body}
    </table>
  );
  if (groups) {
    return (
      <div className="relative overflow-x-auto">
        {table(
          groups.map((g) => (
            <tbody key={g.key} className="border-b border-line" data-testid={g.testId}>
              <tr>
                <th
                  scope="rowgroup"
                  colSpan={columns.length}
                  className="bg-surface-2 px-3 py-1.5 text-left text-xs font-semibold text-fg"
                >
                  {g.header}
                </th>
              </tr>
              {order(g.rows).map((row) => (
                <Row key={row.key} row={row} columns={columns} cell={cell} />
              ))}
            </tbody>
          )),
        )}
      </div>
    );
  }
  if (virtual) return <VirtualTable rows={sorted} columns={columns} cell={cell} render={table} />;
  return (
    // relative: keeps the sr-only bits inside the scroller, so they cannot widen the page
    <div className="relative overflow-x-auto">
      {table(
        <tbody>
          {sorted.map((row) => (
            <Row key={row.key} row={row} columns={columns} cell={cell} />
          ))}
        </tbody>,
      )}
    </div>
  );
}

function Row({
  row,
  columns,
  cell,
  measure,
  index,
}: {
  row: TableRow;
  columns: TableColumn[];
  cell: string;
  measure?: (el: Element | null) => void;
  index?: number;
}) {
  const data = Object.fromEntries(Object.entries(row.data ?? {}).map(([k, v]) => [`data-${k}`, v]));
  return (
    <tr
      ref={measure}
      data-index={index}
      className={`${rowBase} ${row.className ?? ""}`}
      data-testid={row.testId}
      {...data}
    >
      {columns.map((c) => {
        const className = `${cell} ${c.align === "right" ? "text-right tabular-nums" : ""} ${c.className ?? ""} ${row.cellClass?.[c.key] ?? ""}`;
        return c.rowHeader ? (
          <th key={c.key} scope="row" className={`${className} text-left font-medium`}>
            {row.cells[c.key]}
          </th>
        ) : (
          <td key={c.key} className={className}>
            {row.cells[c.key]}
          </td>
        );
      })}
    </tr>
  );
}

/** Rows in view plus a margin, between two spacer rows that keep the scroll height. */
function VirtualTable({
  rows,
  columns,
  cell,
  render,
}: {
  rows: TableRow[];
  columns: TableColumn[];
  cell: string;
  render: (body: ReactNode) => ReactNode;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render only
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 15,
    getItemKey: (index) => rows[index]?.key ?? index,
    // the server renders the first screen
    initialRect: { width: 0, height: 800 },
  });
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  const spacer = (height: number, key: string) =>
    height > 0 ? (
      <tr aria-hidden="true" key={key}>
        <td colSpan={columns.length} style={{ height, padding: 0 }} />
      </tr>
    ) : null;
  return (
    <div ref={scrollRef} className="relative max-h-[75vh] overflow-auto" data-virtualized="true">
      {render(
        <tbody>
          {spacer(top, "top")}
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <Row
                key={row.key}
                row={row}
                columns={columns}
                cell={cell}
                index={item.index}
                measure={virtualizer.measureElement}
              />
            );
          })}
          {spacer(bottom, "bottom")}
        </tbody>,
      )}
    </div>
  );
}
