// `npm run build`: production build plus the stamp `npm start` uses to skip rebuilding.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ensureGeneratedClients, log, nextBin, root, run } from "./launch";
import { sourceHash, STAMP_FILE } from "./build-stamp";

export function build(): void {
  ensureGeneratedClients();
  const hash = sourceHash(root);
  log("building the production bundle (next build)");
  run(nextBin, ["build"]);
  writeFileSync(path.join(root, STAMP_FILE), hash);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) build();
