import "server-only";
// Writing and rebuilding the usage rollups: hourly, and the same sums per UTC day. Writes are
// increments inside the ingest transaction; `rollups rebuild` recomputes both levels from the
// raw LLM calls and runs.
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { forEachPage } from "@/lib/db/pages";
import type { RawClient } from "@/lib/db/sql/dialects";
import type { DB } from "@/lib/db/sql/schema";
import { addToCounters } from "@/lib/db/sql/writes";
import {
  CALL_FOR_ROLLUP_SELECT,
  callContribution,
  perDay,
  RollupAccumulator,
  runContribution,
  SUM_FIELDS,
  type RollupKey,
  type RollupVector,
} from "./rollup-math";

type RollupEntry = { key: RollupKey; vector: RollupVector };

/** The sum columns of both tables (the `runDur${i}` names are built, so TypeScript cannot check them). */
const COUNTERS = SUM_FIELDS as readonly (keyof DB["UsageRollup"] & keyof DB["UsageRollupDaily"] & string)[];

/** Every sum, 0 where the vector has none: the counters added on conflict. */
function sums(vector: RollupVector) {
  return Object.fromEntries(SUM_FIELDS.map((f) => [f, vector[f] ?? 0])) as Record<(typeof SUM_FIELDS)[number], number>;
}

/**
 * Adds contributions to the hourly rollups and to the daily ones, in the caller's transaction.
 * One statement per table (`INSERT … ON CONFLICT DO UPDATE SET x = x + excluded.x`) instead of
 * a Prisma upsert per key, so the daily level costs one more statement per batch.
 */
export async function writeRollups(tx: RawClient, projectId: string, entries: readonly RollupEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await addToCounters(
    tx,
    "UsageRollup",
    entries.map((e) => ({
      id: randomUUID().replace(/-/g, ""),
      projectId,
      hour: e.key.hour,
      source: e.key.source,
      agentType: e.key.agentType,
      model: e.key.model,
      ...sums(e.vector),
    })),
    { key: ["projectId", "hour", "source", "agentType", "model"], counters: COUNTERS },
  );
  await addToCounters(
    tx,
    "UsageRollupDaily",
    perDay(entries).map((e) => ({
      projectId,
      day: e.key.hour,
      source: e.key.source,
      agentType: e.key.agentType,
      model: e.key.model,
      ...sums(e.vector),
    })),
    { key: ["projectId", "day", "source", "agentType", "model"], counters: COUNTERS },
  );
}

const PAGE = 5_000;

/** Sums every LLM call and run of a project into rollup entries, reading in pages. */
export async function rollupsFromRaw(db: Db, projectId: string): Promise<RollupAccumulator> {
  const acc = new RollupAccumulator();
  await forEachPage(
    PAGE,
    (page) =>
      db.llmCall.findMany({
        where: { projectId },
        ...page,
        select: {
          ...CALL_FOR_ROLLUP_SELECT,
          id: true,
        },
      }),
    (call) => acc.add(callContribution(call)),
  );
  await forEachPage(
    PAGE,
    (page) =>
      db.run.findMany({
        where: { projectId },
        ...page,
        select: {
          id: true,
          startedAt: true,
          createdAt: true,
          source: true,
          agentType: true,
          model: true,
          status: true,
          durationMs: true,
        },
      }),
    (run) => acc.add(runContribution(run)),
  );
  return acc;
}

/** Recomputes the hourly and daily rollups of every project (or one) from raw rows. */
export async function rebuildRollups(db: Db, projectId?: string): Promise<{ projects: number; rows: number }> {
  const projects = projectId ? [{ id: projectId }] : await db.project.findMany({ select: { id: true } });
  let rows = 0;
  for (const p of projects) {
    const acc = await rollupsFromRaw(db, p.id);
    const entries = acc.entries();
    await db.$transaction(
      async (tx) => {
        await tx.usageRollup.deleteMany({ where: { projectId: p.id } });
        await tx.usageRollupDaily.deleteMany({ where: { projectId: p.id } });
        for (let i = 0; i < entries.length; i += 500) {
          await tx.usageRollup.createMany({
            data: entries.slice(i, i + 500).map((e) => ({ projectId: p.id, ...e.key, ...e.vector })),
          });
        }
        const days = perDay(entries);
        for (let i = 0; i < days.length; i += 500) {
          await tx.usageRollupDaily.createMany({
            data: days
              .slice(i, i + 500)
              .map(({ key: { hour, ...k }, vector }) => ({ projectId: p.id, day: hour, ...k, ...vector })),
          });
        }
      },
      { timeout: 600_000, maxWait: 60_000 },
    );
    rows += entries.length;
  }
  return { projects: projects.length, rows };
}

/** Databases filled before rollups existed get them computed once. */
export async function ensureRollups(db: Db): Promise<boolean> {
  if ((await db.usageRollup.count()) > 0) return false;
  if ((await db.llmCall.count()) === 0 && (await db.run.count()) === 0) return false;
  await rebuildRollups(db);
  return true;
}
