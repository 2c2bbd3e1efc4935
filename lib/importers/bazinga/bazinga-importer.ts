// BAZINGA (seed 000, bazinga.db). Newer versions add columns (log_type, reasoning_phase,
// event_subtype, event_payload, group_id) and tables (development_plans, success_criteria,
// context_packages); extra columns go to metadata, extra session-scoped tables to artifacts.
import { ImportError } from "../import-error";
import { detectSystem } from "../detect";
import { openSqlSource, type Row } from "../source";
import { extras, int, latest, presentReaders, sqlReader, str, type SqlReaderSpec } from "../sql-reader";
import type { Importer, MapContext } from "../types";

/** Real deployments spell some agent types two ways; analytics want one. */
const AGENT_TYPE_ALIASES: Record<string, string> = { project_manager: "pm", techlead: "tech_lead", qa: "qa_expert" };

export function bazingaAgentType(value: unknown): string | undefined {
  const s = str(value)?.trim();
  if (!s) return undefined;
  return AGENT_TYPE_ALIASES[s.toLowerCase()] ?? s.toLowerCase();
}

const KNOWN_TABLES = ["sessions", "orchestration_logs", "state_snapshots", "task_groups", "token_usage", "skill_outputs", "decisions", "configuration"];

function sessionId(row: Row, ctx: MapContext): string {
  const id = str(row.session_id);
  if (!id) {
    ctx.issue("missing session_id");
    return "unknown-session";
  }
  return id;
}

const specs: SqlReaderSpec[] = [
  {
    table: "sessions",
    mode: { kind: "mutable" },
    key: (r) => String(r.session_id),
    map(r, ctx) {
      const startedAt = ctx.optionalTime(r.start_time, "start_time") ?? ctx.optionalTime(r.created_at, "created_at");
      const endedAt = ctx.optionalTime(r.end_time, "end_time");
      const at = latest(startedAt, endedAt, ctx.optionalTime(r.created_at, "created_at")) ?? ctx.importedAt;
      return {
        events: [
          {
            id: ctx.eventId("session"),
            type: "session",
            timestamp: at.toISOString(),
            body: {
              sessionId: String(r.session_id),
              source: "bazinga",
              mode: str(r.mode),
              mission: str(r.original_requirements),
              status: str(r.status) ?? "active",
              startedAt: startedAt?.toISOString(),
              endedAt: endedAt?.toISOString(),
              metadata: extras(r, ["session_id", "start_time", "end_time", "mode", "original_requirements", "status"]),
            },
          },
        ],
      };
    },
  },
  {
    table: "orchestration_logs",
    mode: { kind: "append", column: "id" },
    key: (r) => String(r.id),
    map(r, ctx) {
      const agentType = bazingaAgentType(r.agent_type);
      const payload = ctx.json(r.event_payload, "event_payload");
      const meta = extras(r, ["id", "session_id", "timestamp", "iteration", "agent_type", "agent_id", "content", "event_payload", "log_type", "event_subtype"]);
      if (agentType && str(r.agent_type)?.toLowerCase() !== agentType) meta.sourceAgentType = str(r.agent_type);
      return {
        events: [
          {
            id: ctx.eventId("log"),
            type: "log",
            timestamp: ctx.time(r.timestamp, "timestamp").toISOString(),
            body: {
              sessionId: sessionId(r, ctx),
              iteration: int(r.iteration),
              agentType,
              agentId: str(r.agent_id),
              kind: str(r.event_subtype) ?? str(r.log_type) ?? "interaction",
              component: "orchestrator",
              message: str(r.content) ?? "",
              details: payload,
              metadata: meta,
            },
          },
        ],
      };
    },
  },
  {
    table: "state_snapshots",
    mode: { kind: "append", column: "id" },
    key: (r) => String(r.id),
    map(r, ctx) {
      return {
        events: [
          {
            id: ctx.eventId("state"),
            type: "state",
            timestamp: ctx.time(r.timestamp, "timestamp").toISOString(),
            body: {
              sessionId: sessionId(r, ctx),
              kind: str(r.state_type) ?? "state",
              data: ctx.json(r.state_data, "state_data") ?? {},
              metadata: extras(r, ["id", "session_id", "timestamp", "state_type", "state_data"]),
            },
          },
        ],
      };
    },
  },
  {
    table: "task_groups",
    mode: { kind: "mutable" },
    // group ids repeat across sessions in newer versions (composite keys)
    key: (r) => `${String(r.session_id)}/${String(r.id)}`,
    map(r, ctx) {
      const at = latest(ctx.optionalTime(r.updated_at, "updated_at"), ctx.optionalTime(r.created_at, "created_at")) ?? ctx.importedAt;
      const sid = sessionId(r, ctx);
      return {
        events: [
          {
            id: ctx.eventId("task"),
            type: "task",
            timestamp: at.toISOString(),
            body: {
              taskId: `${sid}/${String(r.id)}`,
              sessionId: sid,
              name: str(r.name) ?? String(r.id),
              kind: "task_group",
              status: str(r.status),
              assignee: str(r.assigned_to),
              revisionCount: int(r.revision_count),
              reviewStatus: str(r.last_review_status),
              metadata: { groupId: String(r.id), ...extras(r, ["id", "session_id", "name", "status", "assigned_to", "revision_count", "last_review_status", "updated_at"]) },
            },
          },
        ],
      };
    },
  },
  {
    table: "token_usage",
    mode: { kind: "append", column: "id" },
    key: (r) => String(r.id),
    map(r, ctx) {
      const at = ctx.time(r.timestamp, "timestamp");
      const tokens = int(r.tokens_estimated);
      if (tokens === undefined) ctx.issue("invalid tokens_estimated");
      return {
        events: [
          {
            id: ctx.eventId("usage"),
            type: "llm_call",
            timestamp: at.toISOString(),
            body: {
              callId: ctx.eventId("call"),
              sessionId: sessionId(r, ctx),
              agentType: bazingaAgentType(r.agent_type),
              agentId: str(r.agent_id),
              totalTokens: tokens ?? 0,
              estimated: true,
              model: str(r.model),
              startedAt: at.toISOString(),
              metadata: extras(r, ["id", "session_id", "timestamp", "agent_type", "agent_id", "tokens_estimated", "model"]),
            },
          },
        ],
      };
    },
  },
  {
    table: "skill_outputs",
    mode: { kind: "append", column: "id" },
    key: (r) => String(r.id),
    map(r, ctx) {
      return {
        events: [
          {
            id: ctx.eventId("artifact"),
            type: "artifact",
            timestamp: ctx.time(r.timestamp, "timestamp").toISOString(),
            body: {
              artifactId: ctx.eventId("artifact"),
              sessionId: sessionId(r, ctx),
              type: "skill_output",
              name: str(r.skill_name) ?? "skill",
              data: ctx.json(r.output_data, "output_data"),
              metadata: extras(r, ["id", "session_id", "timestamp", "skill_name", "output_data"]),
            },
          },
        ],
      };
    },
  },
  {
    table: "decisions",
    mode: { kind: "append", column: "id" },
    key: (r) => String(r.id),
    map(r, ctx) {
      return {
        events: [
          {
            id: ctx.eventId("decision"),
            type: "decision",
            timestamp: ctx.time(r.timestamp, "timestamp").toISOString(),
            body: {
              sessionId: sessionId(r, ctx),
              iteration: int(r.iteration),
              decisionType: str(r.decision_type) ?? "unknown",
              data: ctx.json(r.decision_data, "decision_data") ?? {},
              metadata: extras(r, ["id", "session_id", "timestamp", "iteration", "decision_type", "decision_data"]),
            },
          },
        ],
      };
    },
  },
  {
    table: "configuration",
    mode: { kind: "mutable" },
    key: (r) => String(r.key),
    map(r, ctx) {
      return { events: [], configs: [{ key: String(r.key), value: ctx.json(r.value, "value") ?? null }] };
    },
  },
];

