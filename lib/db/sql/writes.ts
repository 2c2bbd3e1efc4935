import "server-only";
// Bulk writes for the hot ingest path and the counters, on either database. Prisma's
// createMany compiles every row through its query engine, which costs far more than the
// insert itself at 500 rows per request. Values are stored exactly as Prisma stores them, so
// Prisma reads them back as usual (the dialect encodes Dates and booleans; Json columns take
// `jsonText`). Inside a Prisma transaction, pass the transaction client.
import { sql, type Insertable, type Kysely } from "kysely";
import { dialectOf, isTransaction, sqlFor } from "./registry";
import type { RawClient } from "./dialects";
import type { DB, TableName } from "./schema";

/** Most parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMS = 30_000;

type Row = Record<string, unknown>;
/** Tables and columns are checked at the call sites; inside, rows are plain records. */
type Loose = Kysely<Record<string, Row>>;
export type Columns<T extends TableName> = keyof DB[T] & string;

/** The union of the rows' keys (rows built by one literal share them: checked cheaply). */
function columnsOf(rows: readonly object[]): string[] {
  const first = Object.keys(rows[0]!);
  const columns = new Set<string>(first);
  for (const row of rows) {
    for (const key in row) if (!columns.has(key)) columns.add(key);
  }
  return [...columns];
}

/** Every row with every column, in order; undefined is NULL (as Prisma would have it). */
function complete(rows: readonly object[], columns: readonly string[]): Row[] {
  return rows.map((row) => Object.fromEntries(columns.map((c) => [c, (row as Row)[c] ?? null])));
}

function chunks<T>(rows: readonly T[], columns: number): T[][] {
  const per = Math.max(1, Math.floor(MAX_PARAMS / Math.max(1, columns)));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += per) out.push(rows.slice(i, i + per));
  return out;
}

/** The one-row INSERT texts runEach runs, by database, table, columns and conflict key. */
const singleRowInserts = new Map<string, string>();

export type InsertOptions<T extends TableName> = {
  /** the unique key to skip duplicates on (`ON CONFLICT (…) DO NOTHING`) */
  onConflictDoNothing?: readonly Columns<T>[];
  /** a column whose values are answered for the rows actually inserted */
  returning?: Columns<T>;
};

/**
 * Inserts rows in as few statements as the database does best: on SQLite one prepared
 * statement run per row, on PostgreSQL multi-row statements. With `returning`, answers that
 * column's values for the rows inserted (not the skipped duplicates).
 */
export async function insertRows<T extends TableName>(
  client: RawClient,
  table: T,
  rows: readonly Insertable<DB[T]>[],
  options: InsertOptions<T> = {},
): Promise<unknown[]> {
  if (rows.length === 0) return [];
  const dialect = dialectOf(client);
  const db = sqlFor(client) as unknown as Loose;
  const columns = columnsOf(rows);
  const name: string = table;
  const statement = (values: Row[]) => {
    const insert = db.insertInto(name).values(values);
    return options.onConflictDoNothing
      ? insert.onConflict((oc) => oc.columns([...options.onConflictDoNothing!]).doNothing())
      : insert;
  };
  const returned: string | undefined = options.returning;
  if (dialect.runEach) {
    // outside a transaction, not inside one that is open on the connection
    const waiting = isTransaction(client) ? undefined : dialect.idle?.();
    if (waiting) await waiting;
    // one statement text per table, columns and conflict key: compiled once, not per batch
    const key = `${dialect.kind}\u0000${name}\u0000${columns.join(",")}\u0000${options.onConflictDoNothing?.join(",") ?? ""}`;
    let text = singleRowInserts.get(key);
    if (text === undefined) {
      text = statement([Object.fromEntries(columns.map((c) => [c, null]))]).compile().sql;
      singleRowInserts.set(key, text);
    }
    const changes = dialect.runEach(text, rows, columns);
    // `changes` tells an insert from a skipped duplicate; RETURNING would double the cost
    return returned ? rows.filter((_, i) => changes[i]! > 0).map((row) => (row as Row)[returned]) : [];
  }
  const inserted: unknown[] = [];
  for (const chunk of chunks(complete(rows, columns), columns.length)) {
    if (returned) for (const r of await statement(chunk).returning(returned).execute()) inserted.push(r[returned]);
    else await statement(chunk).execute();
  }
  return inserted;
}

/**
 * Adds rows to counter columns: inserts the rows whose key is new and, for existing keys,
 * adds the given values to the stored ones (`ON CONFLICT … DO UPDATE SET x = x + excluded.x`,
 * which both databases accept). Keys must be distinct within one call. `lowest` and `highest`
 * columns keep the smaller or larger of the stored and the new value (a NULL on either side
 * leaves the other). Columns that are none of these (an id) are written on insert only.
 */
export async function addToCounters<T extends TableName>(
  client: RawClient,
  table: T,
  rows: readonly Insertable<DB[T]>[],
  options: {
    key: readonly Columns<T>[];
    counters: readonly Columns<T>[];
    lowest?: readonly Columns<T>[];
    highest?: readonly Columns<T>[];
  },
): Promise<void> {
  if (rows.length === 0) return;
  const dialect = dialectOf(client);
  const db = sqlFor(client) as unknown as Loose;
  const columns = columnsOf(rows);
  const name: string = table;
  const stored = (c: string) => sql.ref(`${table}.${c}`);
  const given = (c: string) => sql.ref(`excluded.${c}`);
  // SQLite's MIN(a, NULL) is NULL where PostgreSQL's LEAST ignores the NULL: the COALESCE makes both ignore it
  const keep = (c: string, pick: typeof dialect.least) => [
    c,
    sql`COALESCE(${pick(stored(c), given(c))}, ${stored(c)}, ${given(c)})`,
  ];
  const add = Object.fromEntries([
    ...options.counters.map((c) => [c, sql`${stored(c)} + ${given(c)}`]),
    ...(options.lowest ?? []).map((c) => keep(c, dialect.least)),
    ...(options.highest ?? []).map((c) => keep(c, dialect.greatest)),
  ]);
  for (const chunk of chunks(complete(rows, columns), columns.length)) {
    await db
      .insertInto(name)
      .values(chunk)
      .onConflict((oc) => oc.columns([...options.key]).doUpdateSet(add))
      .execute();
  }
}

