// Workflows, the agents that work on them and their assignments (seed 004): one session per
// workflow_mappings row, agents with workload from agent_configurations, a run per
// agent_assignments row (timed by its workflow_performance row) with its handoffs as messages,
// and workflow_templates as config.
import type { Row, SqlSource } from "../source";
import { boundedText, countColumn, sourceWord, timeColumn } from "../source-words";
import { bool, extras, int, latest, str } from "../sql-reader";
import type { Mapped } from "../types";
import {
  assignmentFor,
  assignmentRunId,
  known,
  plain,
  workflowIdOf,
  workflowOf,
  type CoordinationIndex,
  type CoordinationReaderSpec,
  type Json,
} from "./coordination-index";

export const WORKFLOW_STATUSES = ["active", "completed", "failed", "paused", "cancelled"] as const;
export const ASSIGNMENT_STATUSES = ["assigned", "started", "completed", "failed", "cancelled"] as const;
export const AGENT_STATUSES = ["active", "inactive", "busy", "error"] as const;

// ---- agents ---------------------------------------------------------------------------------

const AGENT_KNOWN = [
  "id",
  "agent_type",
  "agent_id",
  "configuration",
  "capabilities",
  "max_workload",
  "current_workload",
  "status",
  "last_heartbeat",
  "performance_metrics",
  "created_at",
  "updated_at",
];

export const agentConfigurations: CoordinationReaderSpec = {
  table: "agent_configurations",
  mode: { kind: "mutable" },
  key: (r) => str(r.id) ?? `${String(r.agent_type)}/${String(r.agent_id)}`,
  map(r, ctx) {
    const invalid: Json = {};
    const agentId = str(r.agent_id) ?? str(r.id);
    if (agentId === undefined) throw new Error("an agent configuration without agent_id");
    const heartbeat = timeColumn(ctx, r.last_heartbeat, "last_heartbeat", invalid);
    const created = timeColumn(ctx, r.created_at, "created_at", invalid);
    const updated = timeColumn(ctx, r.updated_at, "updated_at", invalid);
    return {
      events: [
        {
          id: ctx.eventId("agent"),
          type: "agent",
          timestamp: (latest(updated, heartbeat, created) ?? ctx.importedAt).toISOString(),
          body: {
            agentId,
            name: agentId,
            type: boundedText(r.agent_type),
            kind: "instance",
            status: sourceWord(ctx, r.status, "status", AGENT_STATUSES),
            capabilities: ctx.json(r.capabilities, "capabilities"),
            config: ctx.json(r.configuration, "configuration"),
            maxWorkload: countColumn(ctx, r.max_workload, "max_workload", invalid),
            currentWorkload: countColumn(ctx, r.current_workload, "current_workload", invalid),
            heartbeatAt: heartbeat?.toISOString(),
            metadata: {
              configuration_id: str(r.id),
              performance_metrics: ctx.json(r.performance_metrics, "performance_metrics"),
              ...extras(r, AGENT_KNOWN),
              ...invalid,
            },
          },
        },
      ],
    };
  },
};

// ---- workflows → sessions ------------------------------------------------------------------

const WORKFLOW_KNOWN = [
  "beads_issue_id",
  "tempolite_workflow_id",
  "workflow_type",
  "status",
  "priority",
  "metadata",
  "parent_workflow_id",
  "created_at",
  "updated_at",
  "completed_at",
];

/** Issue titles and descriptions from the issue store (when --beads is given) name the sessions. */
export type IssueTexts = () => Promise<Map<string, { title?: string; description?: string }>>;

