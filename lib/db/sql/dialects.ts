import "server-only";
// The one module that knows how SQLite and PostgreSQL differ. Each database is an object
// implementing SqlDialect; feature code never asks which one it has (a test keeps it so):
// it calls lib/db/sql/writes.ts and the registry (sqlFor, dialectOf), which ask the dialect.
import {
  Kysely,
  PostgresAdapter,
  PostgresDriver,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SelectQueryNode,
  sql,
  SqliteAdapter,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type Expression,
  type QueryResult,
  type RawBuilder,
} from "kysely";
import type pg from "pg";
import type { DatabaseKind } from "../database-url";
import type { PostgresConnection } from "../adapters";
import type { SqliteConnection } from "../sqlite-adapter";
import type { DB } from "./schema";

/** What the SQL layer needs of a Prisma client or transaction client: its public raw API. */
export type RawClient = {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
};

export interface SqlDialect {
  readonly kind: DatabaseKind;
  /** A value as the database stores it (Dates, booleans); what our compilers bind. */
  encode(value: unknown): unknown;
  /** Kysely on the client's own connection (outside a transaction). */
  kysely(): Kysely<DB>;
  /** Kysely whose statements run inside the Prisma transaction `tx`. */
  kyselyIn(tx: RawClient): Kysely<DB>;
  /**
   * SQLite: runs one compiled statement per row on a prepared statement (the fastest path
   * better-sqlite3 has), binding each row's `fields` in order (missing ones as NULL); answers
   * each row's changed-row count. Undefined on PostgreSQL, where one multi-row statement per
   * round trip is faster.
   */
  readonly runEach?: (sql: string, rows: readonly object[], fields: readonly string[]) => number[];
  /**
   * SQLite, for a statement run outside any transaction (runEach's): settles once the
   * connection has no write transaction open, undefined when it has none.
   */
  readonly idle?: () => Promise<void> | undefined;
  /**
   * SQLite, whose tables are stored in the order of their integer key: `column` as no index may
   * serve it (`+column`), so that a statement bounded by a key range reads that range's rows in
   * storage order instead of one lookup per index entry. Undefined on PostgreSQL, whose heap has
   * no such order to lean on.
   */
  readonly unindexed?: (column: string) => RawBuilder<unknown>;
  greatest(a: Expression<unknown>, b: Expression<unknown>): RawBuilder<unknown>;
  least(a: Expression<unknown>, b: Expression<unknown>): RawBuilder<unknown>;
  /** The UTC day of a stored timestamp, in the stored form of a timestamp. */
  dayOf(column: Expression<unknown>): RawBuilder<unknown>;
  /** Which `bucketMs`-wide bucket after `from` a stored timestamp falls in: an integer (NULL for NULL). */
  timeBucket(column: Expression<unknown>, from: Date, bucketMs: number): RawBuilder<number | null>;
  /** A bound value typed for a context that gives it no type (a subquery's output column). */
  typed(value: unknown, type: "text" | "int" | "float" | "timestamp"): RawBuilder<unknown>;
  /** A stored timestamp read back by a raw query: ISO text (SQLite) or a Date (PostgreSQL). */
  readTimestamp(value: unknown): Date;
  /** Serializes appends to the audit chain until the transaction ends. */
  lockAuditChain(tx: RawClient): Promise<void>;
  /** A Prisma `contains` filter that ignores case. */
  containsInsensitive(value: string): { contains: string; mode?: "insensitive" };
  /** Other processes hear our commits through the database (PostgreSQL NOTIFY). */
  readonly notifiesOtherProcesses: boolean;
  /** Sends `payload` on `channel` to every listening process (PostgreSQL only). */
  notify(client: RawClient, channel: string, payload: string): Promise<void>;
  /** A number that changes when another connection commits (SQLite only). */
  dataVersion(client: RawClient): Promise<number>;
  /**
   * SQLite: the same number, read at once on the connection (any transaction of it sees it
   * the same); undefined where the database cannot tell (PostgreSQL).
   */
  readonly versionOfOtherWrites?: () => number;
  /** Whether a table exists in the current schema. */
  tableExists(client: RawClient, name: string): Promise<boolean>;
  /** After loading many rows outside the ingest path: what the database's maintenance would do. */
  afterBulkLoad(client: RawClient): Promise<void>;
  /** How many writers the ingest queue runs at once. */
  readonly writers: number;
  /**
   * Runs `fn` in one write transaction of `client` and commits before it answers; everything
   * `fn` wrote is rolled back when it throws. SQLite takes it on the connection itself (BEGIN
   * IMMEDIATE … COMMIT) and hands `fn` the client bound to it; PostgreSQL opens the client's
   * interactive transaction.
   */
  transaction<Tx, T>(
    client: TransactionalClient<Tx>,
    fn: (tx: Tx) => Promise<T>,
    options: TransactionOptions,
  ): Promise<T>;
}

export type TransactionOptions = { maxWait: number; timeout: number };

/** A Prisma client, as far as a write transaction needs it. */
export type TransactionalClient<Tx> = {
  $transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
};

