// Every value the real BAZINGA databases contain (and every status their DDL allows) is named by
// the vocabulary: mapped, or kept raw on purpose. Read with plain SQL from copies.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { STATUSES } from "@/lib/ingest/status";
import {
  AGENT_TYPES,
  BAZINGA_TABLES,
  SESSION_STATUSES,
  SUCCESS_CRITERION_STATUSES,
  TASK_GROUP_STATUSES,
  isModelName,
  tableRole,
} from "./bazinga-vocabulary";
import { columnsOf, copyRealDatabase, query, realBazingaFiles, tablesOf } from "@/test/fixtures/bazinga-real-data";

const files = realBazingaFiles();
const dir = mkdtempSync(path.join(tmpdir(), "bazinga-vocab-"));
const copies = files.map((f) => copyRealDatabase(f, dir));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Distinct non-null values of a column over every copy that has it. */
function distinct(table: string, column: string): string[] {
  const values = new Set<string>();
  for (const file of copies) {
    if (!tablesOf(file).includes(table) || !columnsOf(file, table).includes(column)) continue;
    for (const r of query<{ v: string }>(
      file,
      `SELECT DISTINCT "${column}" AS v FROM "${table}" WHERE "${column}" IS NOT NULL`,
    ))
      values.add(String(r.v));
  }
  return [...values].sort();
}

/** The words a CHECK (column IN (...)) of the table's DDL allows. */
function checked(table: string, column: string): string[] {
  const words = new Set<string>();
  for (const file of copies) {
    const ddl =
      query<{ sql: string }>(file, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table])[0]
        ?.sql ?? "";
    const m = new RegExp(`${column}\\s+TEXT\\s+CHECK\\s*\\(\\s*${column}\\s+IN\\s*\\(([^)]*)\\)`, "i").exec(ddl);
    for (const w of m?.[1]?.match(/'([^']*)'/g) ?? []) words.add(w.slice(1, -1));
  }
  return [...words].sort();
}

describe.skipIf(files.length === 0)("BAZINGA vocabulary against the real databases", () => {
  it("finds the four real databases", () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it("maps every table to an entity, keeps it raw on purpose, or names it SQLite's own", () => {
    const tables = new Set(copies.flatMap(tablesOf));
    const unnamed = [...tables].filter((t) => !(t in BAZINGA_TABLES));
    expect(unnamed).toEqual([]);
    for (const t of tables) expect(["entity", "raw", "internal"]).toContain(tableRole(t).kind);
  });

  it("maps every session and task group status found or allowed by the DDL", () => {
    const sessionWords = [...new Set([...distinct("sessions", "status"), ...checked("sessions", "status")])];
    const groupWords = [...new Set([...distinct("task_groups", "status"), ...checked("task_groups", "status")])];
    expect(groupWords).toEqual(expect.arrayContaining(["approved_pending_merge", "merging"]));
    for (const w of sessionWords) expect(STATUSES, `session status "${w}"`).toContain(SESSION_STATUSES[w]);
    for (const w of groupWords) expect(STATUSES, `task group status "${w}"`).toContain(TASK_GROUP_STATUSES[w]);
  });

  it("maps every success criterion status", () => {
    const words = [...new Set([...distinct("success_criteria", "status"), ...checked("success_criteria", "status")])];
    expect(words.length).toBeGreaterThan(0);
    for (const w of words) expect(SUCCESS_CRITERION_STATUSES[w], `criterion status "${w}"`).toBeDefined();
  });

  it("names every agent type of the mapped tables; a model in token_usage.agent_id is a model", () => {
    const words = new Set([
      ...distinct("orchestration_logs", "agent_type"),
      ...distinct("token_usage", "agent_type"),
      ...distinct("skill_outputs", "agent_type"),
      ...distinct("context_packages", "producer_agent"),
    ]);
    for (const w of words) expect(w in AGENT_TYPES, `agent type "${w}"`).toBe(true);
    expect(AGENT_TYPES.pm).toBe("pm");
    expect(AGENT_TYPES.project_manager).toBe("pm");
    // context_package_consumers.agent_type (developer_1, … in the dashboard fixture) is kept raw
    expect(tableRole("context_package_consumers").kind).toBe("raw");
    const agentIds = distinct("token_usage", "agent_id");
    // SOURCES.md: the CLI stored the documented [model] argument as agent_id = 'sonnet'
    expect(agentIds.filter(isModelName)).toContain("sonnet");
  });
});
