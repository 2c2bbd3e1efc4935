"use client";
// Recharts is the largest library in the bundle. Pages import their charts from here so
// it loads after the page's first paint instead of in its first-load JavaScript; each
// placeholder keeps the chart's space so nothing jumps when it arrives.
import dynamic from "next/dynamic";

function ChartPlaceholder() {
  return <div aria-hidden className="h-48 w-full animate-pulse rounded-md bg-surface-hover" />;
}

export const AgentActivityChart = dynamic(() => import("./agent-activity-chart").then((m) => m.AgentActivityChart), {
  ssr: false,
  loading: ChartPlaceholder,
});
export const SessionsPerHourChart = dynamic(
  () => import("./sessions-per-hour-chart").then((m) => m.SessionsPerHourChart),
  { ssr: false, loading: ChartPlaceholder },
);
export const UsageChart = dynamic(() => import("./usage-chart").then((m) => m.UsageChart), {
  ssr: false,
  loading: ChartPlaceholder,
});
export const RunTrendChart = dynamic(() => import("@/components/usage/run-trend-chart").then((m) => m.RunTrendChart), {
  ssr: false,
  loading: ChartPlaceholder,
});
export const StackedTimeChart = dynamic(
  () => import("@/components/usage/stacked-time-chart").then((m) => m.StackedTimeChart),
  { ssr: false, loading: ChartPlaceholder },
);
export const TokenSplitChart = dynamic(
  () => import("@/components/usage/token-split-chart").then((m) => m.TokenSplitChart),
  { ssr: false, loading: ChartPlaceholder },
);
