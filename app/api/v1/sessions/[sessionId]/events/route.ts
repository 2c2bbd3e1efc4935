import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { API_ROUTES } from "@/lib/api/routes";
import { listSessionEvents } from "@/lib/sessions/session-api";

export const dynamic = "force-dynamic";

export const GET = apiRoute(API_ROUTES.listSessionEvents, async ({ db, principal, params, query }) => {
  const page = await listSessionEvents(db, principal.projectId, params.sessionId, query);
  if (!page) throw notFound(`session ${params.sessionId}`);
  return Response.json(page);
});
