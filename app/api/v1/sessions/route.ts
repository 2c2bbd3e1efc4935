import { parseQuery } from "@/lib/api/query";
import { apiRoute } from "@/lib/api/route";
import { sessionListQuery } from "@/lib/sessions/api-schemas";
import { listSessionsForApi } from "@/lib/sessions/session-api";

export const dynamic = "force-dynamic";

export const GET = apiRoute({}, async ({ db, principal, url }) => {
  const query = parseQuery(url, sessionListQuery);
  return Response.json(await listSessionsForApi(db, principal.projectId, query));
});