const AUDIT_CHAIN_LOCK = 727_001;

/** The SQLite text form Prisma writes for a DateTime. */
export function sqliteTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

// A batch stamps all its rows with one Date (createdAt): format it once. Rows also carry
// their own time, encoded between two createdAt's, so two dates are kept (the one used
// least recently is replaced), or the shared one would be formatted again for every row.
type FormattedDate = { date?: Date; time: number; text: string };
let recent: FormattedDate = { time: NaN, text: "" };
let older: FormattedDate = { time: NaN, text: "" };

function encodeSqliteDate(value: Date): string {
  const time = value.getTime();
  if (value === recent.date && time === recent.time) return recent.text;
  if (value !== older.date || time !== older.time) older = { date: value, time, text: sqliteTimestamp(value) };
  [recent, older] = [older, recent];
  return recent.text;
}

function encodeSqlite(value: unknown): unknown {
  if (value instanceof Date) return encodeSqliteDate(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value === undefined ? null : value;
}

function encodePostgres(value: unknown): unknown {
  // timestamp(3) has no zone: the UTC wall time, whatever this process's zone is
  if (value instanceof Date) return value.toISOString();
  return value === undefined ? null : value;
}

class EncodingSqliteCompiler extends SqliteQueryCompiler {
  protected override addParameter(parameter: unknown): void {
    super.addParameter(encodeSqlite(parameter));
  }
}

class EncodingPostgresCompiler extends PostgresQueryCompiler {
  protected override addParameter(parameter: unknown): void {
    super.addParameter(encodePostgres(parameter));
  }
}

function returnsRows(query: CompiledQuery): boolean {
  const node = query.query as { returning?: unknown };
  return SelectQueryNode.is(query.query) || node.returning !== undefined || query.query.kind === "RawNode";
}

/**
 * Runs Kysely's statements through a Prisma client's public raw API: inside an interactive
 * transaction, that is the transaction's own connection. Transactions stay Prisma's.
 */
class PrismaRawDriver implements Driver {
  constructor(private readonly client: RawClient) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const { client } = this;
    return {
      async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        if (returnsRows(query)) return { rows: await client.$queryRawUnsafe<R[]>(query.sql, ...query.parameters) };
        const n = await client.$executeRawUnsafe(query.sql, ...query.parameters);
        return { rows: [], numAffectedRows: BigInt(n) };
      },
      streamQuery() {
        throw new Error("sql: streaming is not supported inside a Prisma transaction");
      },
    };
  }
  async beginTransaction(): Promise<void> {
    throw new Error("sql: use the Prisma transaction");
  }
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

/**
 * Kysely outside a transaction on SQLite: a read goes through the connection's `read`, which
 * may hand it to the read pool; anything else runs here, once no write transaction is open
 * (better-sqlite3 is synchronous, so statements need no other lock around them).
 */
class SqliteReadingDriver implements Driver {
  constructor(private readonly connection: SqliteConnection) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const { connection } = this;
    return {
      async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        const statement = connection.statements().get(query.sql);
        const args = [...query.parameters];
        if (statement.reader)
          return { rows: (await connection.read(query.sql, statement, args, "objects")).rows as R[] };
        const waiting = connection.idle();
        if (waiting) await waiting;
        const { changes, lastInsertRowid } = statement.run(...args);
        return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
      },
      streamQuery() {
        throw new Error("sql: streaming is not supported");
      },
    };
  }
  async beginTransaction(): Promise<void> {
    throw new Error("sql: use the Prisma transaction");
  }
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

/** `reads`: outside a transaction (reads may leave for the read pool); else inside the open one. */
function sqliteKysely(connection: SqliteConnection, reads: "routed" | "here"): Kysely<DB> {
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      // prepared statements come from the connection's cache; the handle is Prisma's too,
      // so closing is Prisma's business
      createDriver: () =>
        reads === "routed"
          ? new SqliteReadingDriver(connection)
          : new SqliteDriver({
              database: { prepare: (text: string) => connection.statements().get(text), close: () => {} },
            }),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new EncodingSqliteCompiler(),
    },
  });
}

/**
 * `bound`: the client whose Prisma queries run inside the connection's open transaction
 * (made by createDb); without it, write transactions are the client's interactive ones.
 */
