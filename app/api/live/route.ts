import { liveEventStream } from "@/lib/live/live-stream";
import { isSameOriginRequest } from "@/lib/live/sse";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// Server-sent events for the UI: a `change` event after each burst of commits.
export function GET(request: Request): Response {
  // TODO(auth issue: users, roles and sessions): authenticate with the user's session here
  // and only announce changes of projects the user may see. Until then the endpoint
  // accepts same-origin requests only, like the pages it feeds.
  if (!isSameOriginRequest(request.headers, request.url)) {
    return Response.json({ error: { code: "forbidden", message: "cross-origin requests are not allowed" } }, { status: 403 });
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
