// Every value the real Beads exports contain is named by the vocabulary (mapped, or kept in
// metadata on purpose). Read from the files themselves, so a new export is checked as it is.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEPENDENCY_KEYS, DEPENDENCY_TYPES, ISSUE_KEYS, ISSUE_STATUS, ISSUE_TYPES } from "./vocabulary";

const SEED = path.resolve(process.cwd(), "../shared/seed-data/beads-tempolite");
const EXPORTS = [path.join(SEED, "real", "beads-issues-dolt.jsonl"), path.join(SEED, "beads-issues.jsonl")];

type Issue = Record<string, unknown> & { dependencies?: Record<string, unknown>[] };
const issuesOf = (file: string): Issue[] =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Issue);

describe.each(EXPORTS)("the Beads vocabulary against %s", (file) => {
  it("names every status, key, issue type and dependency type the export holds", () => {
    if (!existsSync(file)) throw new Error(`the real Beads export is missing: ${file}`);
    const issues = issuesOf(file);
    const distinct = (values: unknown[]) => [...new Set(values.filter((v) => v !== undefined).map(String))].sort();
    const deps = issues.flatMap((i) => i.dependencies ?? []);
    expect(distinct(issues.map((i) => i.status)).filter((s) => !(s in ISSUE_STATUS))).toEqual([]);
    expect(distinct(issues.flatMap((i) => Object.keys(i))).filter((k) => !(k in ISSUE_KEYS))).toEqual([]);
    expect(distinct(issues.map((i) => i.issue_type)).filter((t) => !ISSUE_TYPES.includes(t))).toEqual([]);
    expect(distinct(deps.map((d) => d.type)).filter((t) => !DEPENDENCY_TYPES.includes(t))).toEqual([]);
    expect(distinct(deps.flatMap((d) => Object.keys(d))).filter((k) => !DEPENDENCY_KEYS.includes(k))).toEqual([]);
  });
});
