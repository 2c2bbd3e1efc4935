import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { getSessionDetail } from "@/lib/sessions/session-api";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ sessionId: string }>({}, async ({ db, principal, params }) => {
  const detail = await getSessionDetail(db, principal.projectId, params.sessionId);
  if (!detail) throw notFound(`session ${params.sessionId}`);
  return Response.json(detail);
});
