import "server-only";
// Bulk writes for the hot ingest path, in the one place that knows both SQL dialects.
// Prisma's createMany compiles every row through its query engine, which costs far more
// than the insert itself at 500 rows per request; these build one multi-row statement
// instead. Values are stored exactly as Prisma stores them, so Prisma reads them back as
// usual: on SQLite, DateTime is ISO text with "+00:00" and JSON is text; on PostgreSQL the
// parameters are cast to the column types.
import type BetterSqlite3 from "better-sqlite3";
import type { DatabaseKind } from "./database-url";

export type ColumnType = "text" | "int" | "float" | "bool" | "timestamp" | "json" | "status";
export type Column = { name: string; type: ColumnType };
export type SqlRow = readonly unknown[];

export type RawRunner = {
  $executeRawUnsafe: (sql: string, ...values: unknown[]) => Promise<number>;
  $queryRawUnsafe: <T = unknown>(sql: string, ...values: unknown[]) => Promise<T>;
};

/** Most parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMS = 30_000;

const PG_CAST: Record<ColumnType, string> = {
  text: "",
  int: "::int",
  float: "::double precision",
  bool: "::boolean",
  timestamp: "::timestamp(3)",
  json: "::jsonb",
  status: '::"Status"',
};

/** The SQLite text form Prisma writes for a DateTime. */
export function sqliteTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

export function toSqlValue(kind: DatabaseKind, type: ColumnType, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  switch (type) {
    case "timestamp": {
      const date = value instanceof Date ? value : new Date(String(value));
      return kind === "sqlite" ? sqliteTimestamp(date) : date.toISOString();
    }
    case "json":
      return JSON.stringify(value);
    case "bool":
      return kind === "sqlite" ? (value ? 1 : 0) : Boolean(value);
    default:
      return value;
  }
}

export function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`bulk-sql: bad identifier ${name}`);
  return `"${name}"`;
}

function placeholder(kind: DatabaseKind, index: number, type: ColumnType): string {
  return kind === "sqlite" ? "?" : `$${index}${PG_CAST[type]}`;
}

/** `(?, ?, …), (…)` for SQLite or `($1::int, …)` for PostgreSQL, with the flattened parameters. */
export function valuesClause(kind: DatabaseKind, columns: readonly Column[], rows: readonly SqlRow[]): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const cells = columns.map((column, i) => {
      params.push(toSqlValue(kind, column.type, row[i]));
      return placeholder(kind, params.length, column.type);
    });
    return `(${cells.join(", ")})`;
  });
  return { sql: tuples.join(", "), params };
}

export type BulkInsertOptions = {
  /** the unique key to skip duplicates on (`ON CONFLICT (…) DO NOTHING`) */
  conflictKey?: readonly string[];
  /** a column whose values are returned for the rows actually inserted */
  returning?: string;
  /** SQLite: the connection's own handle (lib/db/client.ts sqliteDriverOf), for prepared statements */
  driver?: BetterSqlite3.Database;
};

const statements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

function prepared(driver: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let cache = statements.get(driver);
  if (!cache) statements.set(driver, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = driver.prepare(sql)));
  return statement;
}

/**
 * Inserts rows in as few statements as the parameter limit allows. With `returning`, the
 * answer lists that column's values for the rows inserted (not the skipped duplicates).
 */
export async function bulkInsert(
  runner: RawRunner,
  kind: DatabaseKind,
  table: string,
  columns: readonly Column[],
  rows: readonly SqlRow[],
  options: BulkInsertOptions = {},
): Promise<unknown[]> {
  const inserted: unknown[] = [];
  if (rows.length === 0) return inserted;
  if (kind === "sqlite" && options.driver) return insertPrepared(options.driver, table, columns, rows, options);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const head = `INSERT INTO ${quoteIdent(table)} (${columns.map((c) => quoteIdent(c.name)).join(", ")}) VALUES `;
  const conflict = options.conflictKey ? ` ON CONFLICT (${options.conflictKey.map(quoteIdent).join(", ")}) DO NOTHING` : "";
  for (let start = 0; start < rows.length; start += perStatement) {
    const { sql, params } = valuesClause(kind, columns, rows.slice(start, start + perStatement));
    if (options.returning) {
      const out = await runner.$queryRawUnsafe<Record<string, unknown>[]>(`${head}${sql}${conflict} RETURNING ${quoteIdent(options.returning)}`, ...params);
      for (const r of out) inserted.push(r[options.returning]);
    } else {
      await runner.$executeRawUnsafe(`${head}${sql}${conflict}`, ...params);
    }
  }
  return inserted;
}

/** One prepared single-row statement, run per row: the fastest path better-sqlite3 offers. */
function insertPrepared(driver: BetterSqlite3.Database, table: string, columns: readonly Column[], rows: readonly SqlRow[], options: BulkInsertOptions): unknown[] {
  const conflict = options.conflictKey ? ` ON CONFLICT (${options.conflictKey.map(quoteIdent).join(", ")}) DO NOTHING` : "";
  const sql = `INSERT INTO ${quoteIdent(table)} (${columns.map((c) => quoteIdent(c.name)).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})${conflict}`;
  const statement = prepared(driver, sql);
  const returned = options.returning ? columns.findIndex((c) => c.name === options.returning) : -1;
  if (options.returning && returned < 0) throw new Error(`bulk-sql: returning column ${options.returning} is not inserted`);
  const inserted: unknown[] = [];
  for (const row of rows) {
    // `changes` tells an insert from a skipped duplicate; RETURNING would double the cost
    const { changes } = statement.run(...columns.map((column, i) => toSqlValue("sqlite", column.type, row[i])));
    if (changes > 0 && returned >= 0) inserted.push(row[returned]);
  }
  return inserted;
}

