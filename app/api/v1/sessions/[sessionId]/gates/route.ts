import { ApiError, notFound } from "@/lib/api/errors";
import { requestInfo } from "@/lib/api/request-info";
import { apiRoute } from "@/lib/api/route";
import { API_ROUTES } from "@/lib/api/routes";
import { createGate } from "@/lib/gates/create-gate";

export const dynamic = "force-dynamic";

export const POST = apiRoute(API_ROUTES.createGate, async ({ db, principal, params, body, request, requestId }) => {
  const result = await createGate(db, {
    projectId: principal.projectId,
    sessionId: params.sessionId,
    request: body,
    actor: { keyId: principal.keyId, keyName: principal.keyName },
    ...requestInfo(request, requestId),
  });
  switch (result.kind) {
    case "created":
      return Response.json(result.gate, { status: 201 });
    case "existing":
      return Response.json(result.gate, { status: 200 });
    case "session_not_found":
      throw notFound(`session ${params.sessionId}`);
    case "conflict":
      throw new ApiError(409, "gate_id_conflict", result.message, { field: "gateId" });
  }
});
