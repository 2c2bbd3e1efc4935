// TAC Bootstrap (seed 001, orchestrator.db): orchestrator_agents are agent definitions;
// agents are runs, in sessions by session_id, with the parent tree and their reported cost;
// prompts are LLM calls; agent_logs are run events; system_logs are project-level events.
// TAC has no sessions table: one session per distinct agents.session_id is derived from its
// agents (see `sessionStatus`). Older databases lack columns and tables; those are skipped.
// Bad values are imported as well as they can be; the raw value goes to metadata.
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { normalizeStatus } from "@/lib/ingest/status";
import { detectSystem } from "../detect";
import { ImportError } from "../import-error";
import { parseSourceTime } from "../map-context";
import { joinedColumns, queryReader, selectColumn } from "../query-reader";
import { recordTime } from "../record-time";
import { openSqlSource, quoteIdent, type Row, type SqlSource } from "../source";
import { amountColumn, boundedText, countColumn, sourceWord, timeColumn } from "../source-words";
import { extras, int, latest, sqlReader, str, unmappedTableReaders } from "../sql-reader";
import type { Importer, Mapped, TableReader } from "../types";
import { capabilityList, chatMessage, textOrJson } from "./tac-columns";
import { isTacPostgresModel, openTacPostgresModel } from "./tac-postgres-model";
import {
  TAC_AGENT_TYPES,
  TAC_IGNORED_TABLES,
  TAC_LOG_LEVELS,
  TAC_LOG_TYPES,
  TAC_PROMPT_TYPES,
  TAC_STATUSES,
  TAC_TABLES,
  tacStatus,
} from "./tac-vocabulary";

const AGENT_TYPES = TAC_AGENT_TYPES;
const AGENT_STATUSES = Object.keys(TAC_STATUSES.sqliteAgent);
const PROMPT_STATUSES = Object.keys(TAC_STATUSES.sqlitePrompt);
const PROMPT_TYPES = TAC_PROMPT_TYPES;
const LOG_LEVELS = TAC_LOG_LEVELS;
const LOG_TYPES = TAC_LOG_TYPES;

/** Session of agents (and their prompts) that name none, or whose agent is gone. */
export const TAC_UNKNOWN_SESSION = "unknown-session";

/** Where TAC keeps its database by default, relative to the project folder. */
const DEFAULT_DB = path.join("adws", "schema", "orchestrator.db");
/** Where the real code keeps it (config.yml orchestrator.database_url, adw_db_bridge.py). */
const REAL_DB = path.join("data", "orchestrator.db");

/** A database file, or a TAC project folder holding data/ or adws/schema/orchestrator.db. */
function resolveLocation(location: string): string {
  if (!existsSync(location) || !statSync(location).isDirectory()) return location;
  const candidate = [REAL_DB, DEFAULT_DB, "orchestrator.db"]
    .map((f) => path.join(location, f))
    .find((f) => existsSync(f));
  if (!candidate)
    throw new ImportError(
      `${location} is a folder without ${DEFAULT_DB} (or ${REAL_DB}); give the orchestrator.db file`,
    );
  return candidate;
}

function own(row: Row, known: readonly string[]): Record<string, unknown> {
  return extras(row, [...known, ...joinedColumns(row)]);
}

// --- sessions, derived from agents -------------------------------------------------------

type AgentSummary = {
  id: string;
  parent?: string;
  status?: string;
  started?: string;
  created?: string;
  completed?: string;
};

const ACTIVE = new Set(["pending", "running", "awaiting_approval"]);

/**
 * A session's status from its agents: running while any agent is active (or in a state we do
 * not know, as its run is); otherwise the outcome of its root agents (failed if one failed,
 * cancelled if all were, else completed).
 */
export function sessionStatus(agents: readonly AgentSummary[]): string {
  const active = (a: AgentSummary) => {
    if (a.status === undefined) return false;
    const s = normalizeStatus(a.status);
    return s === undefined || ACTIVE.has(s);
  };
  if (agents.some(active)) return "running";
  const ids = new Set(agents.map((a) => a.id));
  const roots = agents.filter((a) => !a.parent || !ids.has(a.parent)).map((a) => normalizeStatus(a.status));
  if (roots.includes("failed")) return "failed";
  if (roots.length > 0 && roots.every((s) => s === "cancelled")) return "cancelled";
  return "completed";
}

