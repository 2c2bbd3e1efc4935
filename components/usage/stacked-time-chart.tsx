"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { axisTick, gridStroke, tooltipStyle } from "@/components/charts/chart-theme";
import { formatTokens, formatUsd } from "@/components/ui/format-usage";
import type { StackedSeries } from "@/lib/usage/chart-data";
import { seriesColor } from "./series-colors";

type Props = { series: StackedSeries; unit: "tokens" | "usd"; label: string };

/** One stacked bar per hour or day, one colour per group (agent type, model or source). */
export function StackedTimeChart({ series, unit, label }: Props) {
  const format = (v: number) => (unit === "usd" ? formatUsd(v) : formatTokens(v));
  const totals = series.keys.map((k) => `${k} ${format(series.rows.reduce((a, r) => a + Number(r[k] ?? 0), 0))}`);
  return (
    <figure aria-label={`${label}. Totals: ${totals.join(", ") || "none"}`}>
      <BarChart
        responsive
        style={{ width: "100%", height: 240 }}
        data={series.rows}
        margin={{ top: 8, right: 12, bottom: 0, left: 4 }}
      >
        <CartesianGrid vertical={false} stroke={gridStroke} />
        <XAxis
          dataKey="bucket"
          tick={axisTick}
          tickLine={false}
          axisLine={{ stroke: gridStroke }}
          tickFormatter={(v: string) => (v.length > 10 ? v.slice(11, 16) : v.slice(5))}
          minTickGap={16}
        />
        <YAxis tick={axisTick} tickLine={false} axisLine={false} width={56} tickFormatter={(v: number) => format(v)} />
        <Tooltip
          contentStyle={tooltipStyle}
          cursor={{ fill: "var(--surface-hover)" }}
          formatter={(value, name) => [format(Number(value)), name]}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.keys.map((k, i) => (
          <Bar key={k} dataKey={k} name={k} stackId="s" fill={seriesColor(k, i)} isAnimationActive={false} />
        ))}
      </BarChart>
    </figure>
  );
}
