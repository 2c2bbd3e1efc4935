// DATABASE_URL decides the database: `file:` is SQLite, `postgres://`/`postgresql://` is
// PostgreSQL. Everything else is refused with a message naming the variable.
import path from "node:path";

export type DatabaseKind = "sqlite" | "postgresql";

export type SqliteTarget = { kind: "sqlite"; url: string; file: string };
export type PostgresTarget = {
  kind: "postgresql";
  url: string;
  host: string;
  port: number;
  user: string;
  password: string | undefined;
  database: string;
  ssl: boolean;
};
export type DatabaseTarget = SqliteTarget | PostgresTarget;

export function parseDatabaseUrl(url: string, cwd: string = process.cwd()): DatabaseTarget {
  if (url.startsWith("file:")) {
    const raw = url.slice("file:".length).split("?")[0] ?? "";
    if (raw === "") throw new Error("DATABASE_URL: a file: URL needs a path, e.g. file:./data/observatory.db");
    const file = raw === ":memory:" ? raw : path.resolve(cwd, raw);
    return { kind: "sqlite", url, file };
  }
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error("DATABASE_URL: not a valid PostgreSQL URL");
    }
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "postgres";
    const sslmode = parsed.searchParams.get("sslmode");
    return {
      kind: "postgresql",
      url,
      host: decodeURIComponent(parsed.hostname) || "127.0.0.1",
      port: parsed.port ? Number(parsed.port) : 5432,
      user: decodeURIComponent(parsed.username) || "postgres",
      password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
      database,
      ssl: sslmode !== null && sslmode !== "disable",
    };
  }
  throw new Error("DATABASE_URL: expected file:<path> (SQLite) or postgresql://… (PostgreSQL)");
}

/** The same server with another database name, e.g. for creating or dropping a database. */
export function withDatabase(target: PostgresTarget, database: string): PostgresTarget {
  const u = new URL(target.url);
  u.pathname = "/" + encodeURIComponent(database);
  return { ...target, database, url: u.toString() };
}

/** A URL safe to print: the password is masked. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@");
}

/** The server of a PostgreSQL URL (for connections of their own, like LISTEN); undefined for SQLite. */
export function postgresTargetOf(url: string): PostgresTarget | undefined {
  const target = parseDatabaseUrl(url);
  return target.kind === "postgresql" ? target : undefined;
}
