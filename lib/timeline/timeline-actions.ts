"use server";
// The Timeline tab's one read action: a time window of the session, as lanes, and its runs
// when zoomed in far enough. A signed-in viewer (checked on the server); reads only the named session.
import { viewerAction } from "@/lib/actions/role-action";
import { loadTimeline } from "@/lib/sessions/session-runs";
import { timelineWindowInput } from "./timeline-schemas";

export const fetchTimelineWindow = viewerAction({ action: "session.read", schema: timelineWindowInput }, ({ input }) =>
  loadTimeline(input.sessionId, { from: input.from, to: input.to }),
);
