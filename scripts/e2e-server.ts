// The server Playwright starts: resets the e2e database, then runs `npm start`'s flow.
import { rmSync } from "node:fs";
import pg from "pg";
import { pgPoolConfig } from "../lib/db/adapters";
import { parseDatabaseUrl, withDatabase } from "../lib/db/database-url";
import { env } from "../lib/env";

async function reset(): Promise<void> {
  const target = parseDatabaseUrl(env().DATABASE_URL);
  if (target.kind === "sqlite") {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(target.file + suffix, { force: true });
    return;
  }
  const admin = new pg.Client(pgPoolConfig(withDatabase(target, "postgres")));
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${target.database.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

await reset();
await import("./start");
