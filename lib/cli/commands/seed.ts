import { db } from "@/lib/db/client";
import { seedDemo } from "@/lib/demo/seed";
import { CliError, parseFlags, positiveInt, progress, type Command } from "../command";

export const seedCommand: Command = {
  name: "seed",
  summary: "load demo data (seed --demo [--sessions N])",
  usage:
    "seed --demo [--sessions N]\n\nLoads deterministic demo sessions in the style of the five orchestrators through the\ningest pipeline. Re-running it adds nothing (event ids are stable). Default: 40 sessions.",
  async run(argv) {
    const { values } = parseFlags(argv, { demo: { type: "boolean" }, sessions: { type: "string" } });
    if (!values.demo) throw new CliError("say what to seed: --demo", 2);
    const sessions = positiveInt(values.sessions, "--sessions", 40);
    const started = Date.now();
    const summary = await seedDemo(db(), { sessions, onProgress: progress("seeding") });
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `demo data: ${summary.events} events (${summary.stored} stored, ${summary.duplicates} already present, ${summary.rejected} rejected) in ${secs}s, projects: ${summary.projects.join(", ")}`,
    );
    if (summary.rejected > 0) throw new CliError(`${summary.rejected} demo events were rejected`);
  },
};
