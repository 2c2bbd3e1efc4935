import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { filesOf, projectOf, TEST_PROJECTS } from "@/test/support/test-projects";

const root = path.resolve(import.meta.dirname, "../..");

describe("vitest projects", () => {
  it("the npm scripts name only projects that exist", () => {
    const scripts = (
      JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }
    ).scripts;
    const named = Object.values(scripts).flatMap((script) =>
      [...script.matchAll(/--project[= ](\S+)/g)].map((m) => m[1]),
    );
    expect(named).toContain("unit");
    for (const name of named) expect(TEST_PROJECTS).toContain(name);
  });

  it("puts a file that opens a database in the database project", () => {
    expect(projectOf('import { testDatabases } from "@/test/support/test-database";')).toBe("database");
    expect(projectOf('import { execFileSync } from "node:child_process";')).toBe("database");
    expect(projectOf('import { parseWindow } from "@/test/support/time-window";')).toBe("unit");
  });

  it("splits every test file into exactly one project", () => {
    const unit = filesOf("unit", root);
    const database = filesOf("database", root);
    expect(unit.length).toBeGreaterThan(10);
    expect(database.length).toBeGreaterThan(10);
    expect(unit.filter((file) => database.includes(file))).toEqual([]);
    expect(unit).toContain("test/support/test-projects.test.ts");
  });
});
