// Decides once whether the PostgreSQL suites run. With CI=true an unreachable server is a
// failure, not a skip, so a green CI always means both databases were tested.
import pg from "pg";

export default async function setup(): Promise<void> {
  const url = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    process.env.OBSERVATORY_TEST_PG = "1";
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.CI === "true") {
      throw new Error(`PostgreSQL at ${url} is unreachable (${reason}); CI requires it`);
    }
    process.env.OBSERVATORY_TEST_PG = "0";
    console.warn(`\n[tests] PostgreSQL at ${url} unreachable (${reason}): PostgreSQL suites skipped\n`);
  } finally {
    await client.end().catch(() => {});
  }
}
