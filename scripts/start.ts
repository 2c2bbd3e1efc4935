// `npm start`: everything a first run needs, then the production server.
// Builds if the build is missing or stale, migrates, seeds demo data into an empty database.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { build } from "./build";
import { sourceHash, STAMP_FILE } from "./build-stamp";
import { ensureGeneratedClients, log, prepareDatabase, root, startNext, supervise } from "./launch";

async function main(): Promise<void> {
  ensureGeneratedClients();
  const stamp = path.join(root, STAMP_FILE);
  const fresh =
    existsSync(path.join(root, ".next", "BUILD_ID")) &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === sourceHash(root);
  if (fresh) log("production build is up to date");
  else build();
  await prepareDatabase();
  supervise(startNext("start"));
}

main().catch((error: unknown) => {
  console.error(`[observatory] start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
