import "server-only";
// Reading a whole table (or a filtered part) in pages by id, so memory stays flat however
// many rows there are: keyset pagination with Prisma's cursor.

/** The Prisma arguments of the page after `cursor` (the first page without one). */
export type PageArgs = { orderBy: { id: "asc" }; take: number; cursor?: { id: string }; skip?: number };

/** Calls `each` for every row `read` returns, page by page in id order. */
export async function forEachPage<T extends { id: string }>(
  pageSize: number,
  read: (page: PageArgs) => Promise<T[]>,
  each: (row: T) => void | Promise<void>,
): Promise<void> {
  for (let cursor: string | undefined; ;) {
    const rows = await read({
      orderBy: { id: "asc" },
      take: pageSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    for (const row of rows) await each(row);
    if (rows.length < pageSize) return;
    cursor = rows[rows.length - 1]!.id;
  }
}