/** The agents of each session_id, in id order. */
async function agentsBySession(
  source: SqlSource,
  agentColumns: readonly string[],
): Promise<Map<string, AgentSummary[]>> {
  const pick = (name: string) => selectColumn(agentColumns, "a", name, quoteIdent(name));
  const rows = await source.all(
    `SELECT a.id AS id, ${["session_id", "parent_agent_id", "status", "started_at", "completed_at", "created_at"].map(pick).join(", ")} FROM agents a ORDER BY a.id`,
  );
  const sessions = new Map<string, AgentSummary[]>();
  for (const r of rows) {
    const sid = str(r.session_id);
    if (!sid) continue;
    const list = sessions.get(sid) ?? [];
    list.push({
      id: String(r.id),
      parent: str(r.parent_agent_id),
      status: str(r.status),
      started: str(r.started_at),
      created: str(r.created_at),
      completed: str(r.completed_at),
    });
    sessions.set(sid, list);
  }
  return sessions;
}

/**
 * The session of a workflow row: its agents name the ADW id as session_id, which the bridge
 * also writes as the row's id and adw_name (INSERT OR REPLACE keyed by it).
 */
function workflowSessionId(w: Row, sessions: ReadonlyMap<string, unknown>): string {
  const id = String(w.id);
  const name = str(w.adw_name);
  return !sessions.has(id) && name && sessions.has(name) ? name : id;
}

/** Sessions derived from agents, for ADW ids that have no ai_developer_workflows row. */
function sessionsReader(source: SqlSource, agentColumns: readonly string[], hasWorkflows: boolean): TableReader {
  return {
    table: "sessions",
    mode: { kind: "mutable" },
    key: (r) => String(r.session_id),
    async read() {
      const sessions = await agentsBySession(source, agentColumns);
      if (hasWorkflows) {
        for (const w of await source.all("SELECT id, adw_name FROM ai_developer_workflows"))
          sessions.delete(workflowSessionId(w, sessions));
      }
      return [...sessions].map(([session_id, agents]) => ({ session_id, agents }));
    },
    map(r, ctx) {
      const agents = r.agents as AgentSummary[];
      // the agents reader reports unparseable times; here they are just left out
      const starts = agents
        .map((a) => parseSourceTime(a.started) ?? parseSourceTime(a.created))
        .filter((d): d is Date => d !== undefined);
      const ends = agents.map((a) => parseSourceTime(a.completed)).filter((d): d is Date => d !== undefined);
      const startedAt = starts.sort((a, b) => a.getTime() - b.getTime())[0];
      const lastEnd = latest(...ends);
      const status = sessionStatus(agents);
      const counts: Record<string, number> = {};
      for (const a of agents) counts[a.status ?? "unknown"] = (counts[a.status ?? "unknown"] ?? 0) + 1;
      const at = latest(...starts, ...ends) ?? ctx.importedAt;
      return {
        events: [
          {
            id: ctx.eventId("session"),
            type: "session",
            timestamp: at.toISOString(),
            body: {
              sessionId: String(r.session_id),
              source: "tac",
              status,
              startedAt: startedAt?.toISOString(),
              endedAt: status === "running" ? undefined : lastEnd?.toISOString(),
              metadata: { derivedFrom: "agents", agentCount: agents.length, agentStatuses: counts },
            },
          },
        ],
      };
    },
  };
}

/**
 * ai_developer_workflows: one session per ADW id, with the workflow's own status (kept raw:
 * a workflow whose phase failed stays in_progress, see TAC_STATUSES.workflow), steps and
 * times; its agents' outcome is kept beside it in metadata.
 */
