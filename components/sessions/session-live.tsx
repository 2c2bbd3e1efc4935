"use client";

// Re-renders the session page when one of its changes arrives. On the Logs tab, log lines
// are the viewer's own business (it tails them), so only other changes refresh the page.
import { LiveRefresh } from "@/components/ui/live-provider";
import { concernsSession, type LiveChange } from "@/lib/live/live-change";

export function SessionLive({
  projectId,
  externalId,
  logsTab,
}: {
  projectId: string;
  externalId: string;
  logsTab: boolean;
}) {
  const filter = (change: LiveChange) =>
    concernsSession(change, { projectId, externalId }) &&
    (!logsTab || change.kinds.length === 0 || change.kinds.some((k) => k !== "log"));
  return <LiveRefresh filter={filter} minIntervalMs={1_500} />;
}
