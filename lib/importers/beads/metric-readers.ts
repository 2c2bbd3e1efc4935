// Measures (seed 004) become metrics: workflow_performance per finished step (a step no
// assignment records is a run of its own), workflow_analytics per closed day. Metrics are
// append-only, so each measure is sent once (`once`), whatever later happens to its row.
import type { Row } from "../source";
import { amountColumn, boundedText, timeColumn } from "../source-words";
import { bool, extras, int, latest, str } from "../sql-reader";
import type { Mapped } from "../types";
import {
  assignmentFor,
  assignmentRunId,
  known,
  workflowOf,
  type CoordinationReaderSpec,
  type Json,
} from "./coordination-index";

// ---- performance and analytics → metrics ---------------------------------------------------------

const PERFORMANCE_KNOWN = [
  "id",
  "workflow_id",
  "agent_type",
  "step_name",
  "start_time",
  "end_time",
  "duration_ms",
  "success",
  "error_message",
  "memory_usage_mb",
  "cpu_usage_percent",
  "disk_io_bytes",
  "network_io_bytes",
  "resource_metadata",
  "created_at",
];

const PERFORMANCE_MEASURES: readonly (readonly [column: string, name: string, unit: string])[] = [
  ["duration_ms", "step_duration_ms", "ms"],
  ["memory_usage_mb", "memory_usage_mb", "MB"],
  ["cpu_usage_percent", "cpu_usage_percent", "%"],
  ["disk_io_bytes", "disk_io_bytes", "bytes"],
  ["network_io_bytes", "network_io_bytes", "bytes"],
];

export const workflowPerformance: CoordinationReaderSpec = {
  table: "workflow_performance",
  mode: { kind: "mutable" },
  key: (r) => String(r.id),
  prepare: (rows, index) =>
    known(index)(rows).map((r) => {
      const assignment = assignmentFor(index, r);
      return {
        ...r,
        _run: assignment ? assignmentRunId(assignment) : null,
        _workflow_type: str(index.workflows.get(String(r.workflow_id))?.workflow_type) ?? null,
      };
    }),
  map(r, ctx) {
    const invalid: Json = {};
    const sessionId = workflowOf(r, ctx);
    const start = timeColumn(ctx, r.start_time, "start_time", invalid);
    const end = timeColumn(ctx, r.end_time, "end_time", invalid);
    const duration = amountColumn(ctx, r.duration_ms, "duration_ms", invalid);
    const finished = end !== undefined || duration !== undefined;
    const success = bool(r.success) ?? false;
    const events: Mapped["events"] = [];
    let runId = str(r._run);
    if (runId === undefined) {
      // a step no assignment records is a run of its own
      runId = `${sessionId}:performance:${String(r.id)}`;
      events.push({
        id: ctx.eventId("run"),
        type: "run",
        timestamp: (latest(end, start) ?? ctx.importedAt).toISOString(),
        body: {
          runId,
          sessionId,
          agentType: boundedText(r.agent_type) ?? "unknown",
          stepName: boundedText(r.step_name),
          status: finished ? (success ? "completed" : "failed") : "started",
          startedAt: start?.toISOString(),
          endedAt: (start && duration !== undefined ? new Date(start.getTime() + duration) : end)?.toISOString(),
          error: str(r.error_message),
          metadata: { performance_id: int(r.id) ?? str(r.id) },
        },
      });
    }
    // measures are final once the step ended; metrics are append-only, so they are sent once
    const labels = {
      agent_type: str(r.agent_type),
      step_name: str(r.step_name),
      workflow_type: str(r._workflow_type),
      success,
    };
    const measures = PERFORMANCE_MEASURES.map(([column, name, unit]) => {
      const value =
        column === "duration_ms"
          ? (duration ?? (start && end ? Math.max(0, end.getTime() - start.getTime()) : undefined))
          : amountColumn(ctx, r[column], column, invalid);
      return { name, unit, value };
    });
    const metadata = {
      resource_metadata: ctx.json(r.resource_metadata, "resource_metadata"),
      ...extras(r, [...PERFORMANCE_KNOWN, "_run", "_known_workflow", "_workflow_type"]),
      ...invalid,
    };
    const once: Mapped["events"] = [];
    for (const { name, unit, value } of finished ? measures : []) {
      if (value === undefined) continue;
      once.push({
        id: ctx.eventId("metric", name),
        type: "metric",
        timestamp: (end ?? start ?? ctx.importedAt).toISOString(),
        body: { name, value, unit, sessionId, runId, labels, metadata },
      });
    }
    return { events, once };
  },
};

const ANALYTICS_MEASURES: readonly (readonly [column: string, unit: string | undefined])[] = [
  ["total_workflows", undefined],
  ["successful_workflows", undefined],
  ["failed_workflows", undefined],
  ["avg_execution_time_ms", "ms"],
  ["avg_confidence_score", undefined],
  ["total_agents_active", undefined],
  ["system_load_avg", undefined],
];

/** YYYY-MM-DD of a DATE column (PostgreSQL hands dates over as local midnight). */
function dayOf(value: unknown): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    const p = (n: number) => String(n).padStart(2, "0");
    return `${value.getFullYear()}-${p(value.getMonth() + 1)}-${p(value.getDate())}`;
  }
  const s = str(value)?.trim();
  return s && /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s.slice(0, 10))) ? s.slice(0, 10) : undefined;
}

const analyticsKey = (r: Row) =>
  `${dayOf(r.date) ?? String(r.date)}/${String(r.workflow_type)}/${String(r.agent_type)}`;

export const workflowAnalytics: CoordinationReaderSpec = {
  table: "workflow_analytics",
  mode: { kind: "mutable" },
  // the table's unique key: a day's aggregate keeps its identity when it is recomputed
  key: analyticsKey,
  // a day's figures are final once the day is over (UTC); until then they are left for later
  prepare: (rows) => {
    const today = new Date().toISOString().slice(0, 10);
    return rows.map((r) => ({ ...r, _day_closed: (dayOf(r.date) ?? "") < today }));
  },
  map(r, ctx) {
    const invalid: Json = {};
    const day = dayOf(r.date);
    if (day === undefined) {
      ctx.issue("unparseable date");
      invalid.date = r.date instanceof Date ? String(r.date) : r.date;
    }
    if (day !== undefined && r._day_closed !== true) return { events: [] };
    const when =
      day !== undefined ? new Date(`${day}T00:00:00Z`) : timeColumn(ctx, r.created_at, "created_at", invalid);
    if (when === undefined) return { events: [] };
    const labels = { date: day ?? null, workflow_type: str(r.workflow_type), agent_type: str(r.agent_type) };
    const measures = ANALYTICS_MEASURES.map(([column, unit]) => ({
      name: column,
      unit,
      value: amountColumn(ctx, r[column], column, invalid),
    }));
    const metadata = {
      ...extras(r, [
        "id",
        "date",
        "workflow_type",
        "agent_type",
        "created_at",
        "_day_closed",
        ...ANALYTICS_MEASURES.map(([c]) => c),
      ]),
      ...invalid,
    };
    const once: Mapped["events"] = [];
    for (const { name, unit, value } of measures) {
      if (value !== undefined)
        once.push({
          id: ctx.eventId("metric", name),
          type: "metric",
          timestamp: when.toISOString(),
          body: { name, value, unit, labels, metadata },
        });
    }
    return { events: [], once };
  },
};
