// A content hash of everything that goes into the production build, so `npm start`
// rebuilds exactly when the sources changed.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "next.config.mjs",
  "postcss.config.mjs",
  "package.json",
  "tsconfig.json",
  "prisma/schema.prisma",
];
const SKIP = new Set(["node_modules", ".next", "generated", "testing"]);

function walk(root: string, rel: string, out: string[]): void {
  const full = path.join(root, rel);
  if (!existsSync(full)) return;
  if (statSync(full).isFile()) {
    if (!/\.test\.tsx?$/.test(rel)) out.push(rel);
    return;
  }
  for (const entry of readdirSync(full)) if (!SKIP.has(entry)) walk(root, path.join(rel, entry), out);
}

export function sourceHash(root: string): string {
  const files: string[] = [];
  for (const input of INPUTS) walk(root, input, files);
  const hash = createHash("sha256");
  for (const file of files.sort())
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(path.join(root, file)))
      .update("\0");
  return hash.digest("hex");
}

export const STAMP_FILE = path.join(".next", "observatory-source-hash");
