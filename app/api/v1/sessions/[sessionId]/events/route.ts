import { notFound } from "@/lib/api/errors";
import { parseQuery } from "@/lib/api/query";
import { apiRoute } from "@/lib/api/route";
import { eventListQuery } from "@/lib/sessions/api-schemas";
import { listSessionEvents } from "@/lib/sessions/session-api";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ sessionId: string }>({}, async ({ db, principal, params, url }) => {
  const page = await listSessionEvents(db, principal.projectId, params.sessionId, parseQuery(url, eventListQuery));
  if (!page) throw notFound(`session ${params.sessionId}`);
  return Response.json(page);
});
