import { apiRoute } from "@/lib/api/route";
import { API_ROUTES } from "@/lib/api/routes";
import { exportTraces } from "@/lib/otlp/export-traces";

export const dynamic = "force-dynamic";

/** OTLP/HTTP trace export (JSON or protobuf, optionally gzip); the body is read by exportTraces. */
export const POST = apiRoute(API_ROUTES.otlpTraces, async ({ db, principal, request }) =>
  exportTraces(db, principal.projectId, request),
);
