import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { sourceFiles } from "@/test/support/source-files";
import { Table, type TableColumn, type TableRow } from "./table";

const columns: TableColumn[] = [
  { key: "name", header: "Name", sortable: true },
  { key: "cost", header: "Cost", sortable: true, align: "right" },
  { key: "note", header: "Note" },
];

const row = (name: string, cost: number | null): TableRow => ({
  key: name,
  cells: { name, cost: cost === null ? <em>unknown</em> : `$${cost}`, note: <b>{name}!</b> },
  sort: { cost },
  testId: "price-row",
  data: { name },
});

const order = (html: string) => [...html.matchAll(/data-name="([^"]+)"/g)].map((m) => m[1]);

describe("Table", () => {
  it("renders a named table with sortable headers marked for assistive technology", () => {
    const html = renderToStaticMarkup(
      <Table caption="Prices" testId="prices" columns={columns} rows={[row("b", 2), row("a", 10)]} />,
    );
    expect(html).toContain('<caption class="sr-only">Prices</caption>');
    expect(html).toContain('data-testid="prices"');
    expect(html.match(/aria-sort="none"/g)).toHaveLength(2);
    // the header of a sortable column is a button (click, Enter and Space sort)
    expect(html).toMatch(/<th[^>]*aria-sort="none"[^>]*><button type="button"/);
    // a plain column has no aria-sort and no button
    expect(html).toMatch(/<th scope="col" class="[^"]*">Note<\/th>/);
    // rows keep the server's order until a header is used
    expect(order(html)).toEqual(["b", "a"]);
    expect(html.match(/data-testid="price-row"/g)).toHaveLength(2);
  });

  it("sorts by the cells' sort values, unknown values last", () => {
    const rows = [row("b", 2), row("x", null), row("a", 10)];
    const asc = renderToStaticMarkup(
      <Table caption="Prices" columns={columns} rows={rows} initialSort={{ column: "cost", dir: "asc" }} />,
    );
    expect(order(asc)).toEqual(["b", "a", "x"]);
    expect(asc).toContain('aria-sort="ascending"');
    const desc = renderToStaticMarkup(
      <Table caption="Prices" columns={columns} rows={rows} initialSort={{ column: "cost", dir: "desc" }} />,
    );
    expect(order(desc)).toEqual(["a", "b", "x"]);
    // a text cell sorts by its text
    const byName = renderToStaticMarkup(
      <Table caption="Prices" columns={columns} rows={rows} initialSort={{ column: "name", dir: "desc" }} />,
    );
    expect(order(byName)).toEqual(["x", "b", "a"]);
    expect(byName).toContain('aria-sort="descending"');
  });

  it("shows the empty state instead of an empty table", () => {
    const html = renderToStaticMarkup(
      <Table caption="Prices" columns={columns} rows={[]} empty={<p>No prices yet.</p>} />,
    );
    expect(html).toBe("<p>No prices yet.</p>");
  });

  it("renders only the first screen of a long table", () => {
    const rows = Array.from({ length: 1_000 }, (_, i) => row(`r${i}`, i));
    const html = renderToStaticMarkup(<Table caption="Prices" columns={columns} rows={rows} />);
    const shown = order(html).length;
    expect(html).toContain('data-virtualized="true"');
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(100);
    const short = renderToStaticMarkup(<Table caption="Prices" columns={columns} rows={rows.slice(0, 150)} />);
    expect(order(short)).toHaveLength(150);
  });

  it("is the data table of the dashboard's list pages: they render no <table> of their own", () => {
    const lists = sourceFiles("app/(dashboard)", "components/sessions").filter(({ file }) =>
      /\/(settings|audit|agents|usage)\/.*page\.tsx$|\/\(dashboard\)\/(sessions\/)?page\.tsx$|session-(list-)?table\.tsx$/.test(
        file,
      ),
    );
    expect(lists.length).toBeGreaterThanOrEqual(12);
    expect(lists.filter(({ text }) => /<table\b/.test(text)).map(({ file }) => file)).toEqual([]);
  });
});
