import { apiRoute } from "@/lib/api/route";
import { API_ROUTES } from "@/lib/api/routes";
import { agentPerformance } from "@/lib/usage/usage-queries";

export const dynamic = "force-dynamic";

export const GET = apiRoute(API_ROUTES.agentPerformance, async ({ db, principal, query: q }) => {
  return Response.json({
    data: await agentPerformance(db, { projectIds: [principal.projectId], source: q.source }, q, q.groupBy),
  });
});
