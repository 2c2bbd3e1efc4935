// `npm run dev`: migrate, seed an empty database, then the Next.js dev server.
import { ensureGeneratedClients, prepareDatabase, startNext, supervise } from "./launch";

async function main(): Promise<void> {
  ensureGeneratedClients();
  await prepareDatabase();
  supervise(startNext("dev"));
}

main().catch((error: unknown) => {
  console.error(`[observatory] dev failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
