// The repository's own source files, for tests that guard a "one way to do it" rule by
// reading the code (a second cursor codec, a raw <table> in a page, ...).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCE = /\.(ts|tsx)$/;
const SKIP = new Set(["node_modules", "generated", ".next"]);

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const rel = `${dir}/${entry.name}`;
    return entry.isDirectory() ? filesUnder(rel) : SOURCE.test(entry.name) ? [rel] : [];
  });
}

/** Non-test source files under these folders, with their text, paths relative to the root. */
export function sourceFiles(...dirs: string[]): { file: string; text: string }[] {
  return dirs
    .flatMap(filesUnder)
    .filter((file) => !/\.test\.tsx?$/.test(file) && !file.startsWith("test/support/"))
    .map((file) => ({ file, text: readFileSync(path.join(ROOT, file), "utf8") }));
}
