import { AuthError, requireUser } from "@/lib/auth/current-user";
import { liveEventStream } from "@/lib/live/live-stream";
import { isSameOriginRequest } from "@/lib/live/sse";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// Server-sent events for the UI: a `change` event after each burst of commits.
export async function GET(request: Request): Promise<Response> {
  // Authenticated by the user's session cookie (EventSource sends it same-origin).
  if (!isSameOriginRequest(request.headers, request.url)) {
    return Response.json({ error: { code: "forbidden", message: "cross-origin requests are not allowed" } }, { status: 403 });
  }
  try {
    await requireUser("viewer", request.headers);
  } catch (error) {
    if (error instanceof AuthError) return Response.json({ error: { code: "unauthorized", message: error.message } }, { status: error.status });
    throw error;
  }
  return new Response(liveEventStream(request.signal), {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: keeps compression from buffering the stream
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
      connection: "keep-alive",
    },
  });
}
