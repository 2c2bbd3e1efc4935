// The two vitest projects. `unit` runs without a database or a child process, so
// `npm run test:unit` is quick and needs no PostgreSQL; `database` holds the rest. A test
// file belongs to `database` when it opens one through the test harnesses or spawns a process.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const TEST_ROOTS = ["lib", "app", "components", "test"];
export type TestProject = "unit" | "database";
export const TEST_PROJECTS: readonly TestProject[] = ["unit", "database"];

// import statements only (at the start of a line), so a test that merely quotes one is not moved
const NEEDS_DATABASE = [
  /^import [^;]*test\/support\/(test-database|framework-harness|import-cli|observatory-server)["']/m,
  /^import [^;]*from "node:child_process"/m,
];

/** Which project a test file's source puts it in. */
export function projectOf(source: string): TestProject {
  return NEEDS_DATABASE.some((pattern) => pattern.test(source)) ? "database" : "unit";
}

function testFiles(dir: string, root: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : testFiles(rel, root);
    return /\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

/** The test files of one project, relative to `root`. */
export function filesOf(project: TestProject, root: string): string[] {
  return TEST_ROOTS.flatMap((dir) => testFiles(dir, root))
    .filter((file) => projectOf(readFileSync(path.join(root, file), "utf8")) === project)
    .sort();
}