function workflowsReader(source: SqlSource, agentColumns: readonly string[]): TableReader {
  return {
    table: "ai_developer_workflows",
    mode: { kind: "mutable" },
    key: (r) => String(r.id),
    async read() {
      const sessions = await agentsBySession(source, agentColumns);
      const rows = await source.all("SELECT * FROM ai_developer_workflows ORDER BY id");
      // the agents go into the row, so a change to one re-applies the session
      return rows.map((w) => {
        const sessionId = workflowSessionId(w, sessions);
        return { ...w, _session_id: sessionId, _agents: sessions.get(sessionId) ?? [] };
      });
    },
    map(r, ctx) {
      const meta = own(r, [
        "id",
        "adw_name",
        "workflow_type",
        "description",
        "status",
        "current_step",
        "total_steps",
        "completed_steps",
        "started_at",
        "completed_at",
        "created_at",
        "updated_at",
        "metadata",
        "input_data",
        "output_data",
        "error_message",
        "error_step",
        "error_count",
        "duration_seconds",
      ]);
      const agents = r._agents as AgentSummary[];
      const word = str(r.status);
      const mapped = tacStatus("workflow", word);
      if (word && !mapped) sourceWord(ctx, word, "status", []);
      const createdAt = timeColumn(ctx, r.created_at, "created_at", meta);
      const startedAt = timeColumn(ctx, r.started_at, "started_at", meta) ?? createdAt;
      const endedAt = timeColumn(ctx, r.completed_at, "completed_at", meta);
      const updatedAt = timeColumn(ctx, r.updated_at, "updated_at", meta);
      const at = latest(updatedAt, endedAt, startedAt, createdAt) ?? ctx.importedAt;
      const counts: Record<string, number> = {};
      for (const a of agents) counts[a.status ?? "unknown"] = (counts[a.status ?? "unknown"] ?? 0) + 1;
      const extra = textOrJson(ctx, r.metadata, "metadata");
      return {
        events: [
          {
            id: ctx.eventId("session"),
            type: "session",
            timestamp: at.toISOString(),
            body: {
              sessionId: String(r._session_id),
              source: "tac",
              kind: "adw",
              title: boundedText([str(r.workflow_type), str(r.adw_name)].filter(Boolean).join(" ")),
              mission: str(r.description),
              status: mapped?.status ?? word,
              sourceStatus: word,
              phase: boundedText(r.current_step),
              startedAt: startedAt?.toISOString(),
              endedAt: endedAt?.toISOString(),
              metadata: {
                ...meta,
                workflowId: String(r.id),
                adwName: str(r.adw_name),
                workflowType: str(r.workflow_type),
                totalSteps: int(r.total_steps),
                completedSteps: int(r.completed_steps),
                durationSeconds: int(r.duration_seconds),
                errorMessage: str(r.error_message),
                errorStep: str(r.error_step),
                errorCount: int(r.error_count),
                inputData: textOrJson(ctx, r.input_data, "input_data"),
                outputData: textOrJson(ctx, r.output_data, "output_data"),
                ...(extra !== undefined ? { workflowMetadata: extra } : {}),
                agentCount: agents.length,
                agentStatuses: counts,
                // what the agents say, beside what the workflow row says
                ...(agents.length > 0 ? { statusFromAgents: sessionStatus(agents) } : {}),
              },
            },
          },
        ],
      };
    },
  };
}

/** orchestrator_chat (no writer in the last SQLite version): messages of the agent's session. */
function chatReader(source: SqlSource): TableReader {
  return queryReader(source, {
    label: "orchestrator_chat",
    mode: { kind: "mutable" },
    select:
      "SELECT c.*, a.session_id AS _session_id, o.name AS _orchestrator_name FROM orchestrator_chat c LEFT JOIN agents a ON a.id = c.agent_id LEFT JOIN orchestrator_agents o ON o.id = c.orchestrator_agent_id",
    orderBy: "c.created_at, c.id",
    key: (r) => String(r.id),
    map(r, ctx) {
      const meta = own(r, [
        "id",
        "orchestrator_agent_id",
        "sender_type",
        "receiver_type",
        "message",
        "summary",
        "agent_id",
        "metadata",
        "created_at",
        "updated_at",
      ]);
      const at = recordTime(ctx, r.created_at, "created_at", meta);
      const agentSession = str(r._session_id);
      // a chat with the orchestrator itself has no ADW session: it is the orchestrator's chat
      const sessionId = agentSession ?? `chat:${String(r.orchestrator_agent_id)}`;
      const events: Mapped["events"] = [];
      if (!agentSession) {
        events.push({
          id: ctx.eventId("chat-session"),
          type: "session",
          timestamp: at.toISOString(),
          // TAC keeps no status for a chat: unknown, never a made-up running
          body: {
            sessionId,
            source: "tac",
            kind: "chat",
            title: `Chat with ${str(r._orchestrator_name) ?? String(r.orchestrator_agent_id)}`,
            status: "unknown",
          },
        });
      }
      events.push(chatMessage(ctx, r, sessionId, at, meta));
      return { events };
    },
  });
}

