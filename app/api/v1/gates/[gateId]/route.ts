import { ApiError, notFound } from "@/lib/api/errors";
import { parseQuery } from "@/lib/api/query";
import { requestInfo } from "@/lib/api/request-info";
import { apiRoute } from "@/lib/api/route";
import { cancelGate } from "@/lib/gates/cancel-gate";
import { waitQuerySchema } from "@/lib/gates/schemas";
import { waitForGate } from "@/lib/gates/wait-for-gate";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ gateId: string }>({}, async ({ db, principal, params, url, request }) => {
  const { wait } = parseQuery(url, waitQuerySchema);
  const gate = await waitForGate(db, principal.projectId, params.gateId, {
    waitMs: wait * 1000,
    signal: request.signal,
  });
  if (!gate) throw notFound(`gate ${params.gateId}`);
  return Response.json(gate);
});

export const DELETE = apiRoute<{ gateId: string }>(
  { write: true },
  async ({ db, principal, params, request, requestId }) => {
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
  },
);
