// Chart colours come from the theme's CSS variables, so charts follow light and dark.
import type { CSSProperties } from "react";
import type { Status } from "@/lib/ingest/status";

export const STATUS_COLORS: Record<Status, string> = {
  pending: "var(--fg-subtle)",
  running: "var(--info)",
  awaiting_approval: "var(--warn)",
  completed: "var(--ok)",
  failed: "var(--danger)",
  cancelled: "var(--line-strong)",
  expired: "var(--neutral)",
  unknown: "var(--line)",
};

export const tooltipStyle: CSSProperties = {
  background: "var(--surface)",
  border: "1px solid var(--line)",
  borderRadius: 6,
  color: "var(--fg)",
  fontSize: 12,
};

export const axisTick = { fill: "var(--fg-muted)", fontSize: 11 };
export const gridStroke = "var(--line)";