export type SessionActivityRow = { id: string; first: Date; last: Date; tokens: number; cost: number; errors: number };

type ActivityField = keyof SessionActivityRow;
const ACTIVITY_FIELDS: readonly ActivityField[] = ["id", "first", "last", "tokens", "cost", "errors"];
/** SQLite's one-row session-activity UPDATE, and which field each of its parameters takes. */
let singleRowActivity: { text: string; order: ActivityField[] } | undefined;

/**
 * Applies per-session activity of a batch: adds to the counters, moves updatedAt forward and
 * startedAt back. PostgreSQL gets one UPDATE … FROM (SELECT … UNION ALL …) per chunk; SQLite
 * one prepared run per session of an UPDATE by primary key (runEach), which costs less than
 * building and compiling the UNION of a batch's fifty sessions every time.
 */
export async function addSessionActivity(client: RawClient, rows: readonly SessionActivityRow[]): Promise<void> {
  if (rows.length === 0) return;
  const dialect = dialectOf(client);
  const db = sqlFor(client) as unknown as Loose;
  const session = (column: string) => sql.ref(`Session.${column}`);
  if (dialect.runEach) {
    if (!singleRowActivity) {
      // compiled with each field's name as its value, to learn the parameters' order
      const p = (field: ActivityField) => sql`${`:${field}`}`;
      const compiled = db
        .updateTable("Session")
        .set({
          totalTokens: sql`${session("totalTokens")} + ${p("tokens")}`,
          costUsd: sql`${session("costUsd")} + ${p("cost")}`,
          errorCount: sql`${session("errorCount")} + ${p("errors")}`,
          updatedAt: dialect.greatest(session("updatedAt"), p("last")),
          startedAt: dialect.least(session("startedAt"), p("first")),
        })
        .where("id", "=", ":id")
        .compile();
      const order = compiled.parameters.map((value) => ACTIVITY_FIELDS.find((f) => `:${f}` === value));
      if (order.length !== ACTIVITY_FIELDS.length || !order.every((f) => f !== undefined))
        throw new Error("sql: the session-activity statement does not bind one parameter per field");
      singleRowActivity = { text: compiled.sql, order: order as ActivityField[] };
    }
    const { text, order } = singleRowActivity;
    const waiting = isTransaction(client) ? undefined : dialect.idle?.();
    if (waiting) await waiting;
    dialect.runEach(text, rows, order);
    return;
  }
  const t = dialect.typed;
  for (const chunk of chunks(rows, 6)) {
    const values = chunk.map(
      (r) =>
        sql`SELECT ${t(r.id, "text")} AS "id", ${t(r.first, "timestamp")} AS "first", ${t(r.last, "timestamp")} AS "last", ${t(r.tokens, "float")} AS "tokens", ${t(r.cost, "float")} AS "cost", ${t(r.errors, "int")} AS "errors"`,
    );
    const v = (column: string) => sql.ref(`v.${column}`);
    await db
      .updateTable("Session")
      .from(sql`(${sql.join(values, sql` UNION ALL `)})`.as("v"))
      .set({
        totalTokens: sql`${session("totalTokens")} + ${v("tokens")}`,
        costUsd: sql`${session("costUsd")} + ${v("cost")}`,
        errorCount: sql`${session("errorCount")} + ${v("errors")}`,
        updatedAt: dialect.greatest(session("updatedAt"), v("last")),
        startedAt: dialect.least(session("startedAt"), v("first")),
      })
      .whereRef("Session.id", "=", sql.ref("v.id"))
      .execute();
  }
}

/**
 * The rows of `table` in the project whose `key` is one of `keys`: one statement per 500
 * keys, in fixed sizes (steps of 50) so that a few prepared statements serve every batch.
 * Prisma's findMany costs milliseconds per call in query planning, which the ingest of a
 * single event would otherwise pay several times.
 */
export async function selectByKeys<T extends TableName, C extends Columns<T>>(
  client: RawClient,
  table: T,
  columns: readonly C[],
  projectId: string,
  key: Columns<T>,
  keys: readonly string[],
): Promise<Record<C, unknown>[]> {
  const db = sqlFor(client) as unknown as Loose;
  const name: string = table;
  const selected: string[] = [...columns];
  const keyColumn: string = key;
  const out: Record<C, unknown>[] = [];
  for (let start = 0; start < keys.length; start += 500) {
    const slice = keys.slice(start, start + 500);
    const size = Math.min(500, Math.ceil(slice.length / 50) * 50);
    const padded = [...slice, ...Array<null>(size - slice.length).fill(null)];
    const rows = await db
      .selectFrom(name)
      .select(selected)
      .where("projectId", "=", projectId)
      .where(keyColumn, "in", padded)
      .execute();
    out.push(...(rows as Record<C, unknown>[]));
  }
  return out;
}
