import { ApiError, notFound } from "@/lib/api/errors";
import { parseBody } from "@/lib/api/parse-body";
import { requestInfo } from "@/lib/api/request-info";
import { apiRoute } from "@/lib/api/route";
import { createGate } from "@/lib/gates/create-gate";
import { createGateRequestSchema, GATE_LIMITS } from "@/lib/gates/schemas";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ sessionId: string }>(
  { maxBodyBytes: GATE_LIMITS.maxBodyBytes, write: true },
  async ({ db, principal, params, json, request, requestId }) => {
    const result = await createGate(db, {
      projectId: principal.projectId,
      sessionId: params.sessionId,
      request: parseBody(json, createGateRequestSchema),
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
        throw new ApiError(409, "gate_id_conflict", result.message, "gateId");
    }
  },
);
