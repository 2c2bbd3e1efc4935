import { sparklinePoints } from "@/lib/overview/sparkline";

type SparklineProps = { values: readonly number[]; label: string; width?: number; height?: number; className?: string };

/** A tiny trend line; `label` describes it for screen readers. */
export function Sparkline({ values, label, width = 96, height = 24, className = "text-accent" }: SparklineProps) {
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={label}
      className={className}
    >
      <polyline
        points={sparklinePoints(values, width, height)}
        fill="none"
        stroke="currentColor"
        strokeWidth={1.5}
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}