/** Tables a newer BAZINGA adds (development_plans, success_criteria, …): kept as artifacts. */
function extraTableSpec(table: string, columns: string[]): SqlReaderSpec {
  const keyColumns = columns.includes("id") ? ["id"] : columns.filter((c) => c !== "session_id");
  return {
    table,
    mode: { kind: "mutable" },
    key: (r) => `${String(r.session_id)}/${keyColumns.map((c) => String(r[c])).join("/")}`,
    map(r, ctx) {
      const at = latest(...["updated_at", "created_at", "timestamp"].map((c) => (r[c] !== undefined ? ctx.optionalTime(r[c], c) : undefined))) ?? ctx.importedAt;
      return {
        events: [
          {
            id: ctx.eventId("artifact"),
            type: "artifact",
            timestamp: at.toISOString(),
            body: {
              artifactId: ctx.eventId("artifact"),
              sessionId: sessionId(r, ctx),
              type: table.replace(/s$/, ""),
              name: str(r.name) ?? str(r.title) ?? table,
              data: Object.fromEntries(Object.entries(extras(r, ["session_id"])).map(([k, v]) => [k, typeof v === "string" && /^[[{]/.test(v.trim()) ? ctx.json(v, k) : v])),
            },
          },
        ],
      };
    },
  };
}

export const bazingaImporter: Importer = {
  system: "bazinga",
  async open(location) {
    const source = await openSqlSource(location);
    try {
      const tables = await source.tables();
      const detected = detectSystem(tables);
      if (detected !== "bazinga") {
        throw new ImportError(
          detected
            ? `${location} looks like a ${detected} database (tables: ${tables.slice(0, 6).join(", ")}), not bazinga`
            : `${location} is not a BAZINGA database: it has no sessions and orchestration_logs tables`,
        );
      }
      const readers = await presentReaders(source, specs);
      for (const table of tables.filter((t) => !KNOWN_TABLES.includes(t) && !t.startsWith("sqlite_"))) {
        const columns = await source.columns(table);
        if (columns.includes("session_id")) readers.push(sqlReader(source, extraTableSpec(table, columns)));
      }
      return { readers, close: () => source.close() };
    } catch (error) {
      await source.close();
      throw error;
    }
  },
};
