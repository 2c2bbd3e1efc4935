import "server-only";
// Rollup rows of a window, summed per chart bucket in the database: a 30-day window of a
// busy deployment has over 100k hourly rows (hour × source × agent type × model), and
// loading them all costs seconds; per day they are a few thousand. Whole days are read from
// the daily rollups, the window's partial edge days from the hourly ones (rollup-slices.ts).
import { kindOf, type Db } from "@/lib/db/client";
import { sqliteTimestamp } from "@/lib/db/bulk-sql";
import type { RollupPoint } from "./chart-data";
import { rollupSlices } from "./rollup-slices";
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
  const at = (d: Date) => (kind === "sqlite" ? p(ts(d)) : `${p(ts(d))}::timestamp(3)`);
  // SQLite keeps DateTime as ISO text: the day is its first 10 characters (the daily rows' own form)
  const dayOfHour = kind === "sqlite" ? `substr("hour", 1, 10) || 'T00:00:00.000+00:00'` : `date_trunc('day', "hour")`;
  const parts = rollupSlices(window, window.bucket).map((slice) => {
    const time = slice.level === "day" ? '"day"' : '"hour"';
    const bucket = slice.level === "day" || window.bucket === "hour" ? time : dayOfHour;
    // SQLite's "?" are positional: each part takes its own parameters, in order
    const where = [
      `"projectId" IN (${projectIds.map((id) => p(id)).join(", ")})`,
      `${time} >= ${at(slice.from)}`,
      `${time} < ${at(slice.to)}`,
      ...(source ? [`"source" = ${p(source)}`] : []),
    ];
    return `SELECT ${bucket} AS "bucket", "source", "agentType", "model", ${FIELDS.map((f) => `"${f}"`).join(", ")}
      FROM "${slice.level === "day" ? "UsageRollupDaily" : "UsageRollup"}" WHERE ${where.join(" AND ")}`;
  });
  if (parts.length === 0) return [];
  const rows = await client.$queryRawUnsafe<Row[]>(
    `SELECT "bucket", "source", "agentType", "model", ${FIELDS.map((f) => `SUM("${f}") AS "${f}"`).join(", ")}
     FROM (${parts.join(" UNION ALL ")}) AS r GROUP BY 1, 2, 3, 4`,
    ...params,
  );
  return rows.map((r) => {
    const point = { hour: r.bucket instanceof Date ? r.bucket : new Date(r.bucket), source: r.source, agentType: r.agentType, model: r.model } as RollupPoint;
    for (const f of FIELDS) point[f] = Number(r[f] ?? 0);
    return point;
  });
}
