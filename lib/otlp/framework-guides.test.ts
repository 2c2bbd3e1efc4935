import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FRAMEWORK_GUIDES } from "./framework-guides";

const root = path.resolve(import.meta.dirname, "../..");
const marked = (file: string) =>
  /\/\/ --- the snippet[^\n]*\n([\s\S]*?)\/\/ --- end of snippet ---\n/.exec(
    readFileSync(path.join(root, file), "utf8"),
  )?.[1];

describe("the framework guides", () => {
  it.each(FRAMEWORK_GUIDES.map((g) => [g.id, g] as const))(
    "%s shows exactly the snippet its integration test runs",
    (_, guide) => {
      expect(marked(guide.testFile)).toBe(guide.snippet);
    },
  );

  it("are all in the README, as they are on /docs/frameworks", () => {
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    for (const guide of FRAMEWORK_GUIDES) expect(readme).toContain(guide.snippet);
  });
});
