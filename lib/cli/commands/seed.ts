import "server-only";
import { db } from "@/lib/db/client";
import { seedScale, SCALES, type Scale } from "@/lib/demo/scale-seed";
import { seedDemo } from "@/lib/demo/seed";
import { CliError, parseFlags, positiveInt, progress, type Command } from "../command";

export const seedCommand: Command = {
  name: "seed",
  summary: "load demo data (seed --demo [--sessions N]) or a benchmark dataset (seed --scale small|large)",
  usage:
    "seed --demo [--sessions N]\nseed --scale small|large\n\n--demo loads deterministic demo sessions in the style of the five orchestrators through the\ningest pipeline. Re-running it adds nothing (event ids are stable). Default: 40 sessions.\n\n--scale writes a large dataset through the drivers' bulk paths for the page benchmarks\n(small: 2k sessions, 1M events, 100k LLM calls; large: 20k sessions, 10M events, 1M LLM calls)\ninto a project named scale-<size>; use a fresh database.",
  async run(argv) {
    const { values } = parseFlags(argv, {
      demo: { type: "boolean" },
      sessions: { type: "string" },
      scale: { type: "string" },
    });
    if (values.scale !== undefined) {
      if (!(values.scale in SCALES)) throw new CliError(`--scale: must be small or large, not "${values.scale}"`, 2);
      const started = Date.now();
      const bars = new Map<string, (done: number, total: number) => void>();
      const summary = await seedScale(db(), values.scale as Scale, (phase, done, total) => {
        if (!bars.has(phase)) bars.set(phase, progress(phase));
        bars.get(phase)!(done, total);
      });
      const secs = (Date.now() - started) / 1000;
      console.log(
        `scale data (${values.scale}): ${summary.sessions} sessions, ${summary.runs} runs, ${summary.calls} LLM calls, ${summary.events} events, ${summary.rollups} rollup rows in ${secs.toFixed(0)}s (${Math.round(summary.events / secs)} events/s)`,
      );
      return;
    }
    if (!values.demo) throw new CliError("say what to seed: --demo or --scale small|large", 2);
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
