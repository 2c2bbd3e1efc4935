import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { API_ROUTES } from "@/lib/api/routes";
import { getSessionDetail } from "@/lib/sessions/session-api";

export const dynamic = "force-dynamic";

export const GET = apiRoute(API_ROUTES.getSession, async ({ db, principal, params }) => {
  const detail = await getSessionDetail(db, principal.projectId, params.sessionId);
  if (!detail) throw notFound(`session ${params.sessionId}`);
  return Response.json(detail);
});
