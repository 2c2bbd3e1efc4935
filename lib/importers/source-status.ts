// What the Sources page says about a source, from its row alone.
export type SourceStatus = "following" | "waiting" | "error" | "paused";

export function sourceStatus(source: {
  enabled: boolean;
  lastError: string | null;
  lastSyncAt: Date | null;
}): SourceStatus {
  if (!source.enabled) return "paused";
  if (source.lastError) return "error";
  return source.lastSyncAt ? "following" : "waiting";
}