export function sqliteDialect(connection: SqliteConnection, bound?: object): SqlDialect {
  const kysely = sqliteKysely(connection, "routed");
  const inTransaction = sqliteKysely(connection, "here");
  return {
    kind: "sqlite",
    encode: encodeSqlite,
    kysely: () => kysely,
    // one connection: statements on the handle run inside whichever transaction is open,
    // and a transaction's reads must see its own writes, so they never leave this thread
    kyselyIn: () => inTransaction,
    idle: () => connection.idle(),
    runEach(text, rows, fields) {
      const statement = connection.statements().get(text);
      const changes = new Array<number>(rows.length);
      const n = fields.length;
      // one array per row, encoded as it is filled; an array binds as the parameters,
      // without spreading it into arguments
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r] as Record<string, unknown>;
        const args = new Array<unknown>(n);
        for (let i = 0; i < n; i++) args[i] = encodeSqlite(row[fields[i]!]);
        changes[r] = statement.run(args).changes;
      }
      return changes;
    },
    unindexed: (column) => sql`+${sql.ref(column)}`,
    greatest: (a, b) => sql`MAX(${a}, ${b})`,
    least: (a, b) => sql`MIN(${a}, ${b})`,
    // ISO text: the day is its first 10 characters, in the daily rows' own form
    dayOf: (column) => sql`substr(${column}, 1, 10) || 'T00:00:00.000+00:00'`,
    typed: (value) => sql`${value}`,
    // julianday reads the stored ISO text; a double, precise to tens of microseconds today
    timeBucket: (column, from, bucketMs) =>
      sql<number | null>`CAST((julianday(${column}) - julianday(${from})) * 86400000.0 / ${bucketMs} AS INTEGER)`,
    readTimestamp: (value) => (value instanceof Date ? value : new Date(String(value))),
    // one writer at a time already
    lockAuditChain: async () => {},
    // LIKE already ignores ASCII case on SQLite, which has no such mode
    containsInsensitive: (value) => ({ contains: value }),
    notifiesOtherProcesses: false,
    notify: async () => {},
    async dataVersion(client) {
      const rows = await client.$queryRawUnsafe<{ data_version: number | bigint }[]>("PRAGMA data_version");
      return Number(rows[0]?.data_version ?? 0);
    },
    versionOfOtherWrites: () =>
      Number((connection.statements().get("PRAGMA data_version").get() as { data_version: number }).data_version),
    async tableExists(client, name) {
      const rows = await client.$queryRawUnsafe<{ n: unknown }[]>(
        "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?",
        name,
      );
      return Number(rows[0]?.n ?? 0) > 0;
    },
    afterBulkLoad: async (client) => void (await client.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)")),
    writers: 1,
    // the same statements as the client's interactive transaction, without Prisma's bookkeeping
    transaction: (client, fn, options) =>
      bound ? connection.transaction(() => fn(bound as Parameters<typeof fn>[0])) : client.$transaction(fn, options),
  };
}

const PG_TYPES = { text: "text", int: "int", float: "double precision", timestamp: "timestamp(3)" } as const;

function postgresKysely(driver: () => Driver): Kysely<DB> {
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: driver,
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new EncodingPostgresCompiler(),
    },
  });
}

export function postgresDialect(connection: PostgresConnection): SqlDialect {
  const kysely = postgresKysely(
    () =>
      new PostgresDriver({
        // the client's own pool (Prisma's too), drawn from anew after a reconnect
        pool: { connect: () => connection.pool().connect(), end: async () => {} } as unknown as pg.Pool,
        onCreateConnection: async () => {},
      }),
  );
  const inTx = new WeakMap<RawClient, Kysely<DB>>();
  return {
    kind: "postgresql",
    encode: encodePostgres,
    kysely: () => kysely,
    kyselyIn(tx) {
      let k = inTx.get(tx);
      if (!k) inTx.set(tx, (k = postgresKysely(() => new PrismaRawDriver(tx))));
      return k;
    },
    greatest: (a, b) => sql`GREATEST(${a}, ${b})`,
    least: (a, b) => sql`LEAST(${a}, ${b})`,
    dayOf: (column) => sql`date_trunc('day', ${column})`,
    typed: (value, type) => sql`${value}::${sql.raw(PG_TYPES[type])}`,
    timeBucket: (column, from, bucketMs) =>
      sql<
        number | null
      >`FLOOR(EXTRACT(EPOCH FROM (${column} - ${from}::timestamp(3))) * 1000 / ${bucketMs}::double precision)::int`,
    readTimestamp: (value) => (value instanceof Date ? value : new Date(`${String(value).replace(" ", "T")}Z`)),
    // a transaction-scoped advisory lock
    lockAuditChain: async (tx) =>
      void (await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`)),
    // ILIKE's default escape is the backslash: the text's own %, _ and \ are taken literally
    containsInsensitive: (value) => ({ contains: value.replace(/[\\%_]/g, "\\$&"), mode: "insensitive" }),
    notifiesOtherProcesses: true,
    notify: async (client, channel, payload) =>
      void (await client.$executeRawUnsafe("SELECT pg_notify($1, $2)", channel, payload)),
    dataVersion: async () => 0,
    async tableExists(client, name) {
      const rows = await client.$queryRawUnsafe<{ n: unknown }[]>(
        "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1",
        name,
      );
      return Number(rows[0]?.n ?? 0) > 0;
    },
    // what autovacuum would have done to a database that grew to this size over time: the
    // visibility map lets counts over a session's events be index-only scans
    afterBulkLoad: async (client) => void (await client.$executeRawUnsafe("VACUUM (ANALYZE)")),
    // two transactions in flight hide each other's round trips
    writers: 2,
    transaction: (client, fn, options) => client.$transaction(fn, options),
  };
}
