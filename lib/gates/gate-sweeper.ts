import "server-only";
// Expires overdue pending gates even when nobody reads them, so the Approvals page, the
// session's status and the audit trail (gate.expired, actor system) catch up on their own.
// Started once per server process from instrumentation.ts.
import { db } from "@/lib/db/client";
import { expireOverdueGates } from "./expire-gate";

export const GATE_SWEEP_INTERVAL_MS = 30_000;

/** One sweep; errors are logged, never thrown (a failed sweep is retried by the next one). */
export async function sweepOverdueGates(now: Date = new Date()): Promise<number> {
  try {
    const expired = await expireOverdueGates(db(), { now });
    if (expired > 0) console.info(`[gates] expired ${expired} overdue gate${expired === 1 ? "" : "s"}`);
    return expired;
  } catch (error) {
    console.error("[gates] expiry sweep failed:", error instanceof Error ? error.message : error);
    return 0;
  }
}

const holder = globalThis as unknown as { __observatoryGateSweeper?: ReturnType<typeof setInterval> };

/** Starts the periodic sweep once per process (idempotent); the timer never keeps the process alive. */
export function startGateSweeper(intervalMs = GATE_SWEEP_INTERVAL_MS): void {
  if (holder.__observatoryGateSweeper) return;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void sweepOverdueGates().finally(() => {
      running = false;
    });
  }, intervalMs);
  timer.unref();
  holder.__observatoryGateSweeper = timer;
}

export function stopGateSweeper(): void {
  if (holder.__observatoryGateSweeper) clearInterval(holder.__observatoryGateSweeper);
  holder.__observatoryGateSweeper = undefined;
}
