import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ImportError } from "@/lib/importers/import-error";
import { STALE_AFTER_MS } from "@/lib/importers/agents-orchestrator/vocabulary";
import { importOnce, WATCH_INTERVAL_MS, watchImport } from "@/lib/importers/import-source";
import type { PassSummary } from "@/lib/importers/run-import";
import { SYSTEMS } from "@/lib/importers/types";
import { CliError, parseFlags, progress, type Command } from "../command";

const USAGE = `import <system> <source> [--project <slug>] [--watch [--interval 1s]] [--dry-run] [--json] [--beads <path>] [--time-zone <zone>]

  <system>   ${SYSTEMS.join(" | ")}
  <source>   a database file, a project folder (agents-orchestrator, tac, beads), or a PostgreSQL
             URL (studio, beads, and the agents-orchestrator central database)

Reads the source read-only and stores what it records through the ingest pipeline. Importing
twice changes nothing. --watch keeps polling and imports only what changed (Ctrl-C stops).
--dry-run reads and maps everything but writes nothing. --json prints the summary as JSON.
The project defaults to the system's name. For tac, the source defaults to
$ORCHESTRATOR_DB_PATH or $TAC_ORCHESTRATOR_DB. For beads, --beads <.beads/issues.jsonl or beads.db>
also imports a Beads issue store as tasks with dependencies and comments. --time-zone (an IANA
name such as Europe/Berlin) is the zone of the columns the source writes in local time (Python
datetime.now()); it defaults to this machine's zone and is kept for later passes.
Tables and columns the mapping does not know are kept as raw source records (shown on the
session page), never dropped; the summary counts them per table as "kept raw".
agents-orchestrator takes a project folder (its .orchestrate/ file state, the Guardian's
coordination.db and the short-term memory's session_state.db where its code puts them, the
proposed .agents-orchestrator/session.db), .orchestrate/ itself, or one of the databases. Its
code never ends a session: one ends when its end marker (a signal file saying "completed")
appears, when a later session starts, or after ${STALE_AFTER_MS / 60_000} minutes without any change.
beads takes a project folder too: its .beads/ (issues.jsonl or beads.db), with a coordination.db
beside it if there is one.`;

export function parseInterval(value: string | undefined): number {
  if (value === undefined) return WATCH_INTERVAL_MS;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim());
  if (!m) throw new CliError(`--interval: expected e.g. 2s, 500ms or 1m, got "${value}"`, 2);
  const n = Number(m[1]);
  const ms = m[2] === "ms" ? n : m[2] === "m" ? n * 60_000 : n * 1000;
  if (ms < 100) throw new CliError("--interval: at least 100ms", 2);
  return ms;
}

function printSummary(summary: PassSummary, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(summary));
    return;
  }
  const t = summary.totals;
  console.log(
    `${summary.system}${summary.dryRun ? " (dry run: nothing written)" : ""}: ${t.read} rows read, ${t.imported} imported, ${t.updated} updated, ${t.skipped} skipped, ${t.keptRaw} kept raw, ${t.deleted} deleted, ${t.rejected} rejected`,
  );
  console.log(`  version: ${summary.version ?? "not detected"}; local times read in ${summary.timeZone}`);
  for (const table of summary.tables) {
    const first = table.firstRejection ? ` (first: ${table.firstRejection})` : "";
    console.log(
      `  ${table.table.padEnd(24)} read ${table.read}, imported ${table.imported}, updated ${table.updated}, skipped ${table.skipped}, kept raw ${table.keptRaw}, deleted ${table.deleted}, rejected ${table.rejected}${first}`,
    );
    for (const [reason, n] of Object.entries(table.reasons)) console.log(`    ${n} × ${reason}`);
    for (const [reason, n] of Object.entries(table.issues))
      console.log(`    ${n} × imported with a problem: ${reason}`);
  }
}

export const importCommand: Command = {
  name: "import",
  summary: "import an orchestrator's database (bazinga, tac, studio, agents-orchestrator, beads)",
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseFlags(argv, {
      project: { type: "string" },
      watch: { type: "boolean" },
      interval: { type: "string" },
      "dry-run": { type: "boolean" },
      json: { type: "boolean" },
      beads: { type: "string" },
      "time-zone": { type: "string" },
    });
    const [system, given] = positionals;
    // TAC deployments name their database in the environment
    const location =
      given ?? (system === "tac" ? (env().ORCHESTRATOR_DB_PATH ?? env().TAC_ORCHESTRATOR_DB) : undefined);
    if (!system || !location) throw new CliError(`expected a system and a source\nusage: npm run cli -- ${USAGE}`, 2);
    const json = values.json ?? false;
    const bars = new Map<string, (done: number, total: number) => void>();
    const onProgress = json
      ? undefined
      : (table: string, done: number, total: number) => {
          if (total === 0) return;
          if (!bars.has(table)) bars.set(table, progress(`  ${table}`));
          bars.get(table)!(done, total);
        };
    const request = {
      db: db(),
      system,
      location,
      projectSlug: values.project,
      dryRun: values["dry-run"],
      options: { beads: values.beads, timeZone: values["time-zone"] },
      onProgress,
    };
    try {
      if (!values.watch) {
        const summary = await importOnce(request);
        printSummary(summary, json);
        if (summary.totals.rejected > 0) throw new CliError(`${summary.totals.rejected} rows were rejected`);
        return;
      }
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      if (!json) console.log(`watching ${location} every ${parseInterval(values.interval) / 1000}s (Ctrl-C stops)`);
      await watchImport({
        ...request,
        intervalMs: parseInterval(values.interval),
        signal: controller.signal,
        onPass: (summary) => {
          bars.clear();
          const t = summary.totals;
          if (json) console.log(JSON.stringify(summary));
          else if (t.imported + t.updated + t.rejected + t.deleted > 0)
            console.log(
              `${new Date().toISOString()} imported ${t.imported}, updated ${t.updated}, kept raw ${t.keptRaw}, deleted ${t.deleted}, rejected ${t.rejected}`,
            );
        },
        onError: (error) => console.error(`pass failed: ${error instanceof Error ? error.message : String(error)}`),
      });
    } catch (error) {
      if (error instanceof ImportError) throw new CliError(error.message);
      throw error;
    }
  },
};
