// Every status, type and table the real agents-orchestrator data holds is named by the
// vocabulary: read with plain SQL from copies of the real databases, and from the real files.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectSystem } from "../detect";
import { fileKind } from "./file-state-readers";
import {
  CHECKPOINT_TRIGGERS,
  FILE_RUN_STATUS,
  GUARDIAN_AGENT_STATUS,
  GUARDIAN_MESSAGE_TYPES,
  SESSION_STATE_STATUS,
  TABLES,
} from "./vocabulary";

const SEED = path.resolve(process.cwd(), "../shared/seed-data/agents-orchestrator");

describe("the agents-orchestrator vocabulary against the real data", () => {
  let dir: string;
  let coordination: Database.Database;
  let memory: Database.Database;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "ao-vocabulary-"));
    for (const name of ["coordination.db", "session_state.db"])
      copyFileSync(path.join(SEED, "real", name), path.join(dir, name));
    coordination = new Database(path.join(dir, "coordination.db"), { readonly: true });
    memory = new Database(path.join(dir, "session_state.db"), { readonly: true });
  });
  afterAll(() => {
    coordination?.close();
    memory?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const distinct = (db: Database.Database, sql: string) =>
    (db.prepare(sql).all() as { v: unknown }[]).map((r) => String(r.v));
  const missing = (values: string[], named: readonly string[]) => values.filter((v) => !named.includes(v));

  it("names every table of both databases", () => {
    const tables = [
      ...distinct(coordination, "SELECT name AS v FROM sqlite_master WHERE type = 'table'"),
      ...distinct(memory, "SELECT name AS v FROM sqlite_master WHERE type = 'table'"),
    ];
    expect(missing(tables, Object.keys(TABLES))).toEqual([]);
  });

  it("detects both databases as agents-orchestrator by their tables", () => {
    const tables = (db: Database.Database) => distinct(db, "SELECT name AS v FROM sqlite_master WHERE type = 'table'");
    expect([detectSystem(tables(coordination)), detectSystem(tables(memory))]).toEqual([
      "agents-orchestrator",
      "agents-orchestrator",
    ]);
  });

  it("maps every status and type word the databases hold", () => {
    expect(
      missing(distinct(coordination, "SELECT DISTINCT status AS v FROM agents"), Object.keys(GUARDIAN_AGENT_STATUS)),
    ).toEqual([]);
    expect(
      missing(distinct(coordination, "SELECT DISTINCT message_type AS v FROM messages"), GUARDIAN_MESSAGE_TYPES),
    ).toEqual([]);
    expect(
      missing(distinct(memory, "SELECT DISTINCT status AS v FROM session_state"), Object.keys(SESSION_STATE_STATUS)),
    ).toEqual([]);
    expect(
      missing(distinct(memory, "SELECT DISTINCT trigger_type AS v FROM checkpoints"), CHECKPOINT_TRIGGERS),
    ).toEqual([]);
  });

  it("knows every file of the state folder and every status word in it", () => {
    const files: string[] = [];
    const walk = (rel: string) => {
      for (const e of readdirSync(path.join(SEED, "orchestrate", rel), { withFileTypes: true })) {
        const child = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) walk(child);
        else files.push(child);
      }
    };
    walk("");
    expect(files.filter((f) => fileKind(f) === "unmapped")).toEqual([]);
    const words = files
      .filter((f) => fileKind(f) === "status")
      .map((f) =>
        String((JSON.parse(readFileSync(path.join(SEED, "orchestrate", f), "utf8")) as { status: unknown }).status),
      );
    expect(missing(words, Object.keys(FILE_RUN_STATUS))).toEqual([]);
  });
});
