import "server-only";
// Writing and rebuilding the hourly usage rollups. Writes are increments inside the ingest
// transaction; `rollups rebuild` recomputes them from the raw LLM calls and runs.
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { callContribution, RollupAccumulator, runContribution, type RollupKey, type RollupVector } from "./rollup-math";

type RollupWriter = Pick<Prisma.TransactionClient, "usageRollup">;

export async function writeRollups(tx: RollupWriter, projectId: string, entries: { key: RollupKey; vector: RollupVector }[]): Promise<void> {
  for (const { key, vector } of entries) {
    const increments = Object.fromEntries(Object.entries(vector).map(([field, v]) => [field, { increment: v }]));
    await tx.usageRollup.upsert({
      where: { projectId_hour_source_agentType_model: { projectId, ...key } },
      create: { projectId, ...key, ...vector },
      update: increments,
    });
  }
}

const PAGE = 5_000;

/** Sums every LLM call and run of a project into rollup entries, reading in pages. */
export async function rollupsFromRaw(db: Db, projectId: string): Promise<RollupAccumulator> {
  const acc = new RollupAccumulator();
  for (let cursor: string | undefined; ; ) {
    const calls = await db.llmCall.findMany({
      where: { projectId },
      orderBy: { id: "asc" },
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: {
        id: true, startedAt: true, source: true, agentType: true, model: true, inputTokens: true, outputTokens: true, cacheReadTokens: true,
        cacheWriteTokens: true, reasoningTokens: true, totalTokens: true, costUsd: true, costSource: true, estimated: true, status: true,
      },
    });
    for (const c of calls) acc.add(callContribution(c));
    if (calls.length < PAGE) break;
    cursor = calls[calls.length - 1]!.id;
  }
  for (let cursor: string | undefined; ; ) {
    const runs = await db.run.findMany({
      where: { projectId },
      orderBy: { id: "asc" },
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true, startedAt: true, createdAt: true, source: true, agentType: true, model: true, status: true, durationMs: true },
    });
    for (const r of runs) acc.add(runContribution(r));
    if (runs.length < PAGE) break;
    cursor = runs[runs.length - 1]!.id;
  }
  return acc;
}

/** Recomputes the rollups of every project (or one) from raw rows. */
export async function rebuildRollups(db: Db, projectId?: string): Promise<{ projects: number; rows: number }> {
  const projects = projectId ? [{ id: projectId }] : await db.project.findMany({ select: { id: true } });
  let rows = 0;
  for (const p of projects) {
    const acc = await rollupsFromRaw(db, p.id);
    const entries = acc.entries();
    await db.$transaction(
      async (tx) => {
        await tx.usageRollup.deleteMany({ where: { projectId: p.id } });
        for (let i = 0; i < entries.length; i += 500) {
          await tx.usageRollup.createMany({ data: entries.slice(i, i + 500).map((e) => ({ projectId: p.id, ...e.key, ...e.vector })) });
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
