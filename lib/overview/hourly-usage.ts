import "server-only";
// Tokens, cost and calls of LLM calls per UTC hour since a time, read from the hourly usage
// rollups (equal to the raw calls by test) instead of scanning every call: at 1M calls the
// scan took over a second. Formatting the hour is raw SQL, one statement per database, here
// and nowhere else (tested on both). `since` should fall on a whole hour.
import { sqliteTimestamp } from "@/lib/db/bulk-sql";
import { databaseKind, type Db } from "@/lib/db/client";
import type { DatabaseKind } from "@/lib/db/database-url";

/** `hour` is "YYYY-MM-DDTHH" (UTC). */
export type HourlyUsage = { hour: string; tokens: number; costUsd: number; calls: number };

type RawRow = { hour: string; tokens: number | bigint | null; cost: number | null; calls: number | bigint };

export async function hourlyLlmUsage(client: Db, since: Date, kind: DatabaseKind = databaseKind()): Promise<HourlyUsage[]> {
  const rows =
    kind === "postgresql"
      ? await client.$queryRaw<RawRow[]>`
          SELECT to_char("hour", 'YYYY-MM-DD"T"HH24') AS hour,
                 SUM("totalTokens")::float8 AS tokens,
                 SUM("costUsd")::float8 AS cost,
                 SUM("llmCalls")::float8 AS calls
          FROM "UsageRollup" WHERE "hour" >= ${since}
          GROUP BY 1 HAVING SUM("llmCalls") > 0 ORDER BY 1`
      : await client.$queryRaw<RawRow[]>`
          SELECT substr("hour", 1, 13) AS hour,
                 SUM("totalTokens") AS tokens,
                 SUM("costUsd") AS cost,
                 SUM("llmCalls") AS calls
          FROM "UsageRollup" WHERE "hour" >= ${sqliteTimestamp(since)}
          GROUP BY 1 HAVING SUM("llmCalls") > 0 ORDER BY 1`;
  return rows.map((r) => ({ hour: r.hour, tokens: Number(r.tokens ?? 0), costUsd: Number(r.cost ?? 0), calls: Number(r.calls) }));
}