/** A statement whose text varies with its row count: prepared on the driver when there is one. */
async function execute(runner: RawRunner, driver: BetterSqlite3.Database | undefined, sql: string, params: unknown[]): Promise<void> {
  if (driver) driver.prepare(sql).run(...params);
  else await runner.$executeRawUnsafe(sql, ...params);
}

/**
 * SQLite, inside a transaction: the rows of `table` in the project whose `keyColumn` is one of
 * `keys`, read on the connection's own handle. Prisma's findMany costs milliseconds per call
 * in query planning, which the ingest of a single event would otherwise pay several times.
 */
export function selectByKeys(driver: BetterSqlite3.Database, table: string, columns: readonly string[], projectId: string, keyColumn: string, keys: readonly string[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const head = `SELECT ${columns.map(quoteIdent).join(", ")} FROM ${quoteIdent(table)} WHERE "projectId" = ? AND ${quoteIdent(keyColumn)} IN `;
  for (let start = 0; start < keys.length; start += 500) {
    const slice = keys.slice(start, start + 500);
    // fixed sizes (≤500 in steps of 50) keep the statement cache small
    const size = Math.min(500, Math.ceil(slice.length / 50) * 50);
    const params = [projectId, ...slice, ...Array<null>(size - slice.length).fill(null)];
    out.push(...(prepared(driver, `${head}(${Array(size).fill("?").join(", ")})`).all(...params) as Record<string, unknown>[]));
  }
  return out;
}

export type SessionActivityRow = { id: string; first: Date; last: Date; tokens: number; cost: number; errors: number };

/**
 * Applies per-session activity of a batch in one statement: adds to the counters, moves
 * updatedAt forward and startedAt back. Both databases accept UPDATE … FROM (SELECT … UNION ALL …).
 */
export async function updateSessionActivity(runner: RawRunner, kind: DatabaseKind, rows: readonly SessionActivityRow[], driver?: BetterSqlite3.Database): Promise<void> {
  const columns: Column[] = [
    { name: "id", type: "text" },
    { name: "first", type: "timestamp" },
    { name: "last", type: "timestamp" },
    { name: "tokens", type: "float" },
    { name: "cost", type: "float" },
    { name: "errors", type: "int" },
  ];
  const perStatement = Math.floor(MAX_PARAMS / columns.length);
  const greatest = kind === "sqlite" ? "MAX" : "GREATEST";
  const least = kind === "sqlite" ? "MIN" : "LEAST";
  for (let start = 0; start < rows.length; start += perStatement) {
    const params: unknown[] = [];
    const selects = rows.slice(start, start + perStatement).map((row) => {
      const values = [row.id, row.first, row.last, row.tokens, row.cost, row.errors];
      const cells = columns.map((column, i) => {
        params.push(toSqlValue(kind, column.type, values[i]));
        return `${placeholder(kind, params.length, column.type)} AS ${quoteIdent(column.name)}`;
      });
      return `SELECT ${cells.join(", ")}`;
    });
    await execute(
      runner,
      kind === "sqlite" ? driver : undefined,
      `UPDATE "Session" SET
        "totalTokens" = "Session"."totalTokens" + v."tokens",
        "costUsd" = "Session"."costUsd" + v."cost",
        "errorCount" = "Session"."errorCount" + v."errors",
        "updatedAt" = ${greatest}("Session"."updatedAt", v."last"),
        "startedAt" = ${least}("Session"."startedAt", v."first")
      FROM (${selects.join(" UNION ALL ")}) AS v
      WHERE "Session"."id" = v."id"`,
      params,
    );
  }
}

/**
 * Adds rows to counter columns: inserts the rows whose key is new and, for existing keys,
 * adds the given values to the stored ones (`ON CONFLICT … DO UPDATE SET x = x + excluded.x`,
 * which both databases accept). Keys must be distinct within one call. Columns that are
 * neither key nor counter (an id) are written on insert only.
 */
export async function addToCounters(
  runner: RawRunner,
  kind: DatabaseKind,
  table: string,
  columns: readonly Column[],
  rows: readonly SqlRow[],
  options: { conflictKey: readonly string[]; counters: readonly string[] },
): Promise<void> {
  if (rows.length === 0) return;
  const t = quoteIdent(table);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const head = `INSERT INTO ${t} (${columns.map((c) => quoteIdent(c.name)).join(", ")}) VALUES `;
  const tail =
    ` ON CONFLICT (${options.conflictKey.map(quoteIdent).join(", ")}) DO UPDATE SET ` +
    options.counters.map((c) => `${quoteIdent(c)} = ${t}.${quoteIdent(c)} + excluded.${quoteIdent(c)}`).join(", ");
  for (let start = 0; start < rows.length; start += perStatement) {
    const { sql, params } = valuesClause(kind, columns, rows.slice(start, start + perStatement));
    await runner.$executeRawUnsafe(`${head}${sql}${tail}`, ...params);
  }
}
