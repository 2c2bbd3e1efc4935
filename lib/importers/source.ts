// Read-only access to an orchestrator's database: a SQLite file (opened read-only, never
// holding a write lock, fine while the orchestrator writes in WAL mode), a PostgreSQL URL
// (read-only transactions), or a folder (agents-orchestrator keeps several databases and
// files under the project folder).
import Database from "better-sqlite3";
import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
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

class SqliteSource implements SqlSource {
  readonly kind = "sqlite" as const;
  private readonly db: Database.Database;

  constructor(readonly location: string) {
    this.db = new Database(location, { readonly: true, fileMustExist: true, timeout: 10_000 });
    this.db.pragma("query_only = ON");
  }

  async tables(): Promise<string[]> {
    return (this.db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','view') ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  }

  async columns(table: string): Promise<string[]> {
    return (this.db.prepare(`PRAGMA table_info(${quoteIdent(table)})`).all() as { name: string }[]).map((r) => r.name);
  }

  async all(sql: string, params: unknown[] = []): Promise<Row[]> {
    return this.db.prepare(sql).all(...params) as Row[];
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

class PostgresSource implements SqlSource {
  readonly kind = "postgresql" as const;

  constructor(
    readonly location: string,
    private readonly client: pg.Client,
  ) {}

  async tables(): Promise<string[]> {
    const r = await this.client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name",
    );
    return r.rows.map((x) => x.table_name);
  }

  async columns(table: string): Promise<string[]> {
    const r = await this.client.query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
      [table],
    );
    return r.rows.map((x) => x.column_name);
  }

  async all(sql: string, params: unknown[] = []): Promise<Row[]> {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    return (await this.client.query(text, params)).rows as Row[];
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

export async function openSqlSource(location: string): Promise<SqlSource> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    const client = new pg.Client({ connectionString: location, connectionTimeoutMillis: 5_000 });
    try {
      await client.connect();
      // read-only for the whole session: the importer never writes to the source
      await client.query("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
    } catch (error) {
      await client.end().catch(() => {});
      throw new ImportError(`cannot connect to ${location.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@")}: ${error instanceof Error ? error.message : String(error)}`);
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
