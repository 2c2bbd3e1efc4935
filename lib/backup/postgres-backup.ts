import "server-only";
// PostgreSQL backups are pg_dump's job: it reads one consistent snapshot while the server
// keeps serving. These helpers build the commands (password passed in the environment,
// never on the command line) and run them when the client tools are installed.
import { spawn, spawnSync } from "node:child_process";
import pg from "pg";
import { pgPoolConfig } from "@/lib/db/adapters";
import { redactUrl, type PostgresTarget } from "@/lib/db/database-url";
import { childProcessEnv } from "@/lib/env";

export type PgCommand = { command: string; args: string[]; env: NodeJS.ProcessEnv; display: string };

function connectionArgs(target: PostgresTarget): string[] {
  return ["--host", target.host, "--port", String(target.port), "--username", target.user, "--dbname", target.database];
}

function connectionEnv(target: PostgresTarget): NodeJS.ProcessEnv {
  return childProcessEnv({
    ...(target.password ? { PGPASSWORD: target.password } : {}),
    ...(target.ssl ? { PGSSLMODE: "require" } : {}),
  });
}

export function pgDumpCommand(target: PostgresTarget, file: string): PgCommand {
  return {
    command: "pg_dump",
    args: ["--format=custom", "--no-owner", "--file", file, ...connectionArgs(target)],
    env: connectionEnv(target),
    display: `pg_dump --format=custom --no-owner --file "${file}" "${redactUrl(target.url)}"`,
  };
}

export function pgRestoreCommand(target: PostgresTarget, file: string): PgCommand {
  return {
    command: "pg_restore",
    args: [
      "--clean",
      "--if-exists",
      "--no-owner",
      "--single-transaction",
      "--exit-on-error",
      ...connectionArgs(target),
      file,
    ],
    env: connectionEnv(target),
    display: `pg_restore --clean --if-exists --no-owner --single-transaction --dbname "${redactUrl(target.url)}" "${file}"`,
  };
}

/** Whether a client tool is on PATH. */
export function hasTool(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).status === 0;
}

/**
 * Runs the command without blocking the event loop (a server in this process keeps serving);
 * its stderr (never containing the password) is the failure reason.
 */
export function runPg(cmd: PgCommand): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd.command, cmd.args, { env: cmd.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const collect = (chunk: Buffer) => {
      if (output.length < 4096) output += chunk.toString("utf8");
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", (status) => {
      if (status === 0) resolve();
      else reject(new Error(`${cmd.command} failed (exit ${status}): ${output.trim().split("\n")[0] ?? ""}`));
    });
  });
}

/** Rows in the database's own tables (0 for an empty database), migrations bookkeeping left out. */
export async function postgresRowsIn(target: PostgresTarget): Promise<number> {
  const client = new pg.Client(pgPoolConfig(target));
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'",
    );
    let rows = 0;
    for (const { name } of tables.rows) {
      const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`);
      rows += Number(r.rows[0]?.n ?? 0);
    }
    return rows;
  } finally {
    await client.end();
  }
}
