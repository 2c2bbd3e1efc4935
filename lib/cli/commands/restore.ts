import "server-only";
import path from "node:path";
import { createDb } from "@/lib/db/client";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { BackupError, restoreSqlite } from "@/lib/backup/sqlite-backup";
import { hasTool, pgRestoreCommand, postgresRowsIn, runPg } from "@/lib/backup/postgres-backup";
import { parseDatabaseUrl, redactUrl, type DatabaseTarget } from "@/lib/db/database-url";
import { env } from "@/lib/env";
import { CliError, parseFlags, progress, type Command } from "../command";

async function verifyChain(target: DatabaseTarget): Promise<string> {
  const client = createDb(target);
  try {
    const r = await verifyAuditChain(client);
    if (!r.ok) throw new CliError(`restored, but the audit chain is broken at entry ${r.brokenSeq}: ${r.reason}`);
    return `audit chain intact (${r.entries} entries)`;
  } finally {
    await client.$disconnect();
  }
}

export const restoreCommand: Command = {
  name: "restore",
  summary: "replace the database with a backup made by `backup` (restore <file> [--force])",
  usage: [
    "restore <file> [--force]",
    "",
    "Stop the server first. Replaces the database named by DATABASE_URL with the backup, then",
    "checks its integrity and the audit chain. Refuses a target that already holds rows unless",
    "--force. SQLite: SQLite's backup API; PostgreSQL: pg_restore --clean --single-transaction.",
  ].join("\n"),
  async run(argv) {
    const { values, positionals } = parseFlags(argv, { force: { type: "boolean" } });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new CliError("expected: restore <file>", 2);
    const backup = path.resolve(file);
    const target = parseDatabaseUrl(env().DATABASE_URL);
    if (target.kind === "sqlite") {
      try {
        const r = await restoreSqlite(backup, target.file, { force: values.force, onProgress: progress("restore") });
        const rows = Object.entries(r.counts)
          .filter(([t]) => t !== "_prisma_migrations")
          .reduce((s, [, n]) => s + n, 0);
        console.log(`restored ${backup} into ${target.file}: ${rows} rows, integrity ${r.integrity}`);
      } catch (error) {
        if (error instanceof BackupError) throw new CliError(error.message);
        throw error;
      }
    } else {
      const restore = pgRestoreCommand(target, backup);
      const rows = await postgresRowsIn(target);
      if (rows > 0 && !values.force)
        throw new CliError(
          `${redactUrl(target.url)} is not empty (${rows} rows); pass --force to replace it with the backup`,
        );
      if (!hasTool("pg_restore")) {
        console.log(`pg_restore is not installed here. Run, with the password in PGPASSWORD:\n  ${restore.display}`);
        throw new CliError("pg_restore not found on PATH; the command to run is printed above");
      }
      await runPg(restore);
      console.log(`restored ${backup} into ${redactUrl(target.url)} with pg_restore`);
    }
    console.log(await verifyChain(target));
    console.log(
      "usage rollups were restored with the data; `npm run cli -- rollups rebuild` recomputes them if in doubt",
    );
  },
};
