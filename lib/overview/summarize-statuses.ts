import "server-only";
import type { Status } from "@/lib/db/generated/sqlite/enums";

export type StatusGroup = { status: Status; count: number };

export type StatusSummary = {
  total: number;
  /** still in flight: pending, running or awaiting approval */
  active: number;
  awaiting: number;
  failed: number;
};

const ACTIVE: ReadonlySet<Status> = new Set<Status>(["pending", "running", "awaiting_approval"]);

export function summarizeStatuses(groups: readonly StatusGroup[]): StatusSummary {
  const summary: StatusSummary = { total: 0, active: 0, awaiting: 0, failed: 0 };
  for (const { status, count } of groups) {
    summary.total += count;
    if (ACTIVE.has(status)) summary.active += count;
    if (status === "awaiting_approval") summary.awaiting += count;
    if (status === "failed") summary.failed += count;
  }
  return summary;
}
