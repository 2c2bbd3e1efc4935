// A Beads issue store, read-only: the JSONL export (.beads/issues.jsonl, one issue per line
// with its dependencies, labels and comments) or the SQLite database (.beads/beads.db:
// issues, dependencies, labels, comments). Both are loaded into the JSONL shape.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { detectSystem } from "../detect";
import { ImportError } from "../import-error";
import { isSqliteFile, openSqlSource, type Row, type SqlSource } from "../source";
import { str } from "../sql-reader";

/** A line that is not a JSON object: kept so the summary can count it. */
export type InvalidLine = { _invalid: string; _line: number };

export interface IssueStore {
  readonly path: string;
  readonly kind: "jsonl" | "sqlite";
  /** the name of the session that holds issues not linked to a workflow */
  readonly sessionId: string;
  /** every issue in JSONL shape, plus the lines that did not parse */
  load(): Promise<Row[]>;
  /** a cheap fingerprint that changes when the store may have: the file's size and mtime, or the database's */
  changeToken(): Promise<string>;
  close(): Promise<void>;
}

/** `beads-issues:<project>/.beads/issues.jsonl` inside a project, else `beads-issues:<file name>`. */
export function issueStoreSessionId(file: string): string {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  const label =
    path.basename(dir) === ".beads"
      ? `${path.basename(path.dirname(dir))}/.beads/${path.basename(abs)}`
      : path.basename(abs);
  return `beads-issues:${label}`;
}

/** A folder may name its store: `<dir>/beads.db`, `<dir>/issues.jsonl`, or the same under `<dir>/.beads/`. */
function resolveStoreFile(location: string): string {
  if (!existsSync(location)) throw new ImportError(`no such Beads issue store: ${location}`);
  if (!statSync(location).isDirectory()) return location;
  for (const candidate of ["beads.db", "issues.jsonl", ".beads/beads.db", ".beads/issues.jsonl"]) {
    const file = path.join(location, candidate);
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  throw new ImportError(`${location} is a folder without a Beads issue store (beads.db or issues.jsonl)`);
}

export function parseJsonLines(text: string): Row[] {
  const rows: Row[] = [];
  const lines = text.split("\n");
  // a last line without its newline may still be being written: leave it for the next pass
  const complete = text.endsWith("\n") ? lines : lines.slice(0, -1);
  const last = lines[lines.length - 1] ?? "";
  complete.forEach((line, i) => rows.push(parseLine(line, i + 1)));
  if (!text.endsWith("\n") && last.trim() !== "") {
    const row = parseLine(last, lines.length);
    if (!("_invalid" in row)) rows.push(row);
  }
  return rows.filter((r) => r._skip !== true);
}

function parseLine(line: string, number: number): Row {
  if (line.trim() === "") return { _skip: true };
  try {
    const value = JSON.parse(line) as unknown;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as Row;
  } catch {
    // reported below
  }
  const invalid: InvalidLine = { _invalid: line.length > 2000 ? `${line.slice(0, 2000)}…` : line, _line: number };
  return invalid;
}

function looksLikeJsonl(file: string): boolean {
  const text = readFileSync(file, "utf8");
  const first = text.split("\n").find((l) => l.trim() !== "");
  if (first === undefined) return true;
  try {
    const value = JSON.parse(first) as unknown;
    return value !== null && typeof value === "object" && "id" in value;
  } catch {
    return false;
  }
}

class JsonlStore implements IssueStore {
  readonly kind = "jsonl" as const;
  readonly sessionId: string;

  constructor(readonly path: string) {
    this.sessionId = issueStoreSessionId(path);
  }

  async load(): Promise<Row[]> {
    return parseJsonLines(readFileSync(this.path, "utf8"));
  }

  async changeToken(): Promise<string> {
    const st = statSync(this.path);
    return `${st.size}:${st.mtimeMs}`;
  }

  async close(): Promise<void> {}
}

function withoutEmpty(row: Row): Row {
  // beads.db fills unused text columns with '' (design, notes, deleted_by, …)
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== "" && v !== null && v !== undefined));
}

class SqliteStore implements IssueStore {
  readonly kind = "sqlite" as const;
  readonly sessionId: string;

  constructor(
    readonly path: string,
    private readonly source: SqlSource,
    private readonly tables: readonly string[],
  ) {
    this.sessionId = issueStoreSessionId(path);
  }

  private async byIssue(table: string, order: string): Promise<Map<string, Row[]>> {
    const out = new Map<string, Row[]>();
    if (!this.tables.includes(table)) return out;
    for (const row of await this.source.all(`SELECT * FROM ${table} ORDER BY ${order}`)) {
      const id = str(row.issue_id);
      if (id === undefined) continue;
      const list = out.get(id) ?? [];
      list.push(withoutEmpty(row));
      out.set(id, list);
    }
    return out;
  }

  async load(): Promise<Row[]> {
    const issues = await this.source.all("SELECT * FROM issues ORDER BY id");
    const deps = await this.byIssue("dependencies", "issue_id, depends_on_id");
    const labels = await this.byIssue("labels", "issue_id, label");
    const comments = await this.byIssue("comments", "issue_id, id");
    return issues.map((issue) => {
      const id = String(issue.id);
      const row = withoutEmpty(issue);
      const d = deps.get(id);
      const l = labels.get(id);
      const c = comments.get(id);
      if (d) row.dependencies = d;
      if (l) row.labels = l.map((x) => String(x.label));
      if (c) row.comments = c;
      return row;
    });
  }

  changeToken(): Promise<string> {
    return this.source.changeToken();
  }

  close(): Promise<void> {
    return this.source.close();
  }
}

/** Opens `--beads <path>` read-only; a bad or foreign file is a one-line ImportError. */
export async function openIssueStore(location: string): Promise<IssueStore> {
  const file = resolveStoreFile(location);
  if (isSqliteFile(file)) {
    const source = await openSqlSource(file);
    const tables = await source.tables();
    if (!tables.includes("issues")) {
      await source.close();
      const detected = detectSystem(tables);
      throw new ImportError(
        detected && detected !== "beads"
          ? `${file} looks like a ${detected} database, not a Beads issue store`
          : `${file} is not a Beads issue store: it has no issues table`,
      );
    }
    return new SqliteStore(path.resolve(file), source, tables);
  }
  if (!looksLikeJsonl(file))
    throw new ImportError(
      `${file} is not a Beads issue store: expected issues.jsonl (one JSON issue per line) or beads.db`,
    );
  return new JsonlStore(path.resolve(file));
}

/** Whether a source given as the main location is itself an issue store (not a coordination database). */
export function isIssueStoreFile(location: string): boolean {
  if (!existsSync(location) || statSync(location).isDirectory()) return false;
  return /\.jsonl$/i.test(location) && looksLikeJsonl(location);
}