// --- readers ------------------------------------------------------------------------------

function definitionsReader(source: SqlSource): TableReader {
  return sqlReader(source, {
    table: "orchestrator_agents",
    mode: { kind: "mutable" },
    key: (r) => String(r.id),
    map(r, ctx) {
      const meta = extras(r, ["id", "name", "agent_type", "default_model", "capabilities"]);
      const type = sourceWord(ctx, r.agent_type, "agent_type", AGENT_TYPES);
      const at =
        latest(timeColumn(ctx, r.updated_at, "updated_at", meta), timeColumn(ctx, r.created_at, "created_at", meta)) ??
        ctx.importedAt;
      return {
        events: [
          {
            id: ctx.eventId("agent"),
            type: "agent",
            timestamp: at.toISOString(),
            body: {
              agentId: String(r.id),
              kind: "definition",
              name: boundedText(r.name) ?? String(r.id),
              type,
              model: boundedText(r.default_model),
              capabilities: capabilityList(ctx, r.capabilities),
              metadata: meta,
            },
          },
        ],
      };
    },
  });
}

function runsReader(
  source: SqlSource,
  agentColumns: readonly string[],
  definitionColumns: readonly string[],
): TableReader {
  const hasParent = agentColumns.includes("parent_agent_id");
  return queryReader(source, {
    label: "agents",
    mode: { kind: "mutable" },
    select:
      `SELECT a.*, o.id AS _def_id, ${selectColumn(definitionColumns, "o", "agent_type", "_def_type")}, ${selectColumn(definitionColumns, "o", "name", "_def_name")}, ` +
      `${selectColumn(definitionColumns, "o", "default_model", "_def_model")}, ${hasParent ? "p.id" : "NULL"} AS _parent_id ` +
      `FROM agents a LEFT JOIN orchestrator_agents o ON o.id = a.orchestrator_agent_id` +
      (hasParent ? " LEFT JOIN agents p ON p.id = a.parent_agent_id" : ""),
    orderBy: "a.id",
    key: (r) => String(r.id),
    map(r, ctx) {
      const meta = own(r, [
        "id",
        "orchestrator_agent_id",
        "session_id",
        "parent_agent_id",
        "status",
        "context",
        "config",
        "started_at",
        "completed_at",
        "created_at",
        "cost_usd",
        "error_message",
      ]);
      const sessionId = str(r.session_id);
      if (!sessionId) ctx.issue("missing session_id");
      const definition = str(r._def_id);
      if (!definition && str(r.orchestrator_agent_id)) {
        ctx.issue("dangling orchestrator_agent_id");
        meta.orchestratorAgentId = str(r.orchestrator_agent_id);
      }
      const parent = str(r.parent_agent_id);
      if (parent && !str(r._parent_id)) {
        ctx.issue("dangling parent_agent_id");
        meta.parentAgentId = parent;
      }
      const status = sourceWord(ctx, r.status, "status", AGENT_STATUSES);
      if (!status) ctx.issue("missing status");
      const context = textOrJson(ctx, r.context, "context");
      const config = textOrJson(ctx, r.config, "config");
      const configModel =
        config && typeof config === "object" && !Array.isArray(config) ? boundedText((config as Row).model) : undefined;
      const createdAt = timeColumn(ctx, r.created_at, "created_at", meta);
      const startedAt = timeColumn(ctx, r.started_at, "started_at", meta) ?? createdAt;
      const endedAt = timeColumn(ctx, r.completed_at, "completed_at", meta);
      const at = latest(startedAt, endedAt, createdAt) ?? ctx.importedAt;
      return {
        events: [
          {
            id: ctx.eventId("run"),
            type: "run",
            timestamp: at.toISOString(),
            body: {
              runId: String(r.id),
              sessionId: sessionId ?? TAC_UNKNOWN_SESSION,
              agentType: str(r._def_type) ?? "unknown",
              agentId: definition,
              parentRunId: str(r._parent_id),
              // TAC's word through its vocabulary; a word it does not write goes to the shared rules
              status: tacStatus("sqliteAgent", status)?.status ?? status ?? "initializing",
              sourceStatus: status,
              startedAt: startedAt?.toISOString(),
              endedAt: endedAt?.toISOString(),
              error: str(r.error_message),
              model: configModel ?? boundedText(r._def_model),
              reportedCostUsd: amountColumn(ctx, r.cost_usd, "cost_usd", meta),
              metadata: {
                ...meta,
                ...(str(r._def_name) ? { agentName: str(r._def_name) } : {}),
                ...(context !== undefined ? { context } : {}),
                ...(config !== undefined ? { config } : {}),
              },
            },
          },
        ],
      };
    },
  });
}

