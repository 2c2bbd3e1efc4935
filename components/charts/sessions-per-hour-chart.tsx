"use client";

import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { statusLabel } from "@/components/ui/status-badge";
import type { StatusHourPoint } from "@/lib/overview/chart-data";
import type { Status } from "@/lib/ingest/status";
import { sessionsHref } from "@/lib/sessions/session-list-url";
import { axisTick, gridStroke, STATUS_COLORS, tooltipStyle } from "./chart-theme";

type Props = { data: StatusHourPoint[]; statuses: Status[] };

function hourRange(hour: string): { from: string; to: string } {
  const start = new Date(`${hour}:00:00.000Z`);
  return { from: start.toISOString(), to: new Date(start.getTime() + 3_600_000).toISOString() };
}

/** Sessions started per UTC hour over the last 24 h, stacked by status. A bar opens its hour's list. */
export function SessionsPerHourChart({ data, statuses }: Props) {
  const router = useRouter();
  const total = data.reduce((sum, p) => sum + p.total, 0);
  return (
    <figure aria-label={`Sessions started per hour over the last 24 hours, by status: ${total} in all`}>
      <BarChart
        responsive
        style={{ width: "100%", height: 220 }}
        data={data}
        margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
      >
        <CartesianGrid vertical={false} stroke={gridStroke} />
        <XAxis dataKey="label" tick={axisTick} tickLine={false} axisLine={{ stroke: gridStroke }} interval={2} />
        <YAxis allowDecimals={false} tick={axisTick} tickLine={false} axisLine={false} width={40} />
        <Tooltip
          contentStyle={tooltipStyle}
          cursor={{ fill: "var(--surface-hover)" }}
          labelFormatter={(l) => `${String(l)} UTC`}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {statuses.map((status) => (
          <Bar
            key={status}
            dataKey={status}
            name={statusLabel(status)}
            stackId="status"
            fill={STATUS_COLORS[status]}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(entry: { payload?: StatusHourPoint }) => {
              if (entry.payload) router.push(sessionsHref({ ...hourRange(entry.payload.hour), status: [status] }));
            }}
          />
        ))}
      </BarChart>
      {/* the figures as text for screen readers (a list: the overview keeps one table) */}
      <ul className="sr-only">
        {data
          .filter((p) => p.total > 0)
          .map((p) => (
            <li key={p.hour}>
              {p.label} UTC:{" "}
              {statuses
                .filter((s) => p[s] > 0)
                .map((s) => `${p[s]} ${statusLabel(s).toLowerCase()}`)
                .join(", ")}
            </li>
          ))}
      </ul>
    </figure>
  );
}
