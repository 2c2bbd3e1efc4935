"use client";

import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from "recharts";
import { axisTick, gridStroke, tooltipStyle } from "@/components/charts/chart-theme";
import { formatTokens } from "@/components/ui/format-usage";
import type { TokenSplit } from "@/lib/usage/chart-data";
import { seriesColor } from "./series-colors";

/** Input, cache read, cache write, output and reasoning tokens: each counted once. */
export function TokenSplitChart({ split }: { split: TokenSplit }) {
  return (
    <figure aria-label={`Token split: ${split.map((s) => `${s.name} ${formatTokens(s.tokens)}`).join(", ")}`}>
      <BarChart
        responsive
        layout="vertical"
        style={{ width: "100%", height: 190 }}
        data={split}
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
        <YAxis type="category" dataKey="name" tick={axisTick} tickLine={false} axisLine={false} width={120} />
        <Tooltip
          contentStyle={tooltipStyle}
          cursor={{ fill: "var(--surface-hover)" }}
          formatter={(value) => [`${formatTokens(Number(value))} tokens`, "Tokens"]}
        />
        <Bar dataKey="tokens" isAnimationActive={false}>
          {split.map((s, i) => (
            <Cell key={s.name} fill={seriesColor(s.name, i)} />
          ))}
        </Bar>
      </BarChart>
    </figure>
  );
}