function llmCallsReader(
  source: SqlSource,
  agentColumns: readonly string[],
  definitionColumns: readonly string[],
): TableReader {
  return queryReader(source, {
    label: "prompts",
    mode: { kind: "mutable" },
    select:
      `SELECT p.*, a.id AS _agent_id, a.session_id AS _session_id, o.id AS _def_id, ${selectColumn(definitionColumns, "o", "agent_type", "_agent_type")}, ` +
      `${selectColumn(agentColumns, "a", "started_at", "_agent_started")} ` +
      "FROM prompts p LEFT JOIN agents a ON a.id = p.agent_id LEFT JOIN orchestrator_agents o ON o.id = a.orchestrator_agent_id",
    orderBy: "p.id",
    key: (r) => String(r.id),
    map(r, ctx) {
      const meta = own(r, [
        "id",
        "agent_id",
        "prompt_type",
        "prompt_name",
        "prompt_text",
        "response_text",
        "status",
        "model_used",
        "tokens_input",
        "tokens_output",
        "cost_usd",
        "latency_ms",
        "created_at",
        "completed_at",
        "error_message",
      ]);
      const agent = str(r._agent_id);
      if (!agent) {
        ctx.issue(str(r.agent_id) ? "dangling agent_id" : "missing agent_id");
        if (str(r.agent_id)) meta.agentId = str(r.agent_id);
      }
      const startedAt = timeColumn(ctx, r.created_at, "created_at", meta);
      const endedAt = timeColumn(ctx, r.completed_at, "completed_at", meta);
      const at = latest(startedAt, endedAt) ?? parseSourceTime(r._agent_started) ?? ctx.importedAt;
      const status = sourceWord(ctx, r.status, "status", PROMPT_STATUSES);
      const reportedCost = amountColumn(ctx, r.cost_usd, "cost_usd", meta);
      // cost_usd defaults to 0.0: a prompt still waiting for its response has not reported one
      const unfinished = ["pending", "running"].includes(tacStatus("sqlitePrompt", status)?.status ?? "");
      const costUsd = unfinished && !reportedCost ? undefined : reportedCost;
      return {
        events: [
          {
            id: ctx.eventId("llm_call"),
            type: "llm_call",
            timestamp: at.toISOString(),
            body: {
              callId: String(r.id),
              sessionId: str(r._session_id) ?? TAC_UNKNOWN_SESSION,
              runId: agent,
              agentType: str(r._agent_type),
              agentId: str(r._def_id),
              model: boundedText(r.model_used),
              promptType: sourceWord(ctx, r.prompt_type, "prompt_type", PROMPT_TYPES),
              promptName: boundedText(r.prompt_name),
              inputTokens: countColumn(ctx, r.tokens_input, "tokens_input", meta),
              outputTokens: countColumn(ctx, r.tokens_output, "tokens_output", meta),
              // a reported cost wins; without one the pipeline computes it from the price list
              costUsd,
              latencyMs: countColumn(ctx, r.latency_ms, "latency_ms", meta),
              status,
              prompt: str(r.prompt_text),
              response: str(r.response_text),
              startedAt: startedAt?.toISOString(),
              endedAt: endedAt?.toISOString(),
              error: str(r.error_message),
              metadata: meta,
            },
          },
        ],
      };
    },
  });
}

