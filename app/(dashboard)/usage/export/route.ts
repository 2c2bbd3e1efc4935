import { userOrRefusal } from "@/lib/auth/current-user";
import { toCsv } from "@/lib/usage/chart-data";
import { projectScope, usageTable } from "@/lib/usage/page-data";
import { parseUsageParams } from "@/lib/usage/usage-page-params";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const user = await userOrRefusal(request.headers);
  if (user instanceof Response) return user;
  const url = new URL(request.url);
  const params = parseUsageParams(Object.fromEntries(url.searchParams.entries()), new Date());
  const scope = await projectScope(params.project);
  const rows = await usageTable(scope.projectIds, params.window, params.stackBy, params.source);
  const csv = toCsv(
    [
      params.stackBy,
      "llm_calls",
      "input_tokens",
      "cache_read_tokens",
      "cache_write_tokens",
      "output_tokens",
      "reasoning_tokens",
      "total_tokens",
      "estimated_tokens",
      "cost_usd",
      "cost_source",
      "unknown_cost_calls",
      "from",
      "to",
    ],
    rows.map((r) => [
      r.key,
      r.llmCalls,
      r.inputTokens,
      r.cacheReadTokens,
      r.cacheWriteTokens,
      r.outputTokens,
      r.reasoningTokens,
      r.totalTokens,
      r.estimatedTokens,
      r.costSource === "unknown" ? null : r.costUsd,
      r.costSource,
      r.unknownCostCalls,
      params.window.from.toISOString(),
      params.window.to.toISOString(),
    ]),
  );
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="usage-${params.stackBy}-${params.window.from.toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
