import "server-only";
// Online SQLite backup and restore with SQLite's backup API (better-sqlite3 `db.backup`):
// the database stays open and writable while it is copied, and the copy is one consistent
// snapshot. Restore copies a checked backup into the target the same way.
import { existsSync, renameSync, rmSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import { SQLITE_BUSY_TIMEOUT_MS } from "@/lib/db/adapters";

export type TableCounts = Record<string, number>;
export type Progress = (done: number, total: number) => void;

export class BackupError extends Error {}

function open(file: string, readonly: boolean): Database.Database {
  const conn = new Database(file, { readonly, fileMustExist: true });
  conn.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  return conn;
}

/** Row counts of every table of ours (SQLite's own tables left out). */
export function sqliteTableCounts(file: string): TableCounts {
  const conn = open(file, true);
  try {
    const tables = conn
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [
        name,
        (conn.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n,
      ]),
    );
  } finally {
    conn.close();
  }
}

/** `PRAGMA integrity_check`: "ok" or the first problems SQLite reports. */
export function sqliteIntegrity(file: string): string {
  const conn = open(file, true);
  try {
    const rows = conn.pragma("integrity_check") as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join("; ");
  } finally {
    conn.close();
  }
}

/** Pages copied per backup step; small enough to report progress, large enough to be quick. */
export const BACKUP_STEP_PAGES = 1000;
const ALL_PAGES = 0x7fffffff;

/**
 * Chooses the next step size. A write by another connection restarts an SQLite backup at its
 * next step, so under steady writes a stepwise copy may never end. Without a restart every
 * step lowers `remainingPages`; when it does not (a restart, or the source grew), or the copy
 * has taken more steps than the size allows, the rest is copied in one step: in WAL mode that
 * step reads one snapshot and writers are not blocked by it.
 */
export function nextBackupStep(
  state: { last: number; steps: number; budget: number },
  remainingPages: number,
  step: number,
): number {
  const restarted = remainingPages >= state.last;
  state.last = remainingPages;
  state.steps += 1;
  return restarted || state.steps > state.budget ? ALL_PAGES : step;
}

async function copy(from: string, to: string, onProgress?: Progress, step = BACKUP_STEP_PAGES): Promise<number> {
  const source = open(from, true);
  const state = { last: Infinity, steps: 0, budget: Infinity };
  try {
    const result = await source.backup(to, {
      progress({ totalPages, remainingPages }) {
        onProgress?.(totalPages - remainingPages, totalPages);
        if (state.budget === Infinity) state.budget = Math.ceil(totalPages / step) + 2;
        return nextBackupStep(state, remainingPages, step);
      },
    });
    onProgress?.(result.totalPages, result.totalPages);
    return result.totalPages;
  } finally {
    source.close();
  }
}

/**
 * Copies the live database at `source` to `destination` (which must not exist unless
 * `overwrite`), through a temporary file renamed at the end, so a failed backup never leaves a
 * half file behind nor loses the file it was to replace.
 */
export async function backupSqlite(
  source: string,
  destination: string,
  options: { onProgress?: Progress; stepPages?: number; overwrite?: boolean } = {},
): Promise<{ pages: number; bytes: number; integrity: string }> {
  if (!existsSync(source)) throw new BackupError(`no database at ${source}`);
  if (existsSync(destination) && !options.overwrite)
    throw new BackupError(`${destination} already exists; choose another file or pass --force`);
  const partial = `${destination}.partial-${process.pid}`;
  try {
    const pages = await copy(source, partial, options.onProgress, options.stepPages);
    const integrity = sqliteIntegrity(partial);
    if (integrity !== "ok") throw new BackupError(`the backup failed its integrity check: ${integrity}`);
    renameSync(partial, destination);
    return { pages, bytes: statSync(destination).size, integrity };
  } finally {
    rmSync(partial, { force: true });
    rmSync(`${partial}-wal`, { force: true });
    rmSync(`${partial}-shm`, { force: true });
  }
}

/** Rows in the target's tables (0 when it does not exist), migrations bookkeeping left out. */
export function sqliteRowsIn(file: string): number {
  if (!existsSync(file) || statSync(file).size === 0) return 0;
  const counts = sqliteTableCounts(file);
  return Object.entries(counts)
    .filter(([t]) => t !== "_prisma_migrations")
    .reduce((sum, [, n]) => sum + n, 0);
}

/**
 * Replaces the database at `target` with the backup. Refuses a backup that fails its
 * integrity check or is not an Observatory database, and a target that holds rows unless
 * `force`. Stop the server first: a restore under a running server swaps data under it.
 */
export async function restoreSqlite(
  backup: string,
  target: string,
  options: { force?: boolean; onProgress?: Progress } = {},
): Promise<{ counts: TableCounts; integrity: string }> {
  if (!existsSync(backup)) throw new BackupError(`no backup at ${backup}`);
  const checked = sqliteIntegrity(backup);
  if (checked !== "ok") throw new BackupError(`${backup} failed its integrity check: ${checked}`);
  const tables = sqliteTableCounts(backup);
  if (!("_prisma_migrations" in tables) || !("AuditEntry" in tables))
    throw new BackupError(`${backup} is not an Agent Observatory database`);
  const rows = sqliteRowsIn(target);
  if (rows > 0 && !options.force) {
    throw new BackupError(`${target} is not empty (${rows} rows); pass --force to replace it with the backup`);
  }
  await copy(backup, target, options.onProgress);
  const integrity = sqliteIntegrity(target);
  if (integrity !== "ok") throw new BackupError(`the restored database failed its integrity check: ${integrity}`);
  return { counts: sqliteTableCounts(target), integrity };
}
