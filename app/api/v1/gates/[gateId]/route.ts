import { ApiError, notFound } from "@/lib/api/errors";
import { requestInfo } from "@/lib/api/request-info";
import { apiRoute } from "@/lib/api/route";
import { API_ROUTES } from "@/lib/api/routes";
import { cancelGate } from "@/lib/gates/cancel-gate";
import { waitForGate } from "@/lib/gates/wait-for-gate";

export const dynamic = "force-dynamic";

export const GET = apiRoute(API_ROUTES.getGate, async ({ db, principal, params, query, request }) => {
  const gate = await waitForGate(db, principal.projectId, params.gateId, {
    waitMs: query.wait * 1000,
    signal: request.signal,
  });
  if (!gate) throw notFound(`gate ${params.gateId}`);
  return Response.json(gate);
});

export const DELETE = apiRoute(API_ROUTES.cancelGate, async ({ db, principal, params, request, requestId }) => {
  const result = await cancelGate(db, {
    projectId: principal.projectId,
    gateId: params.gateId,
    actor: { keyId: principal.keyId, keyName: principal.keyName },
    ...requestInfo(request, requestId),
  });
  switch (result.kind) {
    case "cancelled":
    case "unchanged":
      return Response.json(result.gate);
    case "already_decided":
      throw new ApiError(409, "already_decided", result.message);
    case "not_found":
      throw notFound(`gate ${params.gateId}`);
  }
});
