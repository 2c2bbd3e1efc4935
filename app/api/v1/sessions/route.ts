import { apiRoute } from "@/lib/api/route";
import { API_ROUTES } from "@/lib/api/routes";
import { listSessionsForApi } from "@/lib/sessions/session-api";

export const dynamic = "force-dynamic";

export const GET = apiRoute(API_ROUTES.listSessions, async ({ db, principal, query }) => {
  return Response.json(await listSessionsForApi(db, principal.projectId, query));
});
