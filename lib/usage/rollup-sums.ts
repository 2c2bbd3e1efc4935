import "server-only";
// Sums of rollup rows over a window, grouped in the database. Whole UTC days are read from
// the daily rollups and the partial edge days from the hourly ones (rollup-slices.ts), in one
// statement (UNION ALL of the slices, then GROUP BY): a busy 30-day window has over 100k
// hourly rows, a few thousand daily ones, and a handful of groups.
import { sql, type Kysely } from "kysely";
import type { Db } from "@/lib/db/client";
import { dialectOf, sqlFor } from "@/lib/db/sql/registry";
import { rollupSlices } from "./rollup-slices";

/** What to group by: the time bucket (hour or day, per `resolution`), source, agent type, model. */
export type RollupDimension = "bucket" | "source" | "agentType" | "model";

export type RollupSumsQuery = {
  /** the projects to sum; every project when left out */
  projectIds?: readonly string[];
  source?: string;
  window: { from: Date; to: Date };
  resolution: "hour" | "day";
  by: readonly RollupDimension[];
  fields: readonly string[];
  /** only rows that count LLM calls (the usage tables) */
  withCallsOnly?: boolean;
};

export type RollupGroup = {
  bucket?: Date;
  source?: string;
  agentType?: string;
  model?: string;
  sums: Record<string, number>;
};

/** The two rollup tables, read alike: a time column and the same sums. */
type Loose = Kysely<Record<string, Record<string, unknown>>>;

export async function sumRollups(client: Db, q: RollupSumsQuery): Promise<RollupGroup[]> {
  if (q.projectIds?.length === 0) return [];
  const dialect = dialectOf(client);
  const db = sqlFor(client) as unknown as Loose;
  const parts = rollupSlices(q.window, q.resolution).map((slice) => {
    const time = slice.level === "day" ? "day" : "hour";
    const bucket = slice.level === "day" || q.resolution === "hour" ? sql.ref(time) : dialect.dayOf(sql.ref("hour"));
    let part = db
      .selectFrom(slice.level === "day" ? "UsageRollupDaily" : "UsageRollup")
      .select(q.by.map((d) => (d === "bucket" ? bucket.as("bucket") : sql.ref(d).as(d))))
      .select(q.fields.map((f) => sql.ref(f).as(f)))
      .where(time, ">=", slice.from)
      .where(time, "<", slice.to);
    if (q.projectIds) part = part.where("projectId", "in", [...q.projectIds]);
    if (q.source) part = part.where("source", "=", q.source);
    if (q.withCallsOnly) part = part.where("llmCalls", ">", 0);
    return part;
  });
  const union = parts.reduce((all, part) => all.unionAll(part));
  if (!union) return [];
  const rows = await db
    .selectFrom(union.as("r"))
    .select(q.by.map((d) => sql.ref(`r.${d}`).as(d)))
    .select(q.fields.map((f) => sql<number>`SUM(${sql.ref(`r.${f}`)})`.as(f)))
    .$if(q.by.length > 0, (qb) => qb.groupBy(q.by.map((d) => `r.${d}`)))
    .execute();
  return rows.map((r) => {
    const group: RollupGroup = { sums: Object.fromEntries(q.fields.map((f) => [f, Number(r[f] ?? 0)])) };
    for (const d of q.by) {
      const v = r[d];
      if (d === "bucket") group.bucket = dialect.readTimestamp(v);
      else group[d] = String(v);
    }
    return group;
  });
}
