import path from "node:path";
import { existsSync, renameSync, rmSync } from "node:fs";
import { backupSqlite, BackupError } from "@/lib/backup/sqlite-backup";
import { hasTool, pgDumpCommand, runPg } from "@/lib/backup/postgres-backup";
import { parseDatabaseUrl, redactUrl } from "@/lib/db/database-url";
import { env } from "@/lib/env";
import { CliError, parseFlags, progress, type Command } from "../command";

export const backupCommand: Command = {
  name: "backup",
  summary: "write an online, consistent backup of the database to a file (backup <file>)",
  usage: [
    "backup <file> [--force]",
    "",
    "SQLite: copies the database with SQLite's online backup API while the server keeps running",
    "and writing; the copy is one consistent snapshot and is integrity-checked before it is kept.",
    "PostgreSQL: runs pg_dump --format=custom (one consistent snapshot) when pg_dump is installed,",
    "and otherwise prints the pg_dump command to run. --force replaces an existing file.",
  ].join("\n"),
  async run(argv) {
    const { values, positionals } = parseFlags(argv, { force: { type: "boolean" } });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new CliError("expected: backup <file>", 2);
    const destination = path.resolve(file);
    const target = parseDatabaseUrl(env().DATABASE_URL);
    if (target.kind === "sqlite") {
      try {
        const started = Date.now();
        const r = await backupSqlite(target.file, destination, {
          onProgress: progress("backup"),
          overwrite: values.force,
        });
        console.log(
          `backup written: ${destination} (${r.pages} pages, ${r.bytes} bytes, integrity ${r.integrity}) in ${((Date.now() - started) / 1000).toFixed(1)}s`,
        );
        console.log(`restore with: npm run cli -- restore ${file}`);
      } catch (error) {
        if (error instanceof BackupError) throw new CliError(error.message);
        throw error;
      }
      return;
    }
    if (existsSync(destination) && !values.force)
      throw new CliError(`${destination} already exists; choose another file or pass --force`);
    // pg_dump writes a temporary file renamed at the end: a failed dump leaves no half file
    // behind, and an existing backup is only replaced by a complete one
    const partial = `${destination}.partial-${process.pid}`;
    const shown = pgDumpCommand(target, destination);
    if (!hasTool("pg_dump")) {
      console.log(
        `PostgreSQL (${redactUrl(target.url)}): pg_dump is not installed here. Run, with the password in PGPASSWORD:`,
      );
      console.log(`  ${shown.display}`);
      console.log(
        "Use a pg_dump of the server's major version or newer. Restore with pg_restore (see `restore --help`).",
      );
      throw new CliError("pg_dump not found on PATH; the command to run is printed above");
    }
    try {
      await runPg(pgDumpCommand(target, partial));
      renameSync(partial, destination);
    } finally {
      rmSync(partial, { force: true });
    }
    console.log(`backup written with pg_dump (custom format, one consistent snapshot): ${destination}`);
    console.log(`  ran: ${shown.display.replace(destination, partial)} (then renamed)`);
    console.log(`restore with: npm run cli -- restore ${file}   (runs pg_restore --clean --single-transaction)`);
  },
};
