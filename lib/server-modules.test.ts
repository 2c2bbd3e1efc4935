// Which modules must `import "server-only"`, so that a client component that reaches one
// fails the build instead of shipping database code (or a secret) to the browser.
//
// The rule: a module under lib/ that touches the database, a database driver, the request's
// cookies and headers, the auth library or child processes (it imports one of SERVER_IMPORTS,
// types included: a function given a `Db` runs queries) is a server module. Pure modules
// (schemas, formatters, chart adapters) stay importable by client components. Test helpers
// live in test/, outside lib/, and are not scanned.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

const SERVER_IMPORTS = [
  /^@\/lib\/db\/client$/,
  /^@\/lib\/db\/generated\//,
  /^@prisma\//,
  /^better-sqlite3$/,
  /^pg$/,
  /^kysely$/,
  /^next\/headers$/,
  /^better-auth/,
  /^node:child_process$/,
];

function files(dir: string, keep: (rel: string) => boolean): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" || e.name === "node_modules" ? [] : files(rel, keep);
    return keep(rel) ? [rel] : [];
  });
}

const importsOf = (source: string) =>
  [...source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1]!);
const isServerOnly = (source: string) => /^import "server-only";$/m.test(source);
const read = (rel: string) => readFileSync(path.join(ROOT, rel), "utf8");

describe("server-only modules", () => {
  const libModules = files("lib", (rel) => /\.tsx?$/.test(rel) && !/\.test\.tsx?$/.test(rel));

  it("lib/ ships no test-only code: harnesses and fixtures live in test/", () => {
    const testOnly = libModules.filter(
      (rel) => /(^lib\/testing\/|-fixture\.ts$|real-data\.ts$)/.test(rel) || /from "vitest"/.test(read(rel)),
    );
    expect(testOnly).toEqual([]);
  });

  it("every module that touches the database, drivers, cookies or auth imports server-only", () => {
    // relative imports as @/ paths, so that lib/db's own "./client" counts too
    const absolute = (rel: string, spec: string) =>
      spec.startsWith(".") ? `@/${path.posix.join(path.posix.dirname(rel), spec)}` : spec;
    const serverModules = libModules.filter((rel) =>
      importsOf(read(rel)).some((spec) => SERVER_IMPORTS.some((p) => p.test(absolute(rel, spec)))),
    );
    expect(serverModules).toContain("lib/db/client.ts");
    expect(serverModules.filter((rel) => !isServerOnly(read(rel)))).toEqual([]);
  });

  it("no client component reaches a server-only module", () => {
    const resolve = (from: string, spec: string): string | undefined => {
      const base = spec.startsWith("@/")
        ? spec.slice(2)
        : spec.startsWith(".")
          ? path.posix.join(path.posix.dirname(from), spec)
          : undefined;
      if (!base) return undefined;
      for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
        try {
          if (readFileSync(path.join(ROOT, candidate))) return candidate;
        } catch {
          // try the next extension
        }
      }
      return undefined;
    };
    const clients = [
      ...files("components", (rel) => /\.tsx?$/.test(rel)),
      ...files("app", (rel) => /\.tsx?$/.test(rel)),
    ].filter((rel) => /^\s*["']use client["']/.test(read(rel)));
    expect(clients.length).toBeGreaterThan(0);
    const seen = new Set<string>();
    const stack = [...clients];
    while (stack.length > 0) {
      const rel = stack.pop()!;
      const source = read(rel);
      // server actions are references, not code the browser gets
      if (seen.has(rel) || /^\s*["']use server["']/.test(source)) continue;
      seen.add(rel);
      // type-only imports are erased
      const values = [...source.matchAll(/^\s*(?:import|export)\s+(?!type\s)[^;]*?from\s+"([^"]+)"/gms)].map(
        (m) => m[1]!,
      );
      for (const spec of values) {
        const target = resolve(rel, spec);
        if (target) stack.push(target);
      }
    }
    expect([...seen].filter((rel) => isServerOnly(read(rel)))).toEqual([]);
  });
});
