// npm run check:js-size [-- --json] — first-load JavaScript per page, gzipped, from the
// production build in .next (run `npm run build` first). First load = the root main files
// plus every chunk the page's client reference manifest lists for its layouts, boundaries
// and the page itself. Fails when a page exceeds the budget.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 200;
const root = path.resolve(import.meta.dirname, "..");
const next = path.join(root, ".next");
const json = process.argv.includes("--json");

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name === "page_client-reference-manifest.js") out.push(full);
  }
  return out;
}

const gzipCache = new Map<string, number>();
function gzipBytes(file: string): number {
  let size = gzipCache.get(file);
  if (size === undefined)
    gzipCache.set(file, (size = gzipSync(readFileSync(path.join(next, file)), { level: 9 }).length));
  return size;
}

let buildManifest: { rootMainFiles: string[] };
try {
  buildManifest = JSON.parse(readFileSync(path.join(next, "build-manifest.json"), "utf8")) as {
    rootMainFiles: string[];
  };
} catch {
  console.error("check:js-size: no production build in .next — run npm run build first");
  process.exit(2);
}

const rows: { page: string; kb: number; files: number }[] = [];
for (const file of walk(path.join(next, "server", "app"))) {
  const text = readFileSync(file, "utf8");
  const match = /=\s*(\{[\s\S]*\})\s*;?\s*$/.exec(text);
  if (!match?.[1]) continue;
  const manifest = JSON.parse(match[1]) as { entryJSFiles?: Record<string, string[]> };
  const page = path.relative(path.join(next, "server", "app"), path.dirname(file)) || "/";
  const files = new Set(buildManifest.rootMainFiles);
  for (const chunks of Object.values(manifest.entryJSFiles ?? {}))
    for (const chunk of chunks) files.add(chunk.replace(/^\/_next\//, ""));
  const bytes = [...files].reduce((sum, f) => sum + gzipBytes(f), 0);
  rows.push({ page: `/${page}`.replace(/\/+/g, "/"), kb: Math.round((bytes / 1024) * 10) / 10, files: files.size });
}
rows.sort((a, b) => b.kb - a.kb);
const over = rows.filter((r) => r.kb > BUDGET_KB);
if (json) console.log(JSON.stringify({ budgetKb: BUDGET_KB, pages: rows }));
else {
  console.log(`first-load JS per page (gzipped), budget ${BUDGET_KB} KB`);
  for (const r of rows)
    console.log(
      `${r.kb.toFixed(1).padStart(7)} KB  ${String(r.files).padStart(3)} files  ${r.page}${r.kb > BUDGET_KB ? "  OVER BUDGET" : ""}`,
    );
}
if (rows.length === 0) {
  console.error("check:js-size: found no pages in the build");
  process.exit(2);
}
if (over.length > 0) {
  console.error(`check:js-size: ${over.length} page(s) over ${BUDGET_KB} KB`);
  process.exit(1);
}
