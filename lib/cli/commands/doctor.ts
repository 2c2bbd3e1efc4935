import "server-only";
import { databaseKind, db } from "@/lib/db/client";
import { redactUrl } from "@/lib/db/database-url";
import { migrationStatus } from "@/lib/db/migrations/status";
import { env } from "@/lib/env";
import { CliError, parseFlags, type Command } from "../command";

export const doctorCommand: Command = {
  name: "doctor",
  summary: "print the database kind, migration state and row counts",
  usage: "doctor\n\nChecks that DATABASE_URL is reachable and migrated, and counts the rows of the main tables.",
  async run(argv) {
    parseFlags(argv, {});
    const kind = databaseKind();
    console.log(`database: ${kind} (${redactUrl(env().DATABASE_URL)})`);
    const client = db();
    let status;
    try {
      status = await migrationStatus(client);
    } catch (error) {
      throw new CliError(
        `database unreachable: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
      );
    }
    console.log(
      `migrations: ${status.state} (${status.applied.length} applied, ${status.pending.length} pending${status.failed.length ? `, ${status.failed.length} failed` : ""})`,
    );
    for (const name of status.pending) console.log(`  pending: ${name}`);
    for (const name of status.failed) console.log(`  failed: ${name}`);
    if (status.applied.length === 0) {
      console.log("no schema yet: run `npm run cli -- migrate`");
      return;
    }
    const counts: [string, Promise<number>][] = [
      ["projects", client.project.count()],
      ["sessions", client.session.count()],
      ["agents", client.agent.count()],
      ["runs", client.run.count()],
      ["llm calls", client.llmCall.count()],
      ["events", client.event.count()],
      ["messages", client.message.count()],
      ["states", client.stateSnapshot.count()],
      ["tasks", client.task.count()],
      ["decisions", client.decision.count()],
      ["artifacts", client.artifact.count()],
      ["metrics", client.metric.count()],
      ["model prices", client.modelPrice.count()],
      ["api keys", client.apiKey.count()],
      ["users", client.user.count()],
      ["audit entries", client.auditEntry.count()],
    ];
    console.log("rows:");
    for (const [label, count] of counts) console.log(`  ${label.padEnd(14)} ${await count}`);
  },
};
