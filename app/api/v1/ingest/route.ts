import { apiRoute } from "@/lib/api/route";
import { API_ROUTES } from "@/lib/api/routes";
import { ingestEvents } from "@/lib/ingest/pipeline";
import type { IngestResult } from "@/lib/ingest/schemas";

export const dynamic = "force-dynamic";

export const POST = apiRoute(API_ROUTES.ingest, async ({ db, principal, body }) => {
  const results: IngestResult[] = await ingestEvents(db, principal.projectId, body.events, {
    source: "api",
    shed: true,
  });
  return Response.json({ results }, { status: 207 });
});
