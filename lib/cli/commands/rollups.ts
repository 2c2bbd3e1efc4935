import "server-only";
import { db } from "@/lib/db/client";
import { rebuildRollups } from "@/lib/usage/rollups";
import { CliError, parseFlags, type Command } from "../command";

export const rollupsCommand: Command = {
  name: "rollups",
  summary: "recompute the hourly and daily usage rollups from raw rows (rollups rebuild)",
  usage:
    "rollups rebuild [--project <slug>]\n\nRecomputes the hourly and daily usage rollups from the raw LLM calls and runs. Ingestion keeps them\nup to date on its own; use this after restoring a backup or editing rows by hand.",
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub !== "rebuild") throw new CliError("expected: rollups rebuild", 2);
    const { values } = parseFlags(rest, { project: { type: "string" } });
    const client = db();
    let projectId: string | undefined;
    if (values.project) {
      const project = await client.project.findUnique({ where: { slug: values.project }, select: { id: true } });
      if (!project) throw new CliError(`no project "${values.project}"`);
      projectId = project.id;
    }
    const started = Date.now();
    const result = await rebuildRollups(client, projectId);
    console.log(
      `rebuilt ${result.rows} rollup rows for ${result.projects} project(s) in ${((Date.now() - started) / 1000).toFixed(1)}s`,
    );
  },
};
