// Keeps issue 18's data-access rules from coming back: nothing reads Prisma's or an adapter's
// private fields, and outside lib/db no code asks which database it runs on or writes raw SQL
// for ours. The exceptions below are not about our database through a client, and say why.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const LIB = path.resolve(import.meta.dirname, "../..");

/** Code that may know the dialect although it lives outside lib/db. */
const DIALECT_AWARE: Record<string, string> = {
  "importers/": "reads the orchestrators' own SQLite or PostgreSQL databases, not ours",
  "backup/": "copies the database file or runs pg_dump/pg_restore on the server the URL names",
  "cli/commands/backup.ts": "chooses the backup tool for the URL",
  "cli/commands/restore.ts": "chooses the restore tool for the URL",
  "cli/commands/migrate.ts": "reports the PostgreSQL database it created",
  "live/pg-listener.ts": "LISTEN needs a PostgreSQL connection of its own",
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : files(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

const DIALECT_NAME = /^["'](?:sqlite|postgres|postgresql)["']$/;

/**
 * The code of a file without comments, and without string literals other than the dialects'
 * names (an OpenTelemetry attribute name is text, not a field access).
 */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:])\/\/.*$/gm, "$1")
    .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, (literal) => (DIALECT_NAME.test(literal) ? literal : '""'));
}

const SELF = "db/sql/boundaries.test.ts";
const sources = files(LIB)
  .filter((file) => path.relative(LIB, file).split(path.sep).join("/") !== SELF)
  .map((file) => ({ rel: path.relative(LIB, file).split(path.sep).join("/"), text: readFileSync(file, "utf8") }));

function offenders(
  pattern: RegExp,
  keep: (rel: string) => boolean,
  text: (s: { text: string }) => string = (s) => code(s.text),
): string[] {
  return sources.filter((s) => keep(s.rel) && pattern.test(text(s))).map((s) => s.rel);
}

const outsideDb = (rel: string) => !rel.startsWith("db/");
const notExempt = (rel: string) =>
  outsideDb(rel) && !Object.keys(DIALECT_AWARE).some((prefix) => rel.startsWith(prefix));
const production = (rel: string) => notExempt(rel) && !/\.test\.tsx?$/.test(rel);

describe("data-access boundaries", () => {
  it("reads the files it checks", () => {
    expect(sources.some((s) => s.rel === "ingest/pipeline.ts")).toBe(true);
    expect(sources.some((s) => s.rel.includes("generated/"))).toBe(false);
  });

  it("never touches Prisma's or an adapter's private fields", () => {
    // spelled in pieces so that the issue's own check, a grep of lib/ for these, finds only real uses
    expect(
      offenders(
        new RegExp(["_active", "Provider"].join("")),
        () => true,
        (s) => s.text,
      ),
    ).toEqual([]);
    expect(offenders(new RegExp(["\\.", "client", "\\b"].join("")), () => true)).toEqual([]);
  });

  it("asks no dialect question outside lib/db", () => {
    const name = `["'](?:sqlite|postgres|postgresql)["']`;
    const branch = new RegExp(
      `[!=]==?\\s*${name}|${name}\\s*[!=]==?|case\\s+${name}|databaseKind\\(\\)\\s*[!=]=|kindOf\\([^)]*\\)\\s*[!=]=`,
    );
    expect(offenders(branch, production)).toEqual([]);
    expect(offenders(/\b(?:sqliteDriverOf|PrismaBetterSqlite3)\b/, outsideDb)).toEqual([]);
  });

  it("writes no raw SQL for our database outside lib/db", () => {
    expect(offenders(/\.\$(?:queryRaw|executeRaw)(?:Unsafe)?\s*[(`<]/, production)).toEqual([]);
    const drivers = sources
      .filter((s) => production(s.rel) && /from\s+["'](?:better-sqlite3|pg)["']/.test(s.text))
      .map((s) => s.rel);
    expect(drivers).toEqual([]);
  });
});
