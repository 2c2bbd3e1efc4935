import "server-only";
// After a gate change commits: wake this process's long-polls, tell open pages (live
// stream) and the project's webhook. Fire-and-forget: the change is already stored.
import type { Db } from "@/lib/db/client";
import { publishChange } from "@/lib/live/publish";
import { wakeGateWaiters } from "./gate-waiters";
import type { GateResponse } from "./schemas";
import { sendGateWebhook, type GateEventType } from "./webhook";

const MAX_LIVE_ID_CHARS = 256;

export function announceGateChange(
  db: Db,
  gate: { id: string; projectId: string },
  type: GateEventType,
  view: GateResponse,
): void {
  wakeGateWaiters(gate.id);
  publishChange(db, {
    projectId: gate.projectId,
    sessionIds: view.sessionId.length <= MAX_LIVE_ID_CHARS ? [view.sessionId] : null,
    kinds: ["gate", "session"],
    at: Date.now(),
  });
  void sendGateWebhook(db, gate.projectId, type, view);
}
