import "server-only";
// Sums of rollup rows over a window, grouped in the database. Whole UTC days are read from
// the daily rollups and the partial edge days from the hourly ones (rollup-slices.ts), in one
// statement (UNION ALL of the slices, then GROUP BY): a busy 30-day window has over 100k
// hourly rows, a few thousand daily ones, and a handful of groups.
import { kindOf, type Db } from "@/lib/db/client";
import { quoteIdent, sqliteTimestamp } from "@/lib/db/bulk-sql";
import { rollupSlices } from "./rollup-slices";

/** What to group by: the time bucket (hour or day, per `resolution`), source, agent type, model. */
export type RollupDimension = "bucket" | "source" | "agentType" | "model";

export type RollupSumsQuery = {
  projectIds: readonly string[];
  source?: string;
  window: { from: Date; to: Date };
  resolution: "hour" | "day";
  by: readonly RollupDimension[];
  fields: readonly string[];
  /** only rows that count LLM calls (the usage tables) */
  withCallsOnly?: boolean;
};

export type RollupGroup = { bucket?: Date; source?: string; agentType?: string; model?: string; sums: Record<string, number> };

export async function sumRollups(client: Db, q: RollupSumsQuery): Promise<RollupGroup[]> {
  if (q.projectIds.length === 0) return [];
  const kind = kindOf(client);
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return kind === "sqlite" ? "?" : `$${params.length}`;
  };
  const at = (d: Date) => (kind === "sqlite" ? p(sqliteTimestamp(d)) : `${p(d)}::timestamp(3)`);
  // SQLite keeps DateTime as ISO text: the day is its first 10 characters (the daily rows' own form)
  const dayOfHour = kind === "sqlite" ? `substr("hour", 1, 10) || 'T00:00:00.000+00:00'` : `date_trunc('day', "hour")`;
  const fields = q.fields.map(quoteIdent);
  const dims = q.by.map(quoteIdent);
  const parts = rollupSlices(q.window, q.resolution).map((slice) => {
    const time = slice.level === "day" ? '"day"' : '"hour"';
    const bucket = slice.level === "day" || q.resolution === "hour" ? time : dayOfHour;
    const columns = q.by.map((d) => (d === "bucket" ? `${bucket} AS "bucket"` : quoteIdent(d)));
    // SQLite's "?" are positional: each part takes its own parameters, in order
    const where = [
      `"projectId" IN (${q.projectIds.map((id) => p(id)).join(", ")})`,
      `${time} >= ${at(slice.from)}`,
      `${time} < ${at(slice.to)}`,
      ...(q.source ? [`"source" = ${p(q.source)}`] : []),
      ...(q.withCallsOnly ? ['"llmCalls" > 0'] : []),
    ];
    return `SELECT ${[...columns, ...fields].join(", ")} FROM "${slice.level === "day" ? "UsageRollupDaily" : "UsageRollup"}" WHERE ${where.join(" AND ")}`;
  });
  if (parts.length === 0) return [];
  const groupBy = dims.length ? ` GROUP BY ${dims.map((_, i) => i + 1).join(", ")}` : "";
  const rows = await client.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT ${[...dims, ...fields.map((f) => `SUM(${f}) AS ${f}`)].join(", ")} FROM (${parts.join(" UNION ALL ")}) AS r${groupBy}`,
    ...params,
  );
  return rows.map((r) => {
    const group: RollupGroup = { sums: Object.fromEntries(q.fields.map((f) => [f, Number(r[f] ?? 0)])) };
    for (const d of q.by) {
      const v = r[d];
      if (d === "bucket") group.bucket = v instanceof Date ? v : new Date(String(v));
      else group[d] = String(v);
    }
    return group;
  });
}
