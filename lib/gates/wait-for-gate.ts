import "server-only";
// The agent's long-poll: hold the request until the gate leaves pending or the wait ends.
// A decision made in this process wakes the waiter at once; one made by another server
// process is found by polling the gate's status (one indexed read per interval), and a
// deadline that falls inside the wait is honoured by waking at it and expiring the gate.
import type { Db } from "@/lib/db/client";
import { onGateChange } from "./gate-waiters";
import { toGateResponse } from "./gate-view";
import { loadGate } from "./read-gate";
import type { GateResponse } from "./schemas";

export const GATE_POLL_MS = 250;

export type WaitOptions = {
  waitMs: number;
  /** the request's signal: a client that hangs up stops the wait */
  signal?: AbortSignal;
  pollMs?: number;
};

/** Resolves after `ms`, or earlier when `wake` is called or the signal aborts. */
function pause(ms: number, signal: AbortSignal | undefined, setWake: (wake: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener("abort", done);
    setWake(done);
  });
}

export async function waitForGate(
  db: Db,
  projectId: string,
  gateId: string,
  options: WaitOptions,
): Promise<GateResponse | null> {
  const first = await loadGate(db, projectId, gateId);
  if (!first) return null;
  if (first.status !== "pending" || options.waitMs <= 0) return toGateResponse(first);

  const deadline = Date.now() + options.waitMs;
  const pollMs = options.pollMs ?? GATE_POLL_MS;
  let woken = false;
  let wake = () => {
    woken = true;
  };
  const unsubscribe = onGateChange(first.id, () => wake());
  try {
    for (;;) {
      const now = Date.now();
      if (now >= deadline || options.signal?.aborted) break;
      if (!woken) {
        // a little past the expiry, so the read below finds the gate overdue
        const untilExpiry = first.expiresAt.getTime() - now + 5;
        await pause(Math.min(pollMs, deadline - now, untilExpiry), options.signal, (w) => (wake = w));
        wake = () => {
          woken = true;
        };
      }
      woken = false;
      const current = await db.gate.findUnique({ where: { id: first.id }, select: { status: true } });
      if (!current || current.status !== "pending" || first.expiresAt.getTime() <= Date.now()) break;
    }
  } finally {
    unsubscribe();
  }
  const last = await loadGate(db, projectId, gateId);
  return last ? toGateResponse(last) : null;
}
