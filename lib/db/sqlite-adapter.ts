import "server-only";
// Our Prisma driver adapter for better-sqlite3, written against the public interface of
// @prisma/driver-adapter-utils. We open the handle ourselves (lib/db/adapters.ts), so the
// same handle serves Prisma and the SQL layer (lib/db/sql) without reaching into an
// adapter's fields. SQLite has one connection: a statement run on the handle while a
// transaction is open belongs to that transaction, which the ingest hot path relies on.
// Ingest takes its transactions on the connection itself (`SqliteConnection.transaction`),
// not through Prisma's interactive transaction, whose bookkeeping cost about as much as a
// fifth of SQLite's own work per batch; Prisma queries inside it go through a client bound to
// it (`sqliteTransactionAdapterFactory`).
// Reads outside a transaction may run on a pool of read-only connections on worker threads
// instead (sqlite-read-pool.ts), as read-routing.ts decides: then a long read does not hold
// the main thread, and every other request, for its whole length.
import type BetterSqlite3 from "better-sqlite3";
import {
  ColumnTypeEnum,
  DriverAdapterError,
  type ArgType,
  type ColumnType,
  type IsolationLevel,
  type MappedError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from "@prisma/driver-adapter-utils";
import { StatementCache } from "./sqlite-statements";
import { isPoolableRead, ReadRouter } from "./read-routing";
import { ReadPoolUnavailableError, type SqliteReadPool } from "./sqlite-read-pool";
import type { ReadColumn } from "./sqlite-read-worker";

const ADAPTER_NAME = "observatory-better-sqlite3";

/** The rows of one read, and for Prisma its columns' names and declared types. */
export type ReadRows = { columns: ReadColumn[] | undefined; rows: unknown[] };

/** Structured cloning hands a worker's Buffers back as plain Uint8Arrays: Buffers, as this thread reads them. */
function asBuffer(value: unknown): unknown {
  return value instanceof Uint8Array && !Buffer.isBuffer(value)
    ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    : value;
}

/** One transaction at a time on the one connection, in the order they asked. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return acquired;
  }
}

/**
 * Opens the handle lazily and again after `dispose` (Prisma reconnects after $disconnect),
 * and the read pool likewise when `openReadPool` is given.
 */
export class SqliteConnection {
  private handle?: BetterSqlite3.Database;
  private cache?: StatementCache;
  private rawCache?: StatementCache;
  private pool?: SqliteReadPool;
  private readonly router = new ReadRouter();
  /** Prisma's interactive transactions and ours take turns on the one connection. */
  readonly transactions = new Mutex();
  /** Settles when the transaction taken by `transaction` ends; undefined when none is open. */
  private open?: Promise<void>;

  constructor(
    private readonly openHandle: () => BetterSqlite3.Database,
    private readonly openReadPool?: () => SqliteReadPool,
  ) {}

  database(): BetterSqlite3.Database {
    if (!this.handle?.open) {
      this.handle = this.openHandle();
      this.cache = undefined;
      this.rawCache = undefined;
    }
    return this.handle;
  }

  /** Statements for our own SQL: plain numbers, rows as objects. */
  statements(): StatementCache {
    const handle = this.database();
    return (this.cache ??= new StatementCache(handle));
  }

  /** Statements for Prisma: 64-bit integers exact, rows as arrays. */
  prismaStatements(): StatementCache {
    const handle = this.database();
    return (this.rawCache ??= new StatementCache(handle, (s) => {
      s.safeIntegers(true);
      if (s.reader) s.raw(true);
    }));
  }

  /**
   * Runs `fn` in one write transaction on the handle: BEGIN IMMEDIATE (the write lock at once,
   * so no other process can make it fail halfway), COMMIT when `fn` settles, ROLLBACK of
   * everything when it throws (or when COMMIT fails). `fn` must run its statements on this
   * connection's transaction side (the SQL layer inside a transaction, or the client of
   * `sqliteTransactionAdapterFactory`); statements from outside wait until it ends (`idle`).
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.transactions.acquire();
    let ended!: () => void;
    this.open = new Promise<void>((resolve) => (ended = resolve));
    try {
      const statements = this.statements();
      statements.get("BEGIN IMMEDIATE").run();
      try {
        const result = await fn();
        statements.get("COMMIT").run();
        return result;
      } catch (error) {
        // SQLite may already have rolled back on its own (a full disk, an I/O error)
        if (this.database().inTransaction) statements.get("ROLLBACK").run();
        throw error;
      }
    } finally {
      this.open = undefined;
      ended();
      release();
    }
  }

  /** Whether `transaction` has one open: the transaction side's statements are its. */
  get inTransaction(): boolean {
    return this.open !== undefined;
  }

  /**
   * For a statement from outside any transaction: settles once no transaction taken by
   * `transaction` is open, so that the statement neither joins it (and is rolled back with it)
   * nor reads its uncommitted rows. Undefined when none is open: run at once.
   */
  idle(): Promise<void> | undefined {
    if (!this.open) return undefined;
    return (async () => {
      // another may begin before this continuation runs
      while (this.open) await this.open;
    })();
  }

  /**
   * A read outside any transaction (`statement` is `sql` prepared here, a reader): on a pool
   * worker or on this thread, whichever read-routing.ts picks, with the same rows either way.
   */
  async read(
    sql: string,
    statement: BetterSqlite3.Statement,
    args: unknown[],
    shape: "prisma" | "objects",
  ): Promise<ReadRows> {
    const poolable = this.openReadPool !== undefined && statement.readonly && isPoolableRead(sql);
    if (poolable && this.router.lane(sql) === "pool") {
      const pool = (this.pool ??= this.openReadPool!());
      if (pool.available) {
        try {
          const answer = await pool.read(sql, args, shape);
          this.router.record(sql, answer.ms);
          // Prisma turns bytes into its own type whatever it gets; the SQL layer's rows need Buffers
          return { columns: answer.columns, rows: shape === "prisma" ? answer.rows : answer.rows.map(withBuffers) };
        } catch (error) {
          if (!(error instanceof ReadPoolUnavailableError)) throw error;
        }
      }
    }
    const waiting = this.idle();
    if (waiting) await waiting;
    const t0 = performance.now();
    const columns = shape === "prisma" ? statement.columns().map((c) => ({ name: c.name, type: c.type })) : undefined;
    const rows = statement.all(...args);
    if (poolable) this.router.record(sql, performance.now() - t0);
    return { columns, rows };
  }

  /** The read pool, if this connection has one and it has started. */
  readPool(): SqliteReadPool | undefined {
    return this.pool;
  }

  close(): void {
    if (this.handle?.open) this.handle.close();
    this.handle = undefined;
    this.cache = undefined;
    this.rawCache = undefined;
    void this.pool?.close();
    this.pool = undefined;
  }
}

function withBuffers(row: unknown): unknown {
  const record = row as Record<string, unknown>;
  for (const key in record) record[key] = asBuffer(record[key]);
  return record;
}

const DECLARED: Record<string, ColumnType> = {
  DECIMAL: ColumnTypeEnum.Numeric,
  FLOAT: ColumnTypeEnum.Float,
  DOUBLE: ColumnTypeEnum.Double,
  "DOUBLE PRECISION": ColumnTypeEnum.Double,
  NUMERIC: ColumnTypeEnum.Double,
  REAL: ColumnTypeEnum.Double,
  INT: ColumnTypeEnum.Int32,
  INTEGER: ColumnTypeEnum.Int32,
  TINYINT: ColumnTypeEnum.Int32,
  SMALLINT: ColumnTypeEnum.Int32,
  MEDIUMINT: ColumnTypeEnum.Int32,
  INT2: ColumnTypeEnum.Int32,
  SERIAL: ColumnTypeEnum.Int32,
  BIGINT: ColumnTypeEnum.Int64,
  INT8: ColumnTypeEnum.Int64,
  "UNSIGNED BIG INT": ColumnTypeEnum.Int64,
  DATETIME: ColumnTypeEnum.DateTime,
  TIMESTAMP: ColumnTypeEnum.DateTime,
  DATE: ColumnTypeEnum.Date,
  TIME: ColumnTypeEnum.Time,
  TEXT: ColumnTypeEnum.Text,
  CLOB: ColumnTypeEnum.Text,
  CHARACTER: ColumnTypeEnum.Text,
  VARCHAR: ColumnTypeEnum.Text,
  "VARYING CHARACTER": ColumnTypeEnum.Text,
  NCHAR: ColumnTypeEnum.Text,
  "NATIVE CHARACTER": ColumnTypeEnum.Text,
  NVARCHAR: ColumnTypeEnum.Text,
  BLOB: ColumnTypeEnum.Bytes,
  BOOLEAN: ColumnTypeEnum.Boolean,
  JSONB: ColumnTypeEnum.Json,
};

/** A column without a declared type (an expression) takes the type of its first non-null value. */
function inferred(value: unknown): ColumnType {
  if (typeof value === "string") return ColumnTypeEnum.Text;
  if (typeof value === "bigint") return ColumnTypeEnum.Int64;
  if (typeof value === "number") return ColumnTypeEnum.UnknownNumber;
  if (typeof value === "boolean") return ColumnTypeEnum.Boolean;
  if (value instanceof Uint8Array) return ColumnTypeEnum.Bytes;
  throw new Error(`sqlite adapter: unexpected ${typeof value} in a result`);
}

function columnTypes(declared: readonly (string | null)[], rows: readonly unknown[][]): ColumnType[] {
  return declared.map((type, i) => {
    const known = type ? DECLARED[type.toUpperCase()] : undefined;
    if (known !== undefined) return known;
    const sample = rows.find((row) => row[i] !== null)?.[i];
    return sample === undefined ? ColumnTypeEnum.Int32 : inferred(sample);
  });
}

function resultValue(value: unknown, type: ColumnType): unknown {
  if (
    typeof value === "number" &&
    (type === ColumnTypeEnum.Int32 || type === ColumnTypeEnum.Int64) &&
    !Number.isInteger(value)
  )
    return Math.trunc(value);
  if ((typeof value === "number" || typeof value === "bigint") && type === ColumnTypeEnum.DateTime)
    return new Date(Number(value)).toISOString();
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return value;
}

/** The stored form of an argument: what Prisma's own SQLite adapter would bind. */
function argValue(arg: unknown, type: ArgType | undefined): unknown {
  if (arg === null || arg === undefined) return null;
  if (typeof arg === "boolean") return arg ? 1 : 0;
  if (typeof arg === "string") {
    switch (type?.scalarType) {
      case "int":
        return Number.parseInt(arg, 10);
      case "float":
      case "decimal":
        return Number.parseFloat(arg);
      case "bigint":
        return BigInt(arg);
      case "datetime":
        return new Date(arg).toISOString().replace("Z", "+00:00");
      case "bytes":
        return Buffer.from(arg, "base64");
      default:
        return arg;
    }
  }
  if (arg instanceof Date) return arg.toISOString().replace("Z", "+00:00");
  return arg;
}

function mappedError(error: { code: string; message: string }): MappedError {
  const named = (message: string) =>
    message
      .split("constraint failed: ")[1]
      ?.split(", ")
      .map((f) => f.split(".").pop()!);
  switch (error.code) {
    case "SQLITE_CONSTRAINT_UNIQUE":
    case "SQLITE_CONSTRAINT_PRIMARYKEY": {
      const fields = named(error.message);
      return { kind: "UniqueConstraintViolation", constraint: fields ? { fields } : undefined };
    }
    case "SQLITE_CONSTRAINT_NOTNULL": {
      const fields = named(error.message);
      return { kind: "NullConstraintViolation", constraint: fields ? { fields } : undefined };
    }
    case "SQLITE_CONSTRAINT_FOREIGNKEY":
    case "SQLITE_CONSTRAINT_TRIGGER":
      return { kind: "ForeignKeyConstraintViolation", constraint: { foreignKey: {} } };
  }
  if (error.code.startsWith("SQLITE_BUSY")) return { kind: "SocketTimeout" };
  if (error.message.startsWith("no such table"))
    return { kind: "TableDoesNotExist", table: error.message.split(": ")[1] };
  if (error.message.startsWith("no such column"))
    return { kind: "ColumnNotFound", column: error.message.split(": ")[1] };
  if (error.message.includes("has no column named "))
    return { kind: "ColumnNotFound", column: error.message.split("has no column named ")[1] };
  return { kind: "sqlite", extendedCode: 1, message: error.message };
}

function rethrow(error: unknown): never {
  const e = error as { code?: unknown; message?: unknown };
  if (typeof e?.code === "string" && typeof e.message === "string") {
    throw new DriverAdapterError({
      ...mappedError({ code: e.code, message: e.message }),
      originalCode: e.code,
      originalMessage: e.message,
    });
  }
  throw error;
}

class Queryable {
  readonly provider = "sqlite" as const;
  readonly adapterName = ADAPTER_NAME;

  constructor(protected readonly connection: SqliteConnection) {}

  /** Settles when a statement may run: outside a transaction, once none of ours is open. */
  protected ready(): Promise<void> | undefined {
    return undefined;
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    const waiting = this.ready();
    if (waiting) await waiting;
    try {
      const statement = this.connection.prismaStatements().get(query.sql);
      const args = query.args.map((arg, i) => argValue(arg, query.argTypes[i]));
      if (!statement.reader) {
        statement.run(...args);
        return { columnNames: [], columnTypes: [], rows: [] };
      }
      const { columns, rows } = await this.read(query.sql, statement, args);
      const types = columnTypes(
        columns!.map((c) => c.type),
        rows as unknown[][],
      );
      return {
        columnNames: columns!.map((c) => c.name),
        columnTypes: types,
        rows: (rows as unknown[][]).map((row) => row.map((v, i) => resultValue(v, types[i]!))),
      };
    } catch (error) {
      rethrow(error);
    }
  }

  /** A transaction's reads run on its own connection, this thread's. */
  protected async read(_sql: string, statement: BetterSqlite3.Statement, args: unknown[]): Promise<ReadRows> {
    const columns = statement.columns().map((c) => ({ name: c.name, type: c.type }));
    return { columns, rows: statement.all(...args) };
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    const waiting = this.ready();
    if (waiting) await waiting;
    try {
      return this.connection
        .prismaStatements()
        .get(query.sql)
        .run(...query.args.map((arg, i) => argValue(arg, query.argTypes[i]))).changes;
    } catch (error) {
      rethrow(error);
    }
  }
}

/** Savepoints, for the nested transactions Prisma may open inside one. */
class NestingQueryable extends Queryable {
  async createSavepoint(name: string): Promise<void> {
    await this.executeRaw({ sql: `SAVEPOINT ${name}`, args: [], argTypes: [] });
  }

  async rollbackToSavepoint(name: string): Promise<void> {
    await this.executeRaw({ sql: `ROLLBACK TO ${name}`, args: [], argTypes: [] });
  }

  async releaseSavepoint(name: string): Promise<void> {
    await this.executeRaw({ sql: `RELEASE SAVEPOINT ${name}`, args: [], argTypes: [] });
  }
}

/** Prisma's interactive transaction (the engine sends COMMIT/ROLLBACK itself). */
class SqliteTransaction extends NestingQueryable implements Transaction {
  readonly options = { usePhantomQuery: false };

  constructor(
    connection: SqliteConnection,
    private readonly release: () => void,
  ) {
    super(connection);
  }

  async commit(): Promise<void> {
    this.release();
  }

  async rollback(): Promise<void> {
    this.release();
  }
}

class SqliteAdapter extends Queryable implements SqlDriverAdapter {
  constructor(
    connection: SqliteConnection,
    /** the schema engine's shadow database sends whole scripts through executeRaw */
    private readonly scriptsThroughExec = false,
  ) {
    super(connection);
  }

  protected override ready(): Promise<void> | undefined {
    return this.connection.idle();
  }

  /** Outside a transaction, a read may go to the read pool. */
  protected override read(sql: string, statement: BetterSqlite3.Statement, args: unknown[]): Promise<ReadRows> {
    return this.connection.read(sql, statement, args, "prisma");
  }

  override async executeRaw(query: SqlQuery): Promise<number> {
    if (this.scriptsThroughExec && query.args.length === 0) {
      await this.executeScript(query.sql);
      return 0;
    }
    return super.executeRaw(query);
  }

  async executeScript(script: string): Promise<void> {
    const waiting = this.ready();
    if (waiting) await waiting;
    try {
      this.connection.database().exec(script);
    } catch (error) {
      rethrow(error);
    }
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE")
      throw new DriverAdapterError({ kind: "InvalidIsolationLevel", level: isolationLevel });
    const release = await this.connection.transactions.acquire();
    try {
      this.connection.prismaStatements().get("BEGIN").run();
    } catch (error) {
      release();
      rethrow(error);
    }
    return new SqliteTransaction(this.connection, release);
  }

  async dispose(): Promise<void> {
    this.connection.close();
  }
}

let savepoints = 0;

/** A nested transaction inside the connection's open one: a savepoint, released on commit. */
class SqliteSavepoint extends NestingQueryable implements Transaction {
  readonly options = { usePhantomQuery: true };
  private readonly name = `observatory_nested_${++savepoints}`;

  async begin(): Promise<this> {
    await this.createSavepoint(this.name);
    return this;
  }

  async commit(): Promise<void> {
    await this.releaseSavepoint(this.name);
  }

  async rollback(): Promise<void> {
    await this.rollbackToSavepoint(this.name);
    await this.releaseSavepoint(this.name);
  }
}

/**
 * The adapter of the client bound to `SqliteConnection.transaction`: its statements are the
 * open transaction's, so it refuses to run when none is open (it would commit on its own).
 * A transaction Prisma opens on it is a savepoint inside the open one.
 */
class SqliteBoundAdapter extends NestingQueryable implements SqlDriverAdapter {
  private assertOpen(): void {
    if (!this.connection.inTransaction)
      throw new Error("sqlite adapter: the transaction client was used outside a transaction");
  }

  protected override ready(): Promise<void> | undefined {
    this.assertOpen();
    return undefined;
  }

  async executeScript(): Promise<void> {
    throw new Error("sqlite adapter: no scripts inside a write transaction");
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE")
      throw new DriverAdapterError({ kind: "InvalidIsolationLevel", level: isolationLevel });
    this.assertOpen();
    return new SqliteSavepoint(this.connection).begin();
  }

  async dispose(): Promise<void> {
    // the connection is the client's that owns it
  }
}

/** A Prisma adapter factory whose queries run inside `connection`'s open `transaction`. */
export function sqliteTransactionAdapterFactory(connection: SqliteConnection): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: "sqlite",
    adapterName: ADAPTER_NAME,
    async connect() {
      return new SqliteBoundAdapter(connection);
    },
    async connectToShadowDb() {
      throw new Error("sqlite adapter: the transaction client has no shadow database");
    },
  };
}

/** A Prisma adapter factory on `connection`; `shadow` opens the migration engine's scratch database. */
export function sqliteDriverAdapterFactory(
  connection: SqliteConnection,
  shadow?: () => SqliteConnection,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: "sqlite",
    adapterName: ADAPTER_NAME,
    async connect() {
      connection.database();
      return new SqliteAdapter(connection);
    },
    async connectToShadowDb() {
      if (!shadow) throw new Error("sqlite adapter: no shadow database configured");
      return new SqliteAdapter(shadow(), true);
    },
  };
}
