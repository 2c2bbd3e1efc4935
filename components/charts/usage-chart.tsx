"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { formatTokens, formatUsd } from "@/components/ui/format-usage";
import type { UsageChartPoint } from "@/lib/sessions/usage-breakdown";
import { axisTick, gridStroke, tooltipStyle } from "./chart-theme";

type Props = { data: UsageChartPoint[]; title: string };

/** Input and output tokens per group (agent type or model), stacked; cost in the tooltip. */
export function UsageChart({ data, title }: Props) {
  return (
    <figure
      aria-label={`${title}: ${data.map((d) => `${d.name} ${formatTokens(d.input + d.output + d.unsplit)} tokens`).join(", ")}`}
    >
      <BarChart
        responsive
        layout="vertical"
        style={{ width: "100%", height: Math.max(120, data.length * 28 + 50) }}
        data={data}
        margin={{ top: 4, right: 12, bottom: 0, left: 8 }}
      >
        <CartesianGrid horizontal={false} stroke={gridStroke} />
        <XAxis
          type="number"
          tick={axisTick}
          tickLine={false}
          axisLine={{ stroke: gridStroke }}
          tickFormatter={(v: number) => formatTokens(v)}
        />
        <YAxis
          type="category"
          dataKey="name"
          tick={axisTick}
          tickLine={false}
          axisLine={false}
          width={150}
          tickFormatter={(v: string) => (v.length > 22 ? `${v.slice(0, 21)}…` : v)}
        />
        <Tooltip
          contentStyle={tooltipStyle}
          cursor={{ fill: "var(--surface-hover)" }}
          formatter={(value, name) => [formatTokens(Number(value)), name]}
          labelFormatter={(label, payload) => {
            const cost = (payload?.[0]?.payload as UsageChartPoint | undefined)?.costUsd;
            return cost === undefined ? String(label) : `${String(label)} · ${formatUsd(cost)}`;
          }}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="input" name="Input tokens" stackId="t" fill="var(--accent)" isAnimationActive={false} />
        <Bar dataKey="output" name="Output tokens" stackId="t" fill="var(--ok)" isAnimationActive={false} />
        {data.some((d) => d.unsplit > 0) && (
          <Bar
            dataKey="unsplit"
            name="Tokens (no input/output split)"
            stackId="t"
            fill="var(--fg-subtle)"
            isAnimationActive={false}
          />
        )}
      </BarChart>
    </figure>
  );
}
