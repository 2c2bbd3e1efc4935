import "server-only";
import { applyRetention } from "@/lib/retention/apply-retention";
import { parseAge } from "@/lib/retention/parse-age";
import { db } from "@/lib/db/client";
import { CliError, parseFlags, positiveInt, progress, type Command } from "../command";

export const retentionCommand: Command = {
  name: "retention",
  summary: "delete log events and LLM prompt/response bodies older than an age (retention --older-than 90d)",
  usage: [
    "retention --older-than <age> [--dry-run] [--batch <rows>]",
    "",
    "Deletes log events and LLM prompt/response bodies older than <age> (e.g. 90d, 12h, 2w), in",
    "batches of --batch rows (default 5000), each its own short transaction. Keeps LLM call rows,",
    "runs, sessions and the usage rollups, so totals and charts do not change. Never deletes",
    "audit entries (the trail is append-only); writes one retention.applied audit entry with the",
    "counts and a checkpoint of the chain head. --dry-run only counts, and writes nothing.",
  ].join("\n"),
  async run(argv) {
    const { values, positionals } = parseFlags(argv, {
      "older-than": { type: "string" },
      "dry-run": { type: "boolean" },
      batch: { type: "string" },
    });
    if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`, 2);
    const olderThan = values["older-than"];
    if (!olderThan) throw new CliError("--older-than is required, e.g. --older-than 90d", 2);
    let age: number;
    try {
      age = parseAge(olderThan);
    } catch (error) {
      throw new CliError((error as Error).message, 2);
    }
    const cutoff = new Date(Date.now() - age);
    const bars = { events: progress("events"), llmCallBodies: progress("LLM call bodies") };
    const r = await applyRetention(db(), {
      cutoff,
      olderThan,
      dryRun: values["dry-run"],
      batchSize: positiveInt(values.batch, "--batch", 5_000),
      actor: { type: "system", name: "cli retention" },
      onProgress: (what, done, total) => bars[what](done, total),
    });
    const verb = r.dryRun ? "would delete" : "deleted";
    console.log(
      `retention older than ${olderThan} (before ${cutoff.toISOString()}): ${verb} ${r.events} events and ${r.llmCallBodies} LLM call bodies`,
    );
    console.log("kept: LLM call rows, runs, sessions and usage rollups; audit entries are never deleted (append-only)");
    console.log(
      r.dryRun ? "dry run: nothing was changed or audited" : `audited as entry #${r.auditSeq} (retention.applied)`,
    );
  },
};
