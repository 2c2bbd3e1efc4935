"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { axisTick, gridStroke, STATUS_COLORS, tooltipStyle } from "@/components/charts/chart-theme";
import type { RunTrendRow } from "@/lib/usage/chart-data";

/** Runs per period (failed stacked apart) with the success rate as a line. */
export function RunTrendChart({ rows }: { rows: RunTrendRow[] }) {
  const data = rows.map((r) => ({ ...r, ok: r.runs - r.failed }));
  const total = rows.reduce((a, r) => a + r.runs, 0);
  const failed = rows.reduce((a, r) => a + r.failed, 0);
  return (
    <figure aria-label={`Runs over time: ${total} runs, ${failed} failed`}>
      <ComposedChart
        responsive
        style={{ width: "100%", height: 240 }}
        data={data}
        margin={{ top: 8, right: 8, bottom: 0, left: 4 }}
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
        <YAxis yAxisId="runs" allowDecimals={false} tick={axisTick} tickLine={false} axisLine={false} width={40} />
        <YAxis
          yAxisId="rate"
          orientation="right"
          domain={[0, 100]}
          tick={axisTick}
          tickLine={false}
          axisLine={false}
          width={40}
          tickFormatter={(v: number) => `${v}%`}
        />
        <Tooltip
          contentStyle={tooltipStyle}
          cursor={{ fill: "var(--surface-hover)" }}
          formatter={(value, name) => [name === "Success rate" ? `${String(value)}%` : String(value), name]}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar
          yAxisId="runs"
          dataKey="ok"
          name="Runs (not failed)"
          stackId="r"
          fill="var(--accent)"
          isAnimationActive={false}
        />
        <Bar
          yAxisId="runs"
          dataKey="failed"
          name="Failed runs"
          stackId="r"
          fill={STATUS_COLORS.failed}
          isAnimationActive={false}
        />
        <Line
          yAxisId="rate"
          dataKey="successRate"
          name="Success rate"
          stroke="var(--ok)"
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
      </ComposedChart>
    </figure>
  );
}