export function workflowMappings(issueTexts: IssueTexts | undefined): CoordinationReaderSpec {
  return {
    table: "workflow_mappings",
    mode: { kind: "mutable" },
    key: (r) => str(r.beads_issue_id) ?? String(workflowIdOf(r)),
    async prepare(rows, index) {
      const texts = issueTexts ? await issueTexts() : new Map<string, { title?: string; description?: string }>();
      return rows.map((r) => {
        const parent = str(r.parent_workflow_id);
        // the DDL points at beads_issue_id; some rows name the parent's workflow id instead
        const resolved =
          parent === undefined
            ? undefined
            : (index.byIssue.get(parent) ?? (index.workflows.has(parent) ? parent : undefined));
        // a workflow is not its own parent
        const parentSession = resolved !== undefined && resolved !== workflowIdOf(r) ? resolved : null;
        const issue = texts.get(str(r.beads_issue_id) ?? "");
        return {
          ...r,
          _parent_session: parentSession,
          _issue_title: issue?.title ?? null,
          _issue_description: issue?.description ?? null,
        };
      });
    },
    map(r, ctx) {
      const invalid: Json = {};
      const sessionId = workflowIdOf(r);
      if (sessionId === undefined)
        throw new Error("a workflow mapping without tempolite_workflow_id or beads_issue_id");
      const created = timeColumn(ctx, r.created_at, "created_at", invalid);
      const updated = timeColumn(ctx, r.updated_at, "updated_at", invalid);
      const completed = timeColumn(ctx, r.completed_at, "completed_at", invalid);
      const parent = str(r.parent_workflow_id);
      if (parent !== undefined && r._parent_session === null)
        ctx.issue("parent_workflow_id without a workflow_mappings row");
      const meta = ctx.json(r.metadata, "metadata");
      const metaTitle =
        meta !== null && typeof meta === "object" && !Array.isArray(meta)
          ? boundedText((meta as Json).title)
          : undefined;
      const issueId = str(r.beads_issue_id);
      const type = str(r.workflow_type);
      return {
        events: [
          {
            id: ctx.eventId("session"),
            type: "session",
            timestamp: (latest(updated, completed, created) ?? ctx.importedAt).toISOString(),
            body: {
              sessionId,
              source: "beads",
              title: boundedText(r._issue_title) ?? metaTitle ?? `${type ?? "workflow"} ${issueId ?? sessionId}`,
              mission: str(r._issue_description),
              kind: boundedText(type),
              status: sourceWord(ctx, r.status, "status", WORKFLOW_STATUSES) ?? "active",
              priority: countColumn(ctx, r.priority, "priority", invalid),
              parentSessionId: str(r._parent_session),
              startedAt: created?.toISOString(),
              endedAt: completed?.toISOString(),
              metadata: {
                beads_issue_id: issueId,
                tempolite_workflow_id: str(r.tempolite_workflow_id),
                ...(parent !== undefined ? { parent_workflow_id: parent } : {}),
                ...(meta !== undefined ? { metadata: meta } : {}),
                ...extras(r, [...WORKFLOW_KNOWN, "_parent_session", "_issue_title", "_issue_description"]),
                ...invalid,
              },
            },
          },
        ],
      };
    },
  };
}

// ---- assignments → runs and handoff messages -------------------------------------------------

const ASSIGNMENT_KNOWN = [
  "id",
  "workflow_id",
  "agent_type",
  "agent_id",
  "step_number",
  "step_name",
  "assigned_at",
  "started_at",
  "completed_at",
  "status",
  "handoff_from",
  "handoff_to",
];

function prepareAssignments(rows: Row[], index: CoordinationIndex, performance: Row[]): Row[] {
  // each performance row times one assignment; with retries, the latest one wins
  const timing = new Map<string, Row>();
  for (const perf of [...performance].sort((a, b) => (int(a.id) ?? 0) - (int(b.id) ?? 0))) {
    const assignment = assignmentFor(index, perf);
    if (assignment) timing.set(String(assignment.id), perf);
  }
  return known(index)(rows).map((r) => {
    const from = str(r.handoff_from);
    // a handoff both sides record (A.handoff_to = B, B.handoff_from = A) is one message, A's
    const senderRecorded =
      from !== undefined &&
      index.assignments.some(
        (a) =>
          str(a.workflow_id) === str(r.workflow_id) &&
          str(a.agent_id) === from &&
          str(a.handoff_to) === str(r.agent_id),
      );
    const perf = timing.get(String(r.id));
    return { ...r, _performance: perf ? plain(perf) : null, _handoff_from_recorded: senderRecorded };
  });
}

