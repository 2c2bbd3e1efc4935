import "server-only";
// `npm run cli -- <command>`: operations on the database named by DATABASE_URL.
// Exit codes: 0 success, 1 failure (one-line reason), 2 usage error.
import { disconnectDb } from "@/lib/db/client";
import { CliError, type Command } from "./command";
import { auditCommand } from "./commands/audit";
import { backupCommand } from "./commands/backup";
import { doctorCommand } from "./commands/doctor";
import { importCommand } from "./commands/import";
import { keysCommand } from "./commands/keys";
import { rollupsCommand } from "./commands/rollups";
import { migrateCommand } from "./commands/migrate";
import { restoreCommand } from "./commands/restore";
import { retentionCommand } from "./commands/retention";
import { seedCommand } from "./commands/seed";
import { usersCommand } from "./commands/users";

const commands: Command[] = [
  migrateCommand,
  seedCommand,
  doctorCommand,
  keysCommand,
  importCommand,
  rollupsCommand,
  auditCommand,
  usersCommand,
  backupCommand,
  restoreCommand,
  retentionCommand,
];

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "usage: npm run cli -- <command> [options]",
    "",
    "commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `npm run cli -- <command> --help` for a command's options. DATABASE_URL selects the database",
    "(default file:./data/observatory.db).",
  ].join("\n");
}

function reason(error: unknown): string {
  if (error instanceof Error) return (error.message.split("\n").find((l) => l.trim() !== "") ?? error.name).trim();
  return String(error);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(`usage: npm run cli -- ${command.usage}`);
    return 0;
  }
  try {
    await command.run(rest);
    return 0;
  } catch (error) {
    console.error(`${command.name}: ${reason(error)}`);
    return error instanceof CliError ? error.exitCode : 1;
  } finally {
    await disconnectDb().catch(() => {});
  }
}

void main(process.argv.slice(2)).then((code) => process.exit(code));
