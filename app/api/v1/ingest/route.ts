import { apiRoute } from "@/lib/api/route";
import { parseIngestRequest } from "@/lib/ingest/request";
import { ingestEvents } from "@/lib/ingest/pipeline";
import { LIMITS, type IngestResult } from "@/lib/ingest/schemas";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ maxBodyBytes: LIMITS.maxBodyBytes, write: true }, async ({ db, principal, json }) => {
  const events = parseIngestRequest(json);
  const results: IngestResult[] = await ingestEvents(db, principal.projectId, events, { source: "api", shed: true });
  return Response.json({ results }, { status: 207 });
});