export function assignments(source: SqlSource, tables: readonly string[]): CoordinationReaderSpec {
  return {
    table: "agent_assignments",
    mode: { kind: "mutable" },
    key: (r) => String(r.id),
    async prepare(rows, index) {
      const performance = tables.includes("workflow_performance")
        ? await source.all("SELECT * FROM workflow_performance")
        : [];
      return prepareAssignments(rows, index, performance);
    },
    map(r, ctx) {
      const invalid: Json = {};
      const sessionId = workflowOf(r, ctx);
      const runId = assignmentRunId(r);
      const assigned = timeColumn(ctx, r.assigned_at, "assigned_at", invalid);
      const started = timeColumn(ctx, r.started_at, "started_at", invalid);
      const completed = timeColumn(ctx, r.completed_at, "completed_at", invalid);
      const perf = (r._performance ?? undefined) as Row | undefined;
      // the performance row measures the step's execution: it times the run when present
      const perfStart = perf ? ctx.optionalTime(perf.start_time, "workflow_performance.start_time") : undefined;
      const perfDuration = perf ? int(perf.duration_ms) : undefined;
      const perfEnd =
        perfStart && perfDuration !== undefined
          ? new Date(perfStart.getTime() + perfDuration)
          : perf
            ? ctx.optionalTime(perf.end_time, "workflow_performance.end_time")
            : undefined;
      const startedAt = perfStart ?? started ?? assigned;
      const endedAt = perfStart ? perfEnd : completed;
      const agentId = str(r.agent_id);
      const agentType = boundedText(r.agent_type) ?? "unknown";
      const events: Mapped["events"] = [
        {
          id: ctx.eventId("run"),
          type: "run",
          timestamp: (latest(completed, started, assigned, perfEnd) ?? ctx.importedAt).toISOString(),
          body: {
            runId,
            sessionId,
            agentType,
            agentId,
            status: sourceWord(ctx, r.status, "status", ASSIGNMENT_STATUSES) ?? "assigned",
            step: countColumn(ctx, r.step_number, "step_number", invalid),
            stepName: boundedText(r.step_name),
            startedAt: startedAt?.toISOString(),
            endedAt: endedAt?.toISOString(),
            error: perf ? str(perf.error_message) : undefined,
            metadata: {
              assignment_id: int(r.id) ?? str(r.id),
              assigned_at: assigned?.toISOString(),
              started_at: started?.toISOString(),
              completed_at: completed?.toISOString(),
              handoff_from: str(r.handoff_from),
              handoff_to: str(r.handoff_to),
              ...(perf
                ? {
                    performance_id: int(perf.id) ?? str(perf.id),
                    duration_ms: perfDuration,
                    success: bool(perf.success),
                  }
                : {}),
              ...extras(r, [...ASSIGNMENT_KNOWN, "_performance", "_handoff_from_recorded", "_known_workflow"]),
              ...invalid,
            },
          },
        },
      ];
      const handoff = (from: string, to: string, direction: "to" | "from", when: Date | undefined) =>
        events.push({
          id: ctx.eventId("handoff", direction),
          type: "message",
          timestamp: (when ?? ctx.importedAt).toISOString(),
          body: {
            messageId: `${runId}:handoff-${direction}`,
            sessionId,
            from,
            to,
            kind: "handoff",
            content: `Handoff from ${from} to ${to}${r.step_name ? ` (${String(r.step_name)})` : ""}`,
            context: {
              workflow_id: sessionId,
              assignment_id: int(r.id) ?? str(r.id),
              step_number: int(r.step_number),
              step_name: str(r.step_name),
            },
          },
        });
      const to = boundedText(r.handoff_to);
      const from = boundedText(r.handoff_from);
      if (to && agentId) handoff(agentId, to, "to", completed ?? started ?? assigned);
      if (from && agentId && r._handoff_from_recorded !== true) handoff(from, agentId, "from", assigned ?? started);
      return { events };
    },
  };
}

// ---- templates → config ----------------------------------------------------------------------

export const workflowTemplates: CoordinationReaderSpec = {
  table: "workflow_templates",
  mode: { kind: "mutable" },
  key: (r) => str(r.id) ?? String(r.name),
  map(r, ctx) {
    const value: Json = {};
    for (const [k, v] of Object.entries(plain(r))) {
      if (v === null || v === undefined) continue;
      value[k] = ["template_def", "agent_sequence", "variables"].includes(k)
        ? ctx.json(v, k)
        : k === "is_active"
          ? bool(v)
          : v;
    }
    return { events: [], configs: [{ key: `workflow_template:${str(r.name) ?? String(r.id)}`, value }] };
  },
};
