import { ApiError } from "@/lib/api/errors";
import { LIMITS } from "./schemas";

/** The events array of an ingest request; whole-request problems are 400 or 413. */
export function parseIngestRequest(json: unknown): unknown[] {
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new ApiError(400, "invalid_request", "the body must be a JSON object with an events array", "events");
  }
  const events = (json as { events?: unknown }).events;
  if (!Array.isArray(events)) throw new ApiError(400, "invalid_request", "events: must be an array of events", "events");
  if (events.length > LIMITS.maxEvents) {
    throw new ApiError(413, "too_many_events", `events: at most ${LIMITS.maxEvents} events per request, got ${events.length}`, "events");
  }
  return events;
}
