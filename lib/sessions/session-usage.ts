import "server-only";
// The Usage tab: LLM-call sums of one session grouped by agent type and by model.
import { db } from "@/lib/db/client";
import type { UsageGroup } from "./usage-breakdown";

export type SessionUsage = { byAgent: UsageGroup[]; byModel: UsageGroup[] };

const sums = {
  inputTokens: true,
  outputTokens: true,
  cacheReadTokens: true,
  totalTokens: true,
  costUsd: true,
} as const;

export async function loadSessionUsage(sessionId: string): Promise<SessionUsage> {
  const client = db();
  const [agents, models, unknownByAgent, unknownByModel] = await Promise.all([
    client.llmCall.groupBy({ by: ["agentType"], where: { sessionId }, _sum: sums, _count: { _all: true } }),
    client.llmCall.groupBy({ by: ["model"], where: { sessionId }, _sum: sums, _count: { _all: true } }),
    client.llmCall.groupBy({ by: ["agentType"], where: { sessionId, costUsd: null }, _count: { _all: true } }),
    client.llmCall.groupBy({ by: ["model"], where: { sessionId, costUsd: null }, _count: { _all: true } }),
  ]);
  const unknownAgent = new Map(unknownByAgent.map((u) => [u.agentType, u._count._all]));
  const unknownModel = new Map(unknownByModel.map((u) => [u.model, u._count._all]));
  const group = (
    key: string | null,
    g: (typeof agents)[number] | (typeof models)[number],
    unknown: number,
  ): UsageGroup => ({
    key,
    calls: g._count._all,
    inputTokens: g._sum.inputTokens ?? 0,
    outputTokens: g._sum.outputTokens ?? 0,
    cacheReadTokens: g._sum.cacheReadTokens ?? 0,
    totalTokens: g._sum.totalTokens ?? 0,
    costUsd: g._sum.costUsd ?? 0,
    unknownCostCalls: unknown,
  });
  return {
    byAgent: agents.map((g) => group(g.agentType, g, unknownAgent.get(g.agentType) ?? 0)),
    byModel: models.map((g) => group(g.model, g, unknownModel.get(g.model) ?? 0)),
  };
}
