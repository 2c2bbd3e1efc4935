// Contracts of the usage, performance, budget and profile endpoints.
import { z } from "zod";

export const COST_SOURCES = ["reported", "computed", "estimated", "unknown", "mixed"] as const;

export const usageRowSchema = z.object({
  key: z.string(),
  llmCalls: z.number().int(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheWriteTokens: z.number(),
  reasoningTokens: z.number(),
  totalTokens: z.number(),
  estimatedTokens: z.number().describe("the part of totalTokens whose counts were estimated by the source"),
  costUsd: z.number().describe("sum of known costs; calls of unknown cost add nothing (see unknownCostCalls)"),
  costSource: z
    .enum(COST_SOURCES)
    .describe(
      "reported by the caller, computed from the price table, estimated (estimated tokens), unknown (no price), or mixed",
    ),
  unknownCostCalls: z.number().int(),
  estimatedCalls: z.number().int(),
  estimatedCostUsd: z.number(),
  errorCalls: z.number().int(),
});
export type UsageRow = z.infer<typeof usageRowSchema>;
export const usageResponseSchema = z.object({ data: z.array(usageRowSchema) });

export const agentPerformanceRowSchema = z.object({
  key: z.string(),
  runs: z.number().int(),
  completed: z.number().int(),
  failed: z.number().int(),
  successRate: z.number().nullable().describe("completed ÷ (completed + failed)"),
  p50DurationMs: z.number().nullable(),
  p95DurationMs: z.number().nullable(),
  totalTokens: z.number(),
  costUsd: z.number(),
  costPerRun: z.number().nullable(),
  avgRevisions: z.number().nullable().describe("mean revision count of the task groups assigned to it"),
  llmCalls: z.number().int(),
  costSource: z.enum(COST_SOURCES),
});
export type AgentPerformanceRow = z.infer<typeof agentPerformanceRowSchema>;
export const agentPerformanceResponseSchema = z.object({ data: z.array(agentPerformanceRowSchema) });

export const MAX_RANGE_DAYS = 400;
const isoDate = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), "must be an ISO-8601 date")
  .transform((v) => new Date(v));

const windowBase = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  source: z.string().max(100).optional(),
});

/** Defaults to the last 30 days; a range must be ordered and at most MAX_RANGE_DAYS long. */
function withWindow<Q extends { from?: Date; to?: Date }>(q: Q, ctx: z.RefinementCtx): Q & { from: Date; to: Date } {
  const to = q.to ?? new Date();
  const from = q.from ?? new Date(to.getTime() - 30 * 86_400_000);
  if (from >= to) ctx.addIssue({ code: "custom", message: "must be before to", path: ["from"] });
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000)
    ctx.addIssue({
      code: "custom",
      message: `must be at most ${MAX_RANGE_DAYS} days before to (a longer range scans too much; split it)`,
      path: ["from"],
    });
  return { ...q, from, to };
}

export const USAGE_GROUP_BY = ["model", "agentType", "source", "day", "hour"] as const;
export type UsageGroupBy = (typeof USAGE_GROUP_BY)[number];
export const usageQuery = windowBase
  .extend({ groupBy: z.enum(USAGE_GROUP_BY).default("model"), sessionId: z.string().max(256).optional() })
  .transform((q, ctx) => withWindow(q, ctx));

export const PERFORMANCE_GROUP_BY = ["agentType", "agentId", "model"] as const;
export type PerformanceGroupBy = (typeof PERFORMANCE_GROUP_BY)[number];
export const performanceQuery = windowBase
  .extend({ groupBy: z.enum(PERFORMANCE_GROUP_BY).default("agentType") })
  .transform((q, ctx) => withWindow(q, ctx));

export const budgetResponseSchema = z.object({
  profile: z.string(),
  dailyLimit: z.number().describe("0 means unlimited"),
  unit: z.enum(["runs", "tokens", "usd"]),
  usedToday: z.number(),
  remaining: z.number().nullable().describe("null when unlimited"),
  hardLimit: z.boolean(),
  allowed: z.boolean().describe("false only when a hard limit is reached"),
});
export type BudgetResponse = z.infer<typeof budgetResponseSchema>;

export const profileResponseSchema = z.object({
  profile: z.string(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  dailyLimit: z.number(),
  unit: z.string(),
  hardLimit: z.boolean(),
  envOverrides: z.unknown(),
  activePrompt: z
    .object({
      versionNumber: z.number().int(),
      content: z.string(),
      note: z.string().nullable(),
      createdAt: z.string(),
    })
    .nullable(),
});