function agentLogsReader(source: SqlSource, definitionColumns: readonly string[]): TableReader {
  return queryReader(source, {
    label: "agent_logs",
    mode: { kind: "append", column: "id" },
    select:
      `SELECT l.*, a.id AS _agent_id, a.session_id AS _session_id, o.id AS _def_id, ${selectColumn(definitionColumns, "o", "agent_type", "_agent_type")} ` +
      "FROM agent_logs l LEFT JOIN agents a ON a.id = l.agent_id LEFT JOIN orchestrator_agents o ON o.id = a.orchestrator_agent_id",
    watermark: "l.id",
    orderBy: "l.id",
    key: (r) => String(r.id),
    map(r, ctx) {
      const meta = own(r, ["id", "agent_id", "log_level", "log_type", "message", "details", "created_at"]);
      const agent = str(r._agent_id);
      if (!agent) {
        ctx.issue(str(r.agent_id) ? "dangling agent_id" : "missing agent_id");
        if (str(r.agent_id)) meta.agentId = str(r.agent_id);
      }
      const level = sourceWord(ctx, r.log_level, "log_level", LOG_LEVELS);
      const kind = sourceWord(ctx, r.log_type, "log_type", LOG_TYPES);
      return {
        events: [
          {
            id: ctx.eventId("log"),
            type: "log",
            timestamp: recordTime(ctx, r.created_at, "created_at", meta).toISOString(),
            body: {
              sessionId: str(r._session_id),
              runId: agent,
              agentType: str(r._agent_type),
              agentId: str(r._def_id),
              level,
              kind: kind ?? "log",
              component: "agent",
              message: str(r.message) ?? "",
              details: ctx.json(r.details, "details"),
              metadata: meta,
            },
          },
        ],
      };
    },
  });
}

function systemLogsReader(source: SqlSource): TableReader {
  return sqlReader(source, {
    table: "system_logs",
    mode: { kind: "append", column: "id" },
    key: (r) => String(r.id),
    map(r, ctx) {
      const meta = extras(r, ["id", "log_level", "component", "message", "details", "created_at"]);
      const level = sourceWord(ctx, r.log_level, "log_level", LOG_LEVELS);
      // free text: the writing module, ADW phases (adw_plan_iso, …) included
      const component = str(r.component);
      return {
        events: [
          {
            id: ctx.eventId("log"),
            type: "log",
            timestamp: recordTime(ctx, r.created_at, "created_at", meta).toISOString(),
            // project-level: no session
            body: {
              level,
              kind: "system",
              component: boundedText(component) ?? "system",
              message: str(r.message) ?? "",
              details: ctx.json(r.details, "details"),
              metadata: meta,
            },
          },
        ],
      };
    },
  });
}

export const tacImporter: Importer = {
  system: "tac",
  async open(location) {
    const source = await openSqlSource(resolveLocation(location));
    try {
      const tables = await source.tables();
      const detected = detectSystem(tables, tables.includes("sessions") ? await source.columns("sessions") : undefined);
      if (detected !== "tac") {
        throw new ImportError(
          detected
            ? `${location} looks like a ${detected} database (tables: ${tables.slice(0, 6).join(", ")}), not tac`
            : `${location} is not a TAC orchestrator database: it has no orchestrator_agents, agents and prompts tables`,
        );
      }
      const agentColumns = await source.columns("agents");
      const definitionColumns = await source.columns("orchestrator_agents");
      // the current TAC (PostgreSQL, migrations 0–10) has another model: see tac-postgres-model.ts
      if (isTacPostgresModel(definitionColumns, agentColumns)) return await openTacPostgresModel(source, tables);
      const hasWorkflows = tables.includes("ai_developer_workflows");
      // definitions and sessions first, so runs attach to them rather than to placeholders
      const readers = [definitionsReader(source)];
      if (hasWorkflows) readers.push(workflowsReader(source, agentColumns));
      readers.push(
        sessionsReader(source, agentColumns, hasWorkflows),
        runsReader(source, agentColumns, definitionColumns),
        llmCallsReader(source, agentColumns, definitionColumns),
      );
      if (tables.includes("agent_logs")) readers.push(agentLogsReader(source, definitionColumns));
      if (tables.includes("system_logs")) readers.push(systemLogsReader(source));
      if (tables.includes("orchestrator_chat")) readers.push(chatReader(source));
      const mapped = [
        "orchestrator_agents",
        "agents",
        "prompts",
        "agent_logs",
        "system_logs",
        "ai_developer_workflows",
        "orchestrator_chat",
        ...TAC_IGNORED_TABLES,
      ];
      readers.push(...(await unmappedTableReaders(source, tables, mapped)));
      const known = tables.filter((t) => (Object.keys(TAC_TABLES.sqlite) as string[]).includes(t));
      return {
        readers,
        version: `SQLite model (${known.length} of ${Object.keys(TAC_TABLES.sqlite).length} tables${hasWorkflows ? ", with ADW workflows" : ""})`,
        changeToken: () => source.changeToken(),
        close: () => source.close(),
      };
    } catch (error) {
      await source.close();
      throw error;
    }
  },
};
