"use client";

import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { AgentActivityPoint } from "@/lib/overview/chart-data";
import { sessionsHref } from "@/lib/sessions/session-list-url";
import { axisTick, gridStroke, STATUS_COLORS, tooltipStyle } from "./chart-theme";

type Props = { data: AgentActivityPoint[]; since: string };

/** Runs per agent type over the last 24 h, failed runs stacked apart. A bar opens that agent's sessions. */
export function AgentActivityChart({ data, since }: Props) {
  const router = useRouter();
  const open = (entry: { payload?: AgentActivityPoint }) => {
    const agent = entry.payload?.agentType;
    if (agent && !agent.startsWith("other (") && agent !== "(unknown)")
      router.push(sessionsHref({ agent, from: since }));
  };
  return (
    <figure
      aria-label={`Runs per agent type over the last 24 hours: ${data.map((d) => `${d.agentType} ${d.runs}`).join(", ")}`}
    >
      <BarChart
        responsive
        layout="vertical"
        style={{ width: "100%", height: Math.max(120, data.length * 26 + 50) }}
        data={data}
        margin={{ top: 4, right: 12, bottom: 0, left: 8 }}
      >
        <CartesianGrid horizontal={false} stroke={gridStroke} />
        <XAxis type="number" allowDecimals={false} tick={axisTick} tickLine={false} axisLine={{ stroke: gridStroke }} />
        <YAxis type="category" dataKey="agentType" tick={axisTick} tickLine={false} axisLine={false} width={110} />
        <Tooltip contentStyle={tooltipStyle} cursor={{ fill: "var(--surface-hover)" }} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar
          dataKey="ok"
          name="Runs (not failed)"
          stackId="runs"
          fill="var(--accent)"
          isAnimationActive={false}
          cursor="pointer"
          onClick={open}
        />
        <Bar
          dataKey="failed"
          name="Failed runs"
          stackId="runs"
          fill={STATUS_COLORS.failed}
          isAnimationActive={false}
          cursor="pointer"
          onClick={open}
        />
      </BarChart>
    </figure>
  );
}
