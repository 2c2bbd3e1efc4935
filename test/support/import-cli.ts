// Runs the CLI importer as a separate process against a test database, and kills it with
// SIGKILL midway: what the crash tests of the importers share.
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import path from "node:path";
import type { TestDatabase } from "@/test/support/test-database";

const root = path.resolve(import.meta.dirname, "../..");

function cliArgs(...args: string[]): string[] {
  return [
    path.join(root, "node_modules/tsx/dist/cli.mjs"),
    "--conditions=react-server",
    path.join(root, "lib/cli/main.ts"),
    ...args,
  ];
}

function cliEnv(t: TestDatabase): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: t.url, OBSERVATORY_FOLLOW_SOURCES: "0" };
}

/** `import <system> <location> --project <project> --json` to the end. */
export function importWithCli(
  t: TestDatabase,
  system: string,
  location: string,
  project: string,
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, cliArgs("import", system, location, "--project", project, "--json"), {
    cwd: root,
    env: cliEnv(t),
    encoding: "utf8",
    timeout: 300_000,
  });
}

/**
 * Starts the same import and kills it with SIGKILL once `stored()` reaches `atLeast` (or after
 * two minutes); answers what `stored()` said last.
 */
export async function importKilledMidway(
  t: TestDatabase,
  system: string,
  location: string,
  project: string,
  stored: () => Promise<number>,
  atLeast: number,
): Promise<number> {
  const child = spawn(process.execPath, cliArgs("import", system, location, "--project", project, "--json"), {
    cwd: root,
    env: cliEnv(t),
    stdio: "ignore",
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 120_000;
  let seen = 0;
  while (Date.now() < deadline) {
    seen = await stored();
    if (seen >= atLeast) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill("SIGKILL");
  await exited;
  return seen;
}
