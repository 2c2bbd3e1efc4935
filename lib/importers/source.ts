import "server-only";
// Read-only access to an orchestrator's database: a SQLite file (opened read-only, never
// holding a write lock, fine while the orchestrator writes in WAL mode), a PostgreSQL URL
// (read-only transactions), or a folder (agents-orchestrator keeps several databases and
// files under the project folder).
import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import {
  accessSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  statSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ImportError } from "./import-error";

export type Row = Record<string, unknown>;

export interface SqlSource {
  readonly kind: "sqlite" | "postgresql";
  readonly location: string;
  tables(): Promise<string[]>;
  columns(table: string): Promise<string[]>;
  /** SELECT with `?` placeholders (rewritten to $n for PostgreSQL). */
  all(sql: string, params?: unknown[]): Promise<Row[]>;
  /**
   * A cheap fingerprint that changes when the data may have: SQLite's data_version with the
   * sizes and mtimes of the file and its WAL; PostgreSQL's row count and newest xmin per table,
   * read again only when the server's transaction snapshot moved.
   */
  changeToken(): Promise<string>;
  close(): Promise<void>;
}

export function isSqliteFile(file: string): boolean {
  try {
    const fd = openSync(file, "r");
    try {
      const header = Buffer.alloc(16);
      const n = readSync(fd, header, 0, 16, 0);
      return n === 16 && header.toString("latin1") === "SQLite format 3\0";
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Sizes and mtimes of a SQLite file and its WAL: what a writer in another process changes. */
function fileStats(file: string): string {
  const one = (f: string) => {
    try {
      const st = statSync(f);
      return `${st.size}:${st.mtimeMs}`;
    } catch {
      return "-";
    }
  };
  return `${one(file)}/${one(`${file}-wal`)}`;
}

/** WAL mode is flagged in the header (bytes 18 and 19 are 2). */
function isWalFile(file: string): boolean {
  const fd = openSync(file, "r");
  try {
    const header = Buffer.alloc(20);
    return readSync(fd, header, 0, 20, 0) === 20 && header[18] === 2 && header[19] === 2;
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether SQLite may create its -wal and -shm files beside this one. By permission bits, not
 * access(2), which lets root write anywhere: a file shipped read-only stays untouched.
 */
function writableBeside(file: string): boolean {
  try {
    const st = statSync(file);
    const dir = statSync(path.dirname(file));
    if ((st.mode & 0o222) === 0 || (dir.mode & 0o222) === 0) return false;
    accessSync(path.dirname(file), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

class SqliteSource implements SqlSource {
  readonly kind = "sqlite" as const;
  private db: Database.Database;
  /**
   * A WAL-mode file we must not write beside is read from a private copy (better-sqlite3 has
   * no immutable=1): SQLite would create -wal and -shm next to it. The copy is taken again
   * when the file or its WAL changes.
   */
  private snapshot?: { dir: string; stats: string };

  constructor(readonly location: string) {
    const copy = isWalFile(location) && !writableBeside(location);
    this.db = copy ? this.openCopy() : SqliteSource.openFile(location);
  }

  private static openFile(file: string): Database.Database {
    const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
    db.pragma("query_only = ON");
    return db;
  }

  private openCopy(): Database.Database {
    const stats = fileStats(this.location);
    const dir = mkdtempSync(path.join(os.tmpdir(), "observatory-source-"));
    const target = path.join(dir, path.basename(this.location));
    copyFileSync(this.location, target);
    if (existsSync(`${this.location}-wal`)) copyFileSync(`${this.location}-wal`, `${target}-wal`);
    if (this.snapshot) rmSync(this.snapshot.dir, { recursive: true, force: true });
    this.snapshot = { dir, stats };
    return SqliteSource.openFile(target);
  }

  async changeToken(): Promise<string> {
    const stats = fileStats(this.location);
    if (this.snapshot && stats !== this.snapshot.stats) {
      this.db.close();
      this.db = this.openCopy();
    }
    return `${String(this.db.pragma("data_version", { simple: true }))}|${stats}`;
  }

  async tables(): Promise<string[]> {
    return (
      this.db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','view') ORDER BY name").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
  }

  async columns(table: string): Promise<string[]> {
    return (this.db.prepare(`PRAGMA table_info(${quoteIdent(table)})`).all() as { name: string }[]).map((r) => r.name);
  }

  async all(sql: string, params: unknown[] = []): Promise<Row[]> {
    return this.db.prepare(sql).all(...params) as Row[];
  }

  async close(): Promise<void> {
    this.db.close();
    if (this.snapshot) rmSync(this.snapshot.dir, { recursive: true, force: true });
  }
}

class PostgresSource implements SqlSource {
  readonly kind = "postgresql" as const;

  constructor(
    readonly location: string,
    private readonly connection: pg.Client,
  ) {}

  async tables(): Promise<string[]> {
    const r = await this.connection.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name",
    );
    return r.rows.map((x) => x.table_name);
  }

  async columns(table: string): Promise<string[]> {
    const r = await this.connection.query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
      [table],
    );
    return r.rows.map((x) => x.column_name);
  }

  async all(sql: string, params: unknown[] = []): Promise<Row[]> {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    return (await this.connection.query(text, params)).rows as Row[];
  }

  /** the cluster's transaction snapshot when `token` was taken */
  private last?: { snapshot: string; token: string };

  async changeToken(): Promise<string> {
    // While no transaction that writes has started or ended anywhere on the server, the
    // snapshot (xmin:xmax:in-progress xids) stays the same and so does every table: the
    // per-table scans below are skipped. Taken before them, so a write during them is seen next.
    const snapshot = await this.connection
      .query<{ s: string }>("SELECT txid_current_snapshot()::text AS s")
      .then((r) => r.rows[0]?.s)
      .catch(() => undefined);
    if (snapshot !== undefined && this.last?.snapshot === snapshot) return this.last.token;
    const token = await this.tableToken();
    this.last = snapshot === undefined ? undefined : { snapshot, token };
    return token;
  }

  private async tableToken(): Promise<string> {
    // per table: rows and the newest row version; an insert, update or delete changes one
    const hash = createHash("sha256");
    for (const table of await this.tables()) {
      const t = quoteIdent(table);
      const r = await this.connection
        .query<{ n: string; x: string | null }>(
          `SELECT count(*)::text AS n, max(xmin::text::bigint)::text AS x FROM ${t}`,
        )
        .catch(() => ({ rows: [{ n: "?", x: null }] }));
      hash.update(`${table}:${r.rows[0]?.n}:${r.rows[0]?.x ?? ""};`);
    }
    return hash.digest("hex").slice(0, 24);
  }

  async close(): Promise<void> {
    await this.connection.end();
  }
}

export async function openSqlSource(location: string): Promise<SqlSource> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    const client = new pg.Client({ connectionString: location, connectionTimeoutMillis: 5_000 });
    // a source server that restarts or drops the connection must not take this process down:
    // the next query fails, and the follower reopens the source with backoff
    client.on("error", () => {});
    try {
      await client.connect();
      // read-only for the whole session: the importer never writes to the source
      await client.query("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
    } catch (error) {
      await client.end().catch(() => {});
      throw new ImportError(
        `cannot connect to ${location.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@")}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return new PostgresSource(location, client);
  }
  if (!existsSync(location)) throw new ImportError(`no such file or folder: ${location}`);
  if (statSync(location).isDirectory()) throw new ImportError(`${location} is a folder; expected a database file`);
  if (!isSqliteFile(location)) throw new ImportError(`${location} is not a SQLite database`);
  try {
    return new SqliteSource(path.resolve(location));
  } catch (error) {
    throw new ImportError(`cannot open ${location}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
