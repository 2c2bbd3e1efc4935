import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { API_ROUTES } from "@/lib/api/routes";
import { usageGroups } from "@/lib/usage/usage-queries";

export const dynamic = "force-dynamic";

export const GET = apiRoute(API_ROUTES.usage, async ({ db, principal, query: q }) => {
  const data = await usageGroups(
    db,
    { projectIds: [principal.projectId], source: q.source, sessionExternalId: q.sessionId },
    q,
    q.groupBy,
  );
  if (!data) throw notFound(`session ${q.sessionId}`);
  return Response.json({ data });
});
