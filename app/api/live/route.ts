import { userOrRefusal } from "@/lib/auth/current-user";
import { liveEventStream } from "@/lib/live/live-stream";
import { isSameOriginRequest } from "@/lib/live/sse";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// Server-sent events for the UI: a `change` event after each burst of commits.
export async function GET(request: Request): Promise<Response> {
  // Authenticated by the user's session cookie (EventSource sends it same-origin).
  if (!isSameOriginRequest(request.headers, request.url)) {
    return Response.json(
      { error: { code: "forbidden", message: "cross-origin requests are not allowed" } },
      { status: 403 },
    );
  }
  const user = await userOrRefusal(request.headers);
  if (user instanceof Response) return user;
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
