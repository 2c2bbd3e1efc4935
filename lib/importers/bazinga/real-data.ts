// Test helpers for the databases BAZINGA's own code wrote (../shared/seed-data/bazinga/real):
// they are read-only and in WAL mode, so tests work on private copies only.
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { env } from "@/lib/env";

/** Where the real databases are: OBSERVATORY_SEED_DATA, else ../shared/seed-data beside the repo. */
export const REAL_BAZINGA_DIR = path.join(
  env().OBSERVATORY_SEED_DATA ?? path.resolve(import.meta.dirname, "../../../../shared/seed-data"),
  "bazinga",
  "real",
);

export function realBazingaFiles(): string[] {
  if (!existsSync(REAL_BAZINGA_DIR)) return [];
  return readdirSync(REAL_BAZINGA_DIR)
    .filter((f) => f.endsWith(".db"))
    .sort();
}

/** A writable private copy of one real database (its -wal too, if one ever exists). */
export function copyRealDatabase(name: string, dir = mkdtempSync(path.join(tmpdir(), "bazinga-real-"))): string {
  const target = path.join(dir, name);
  copyFileSync(path.join(REAL_BAZINGA_DIR, name), target);
  if (existsSync(path.join(REAL_BAZINGA_DIR, `${name}-wal`)))
    copyFileSync(path.join(REAL_BAZINGA_DIR, `${name}-wal`), `${target}-wal`);
  chmodSync(target, 0o644);
  return target;
}

/** Plain SQL on a copy. */
export function query<T = Record<string, unknown>>(file: string, sql: string, params: unknown[] = []): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export function tablesOf(file: string): string[] {
  return query<{ name: string }>(file, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map(
    (r) => r.name,
  );
}

export function columnsOf(file: string, table: string): string[] {
  return query<{ name: string }>(file, `SELECT name FROM pragma_table_info(?)`, [table]).map((r) => r.name);
}
