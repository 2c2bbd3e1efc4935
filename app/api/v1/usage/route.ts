import { notFound } from "@/lib/api/errors";
import { parseQuery } from "@/lib/api/query";
import { apiRoute } from "@/lib/api/route";
import { usageGroups } from "@/lib/usage/usage-queries";
import { usageQuery } from "@/lib/usage/usage-schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute({}, async ({ db, principal, url }) => {
  const q = parseQuery(url, usageQuery);
  const data = await usageGroups(db, { projectIds: [principal.projectId], source: q.source, sessionExternalId: q.sessionId }, q, q.groupBy);
  if (!data) throw notFound(`session ${q.sessionId}`);
  return Response.json({ data });
});
