import { parseDatabaseUrl, redactUrl } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrations/migrate";
import { env } from "@/lib/env";
import { parseFlags, type Command } from "../command";

export const migrateCommand: Command = {
  name: "migrate",
  summary: "apply the migration history to DATABASE_URL (idempotent)",
  usage:
    "migrate\n\nApplies every migration not yet recorded in _prisma_migrations and prints what it applied.\nCreates the SQLite file, or the PostgreSQL database, when it does not exist.",
  async run(argv) {
    parseFlags(argv, {});
    const url = env().DATABASE_URL;
    const target = parseDatabaseUrl(url);
    const result = await migrate(target);
    if (result.createdDatabase) console.log(`created database ${target.kind === "postgresql" ? target.database : ""}`);
    if (result.applied.length === 0) console.log(`${target.kind} ${redactUrl(url)}: already up to date`);
    for (const name of result.applied) console.log(`applied ${name}`);
  },
};
