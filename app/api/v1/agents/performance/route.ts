import { parseQuery } from "@/lib/api/query";
import { apiRoute } from "@/lib/api/route";
import { agentPerformance } from "@/lib/usage/usage-queries";
import { performanceQuery } from "@/lib/usage/usage-schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute({}, async ({ db, principal, url }) => {
  const q = parseQuery(url, performanceQuery);
  return Response.json({ data: await agentPerformance(db, { projectIds: [principal.projectId], source: q.source }, q, q.groupBy) });
});
