import "server-only";
// Rollup rows of a window, summed per chart bucket in the database: a 30-day window of a
// busy deployment has over 100k hourly rows (hour × source × agent type × model), and
// loading them all costs seconds; per day they are a few thousand.
import { kindOf, type Db } from "@/lib/db/client";
import { sqliteTimestamp } from "@/lib/db/bulk-sql";
import type { RollupPoint } from "./chart-data";
import type { TimeWindow } from "./time-window";

const FIELDS = [
  "inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens", "reasoningTokens", "totalTokens", "estimatedTokens", "costUsd",
  "costReportedUsd", "costComputedUsd", "costEstimatedUsd", "unknownCostCalls", "llmCalls", "runs", "runsCompleted", "runsFailed",
] as const;

type Row = Record<string, unknown> & { bucket: string | Date; source: string; agentType: string; model: string };

export async function rollupPointsByBucket(client: Db, projectIds: readonly string[], window: TimeWindow, source?: string): Promise<RollupPoint[]> {
  if (projectIds.length === 0) return [];
  const kind = kindOf(client);
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return kind === "sqlite" ? "?" : `$${params.length}`;
  };
  const ts = (d: Date) => (kind === "sqlite" ? sqliteTimestamp(d) : d);
  // SQLite keeps DateTime as ISO text: the day is its first 10 characters
  const bucket =
    window.bucket === "hour" ? '"hour"' : kind === "sqlite" ? `substr("hour", 1, 10) || 'T00:00:00.000+00:00'` : `date_trunc('day', "hour")`;
  const where = [
    `"projectId" IN (${projectIds.map((id) => p(id)).join(", ")})`,
    `"hour" >= ${kind === "sqlite" ? p(ts(window.from)) : `${p(ts(window.from))}::timestamp(3)`}`,
    `"hour" < ${kind === "sqlite" ? p(ts(window.to)) : `${p(ts(window.to))}::timestamp(3)`}`,
    ...(source ? [`"source" = ${p(source)}`] : []),
  ];
  const rows = await client.$queryRawUnsafe<Row[]>(
    `SELECT ${bucket} AS "bucket", "source", "agentType", "model", ${FIELDS.map((f) => `SUM("${f}") AS "${f}"`).join(", ")}
     FROM "UsageRollup" WHERE ${where.join(" AND ")} GROUP BY 1, 2, 3, 4`,
    ...params,
  );
  return rows.map((r) => {
    const point = { hour: r.bucket instanceof Date ? r.bucket : new Date(r.bucket), source: r.source, agentType: r.agentType, model: r.model } as RollupPoint;
    for (const f of FIELDS) point[f] = Number(r[f] ?? 0);
    return point;
  });
}
