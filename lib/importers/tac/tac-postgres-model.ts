// The current TAC Bootstrap (PostgreSQL, migrations 0–10, apps/orchestrator_db): a different
// model from the SQLite one, detected by its columns (orchestrator_agents with session_id and
// token counts, agents with a name and model).
//
// Session model, decided from what the data says:
// - An orchestrator_agents row is one orchestrator: a single Claude session (session_id) with
//   its own tokens and cost, that chats with the user and creates agents. It is a session.
//   The ADW bridge's fixed row (migration 10) is the orchestrator of the ADW scripts' runs.
// - An ai_developer_workflows row is one ADW run (plan → build → review …): a session of its
//   own with steps and an outcome, a child of its orchestrator's session. Agents join it by
//   adw_id: the workflows write the row's UUID there, the bridge the 8-character ADW id, which
//   is the row's adw_name (its id is uuid5 of it), so both are matched.
// - agents are agents (instances, named per orchestrator) and their runs, in their ADW's
//   session when they have one, else in their orchestrator's. Their token and cost columns are
//   running totals, imported as one usage LLM call per agent (and per orchestrator), so every
//   recorded token counts once.
// - prompts and orchestrator_chat are messages; agent_logs (hooks, message blocks, ADW steps)
//   and system_logs are logs.
// Every table is re-read whole when the source's change token (count and newest xmin per
// table) moves, so inserts, in-place updates and deletes all arrive; no UUID is a watermark.
import { normalizeLevel } from "@/lib/ingest/status";
import { type Row, type SqlSource } from "../source";
import { amountColumn, boundedText, countColumn, sourceWord, timeColumn } from "../source-words";
import { extras, latest, str, unmappedTableReaders } from "../sql-reader";
import { queryReader } from "../query-reader";
import { recordTime } from "../record-time";
import type { MapContext, Mapped, OpenedImport, TableReader } from "../types";
import { chatMessage } from "./tac-columns";
import { TAC_EVENT_TYPES, TAC_TABLES, tacStatus, type TacStatusColumn } from "./tac-vocabulary";

type Event = Mapped["events"][number];

/** The PostgreSQL model: orchestrators with a Claude session and tokens, agents with a name. */
export function isTacPostgresModel(definitionColumns: readonly string[], agentColumns: readonly string[]): boolean {
  return (
    definitionColumns.includes("session_id") &&
    definitionColumns.includes("input_tokens") &&
    agentColumns.includes("name") &&
    agentColumns.includes("orchestrator_agent_id") &&
    agentColumns.includes("input_tokens")
  );
}

/**
 * Each agent with the session it belongs to: its ADW's (by adw_id: the workflow's id, its
 * adw_name, or the adw_id in its metadata) or else its orchestrator's.
 */
const AGENT_SESSIONS = `agent_sessions AS (
  SELECT a.id, a.name AS agent_name, a.adw_id AS agent_adw_id, a.adw_step AS agent_adw_step,
    COALESCE((SELECT w.id::text FROM ai_developer_workflows w
       WHERE a.adw_id IS NOT NULL AND a.adw_id <> '' AND (w.id::text = a.adw_id OR w.adw_name = a.adw_id OR w.metadata->>'adw_id' = a.adw_id)
       ORDER BY w.created_at DESC, w.id LIMIT 1), a.orchestrator_agent_id::text) AS agent_session
  FROM agents a)`;

/** An agent's kind: its ADW step, or its name without the ADW id suffix (adw_plan_iso_7c1e9a20). */
export function tacAgentType(name: string | undefined, adwId: string | undefined, adwStep: string | undefined): string {
  if (adwStep) return adwStep;
  if (!name) return "agent";
  const short = adwId?.slice(0, 8);
  return short && (name.endsWith(`_${short}`) || name.endsWith(`-${short}`)) ? name.slice(0, -short.length - 1) : name;
}

function statusOf(
  ctx: MapContext,
  column: TacStatusColumn,
  value: unknown,
): { status?: string; sourceStatus?: string } {
  const word = str(value);
  if (!word) return {};
  const mapped = tacStatus(column, word);
  if (!mapped) sourceWord(ctx, word, "status", []);
  return { status: mapped?.status ?? word, sourceStatus: word };
}

const TERMINAL = new Set(["completed", "failed", "cancelled", "expired"]);

/** Token and cost running totals as one usage call; none when nothing was recorded. */
function usageCall(
  ctx: MapContext,
  r: Row,
  meta: Record<string, unknown>,
  ids: { callId: string; sessionId: string; runId?: string; agentId?: string; agentType: string; model?: string },
): Event | undefined {
  const inputTokens = countColumn(ctx, r.input_tokens, "input_tokens", meta);
  const outputTokens = countColumn(ctx, r.output_tokens, "output_tokens", meta);
  const costUsd = amountColumn(ctx, r.total_cost, "total_cost", meta);
  if (!inputTokens && !outputTokens && !costUsd) return undefined;
  const startedAt = ctx.optionalTime(r.created_at, "created_at");
  const endedAt = ctx.optionalTime(r.updated_at, "updated_at");
  return {
    id: ctx.eventId("usage"),
    type: "llm_call",
    timestamp: (latest(endedAt, startedAt) ?? ctx.importedAt).toISOString(),
    body: {
      ...ids,
      promptType: "usage",
      inputTokens,
      outputTokens,
      costUsd,
      startedAt: startedAt?.toISOString(),
      endedAt: endedAt?.toISOString(),
      metadata: { cumulative: true, note: "running totals the source keeps per agent (update_agent_costs)" },
    },
  };
}

function objectOrUndefined(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 0
    ? (value as Record<string, unknown>)
    : undefined;
}

function orchestratorsReader(source: SqlSource): TableReader {
  return queryReader(source, {
    label: "orchestrator_agents",
    mode: { kind: "mutable" },
    select: "SELECT o.* FROM orchestrator_agents o",
    orderBy: "o.created_at, o.id",
    key: (r) => String(r.id),
    map(r, ctx) {
      const meta = extras(r, [
        "id",
        "session_id",
        "system_prompt",
        "status",
        "working_dir",
        "input_tokens",
        "output_tokens",
        "total_cost",
        "archived",
        "metadata",
        "created_at",
        "updated_at",
      ]);
      const { status, sourceStatus } = statusOf(ctx, "postgresAgent", r.status);
      const createdAt = timeColumn(ctx, r.created_at, "created_at", meta);
      const updatedAt = timeColumn(ctx, r.updated_at, "updated_at", meta);
      const extra = objectOrUndefined(r.metadata);
      const sessionId = String(r.id);
      const events: Event[] = [
        {
          id: ctx.eventId("session"),
          type: "session",
          timestamp: (latest(updatedAt, createdAt) ?? ctx.importedAt).toISOString(),
          body: {
            sessionId,
            source: "tac",
            kind: "orchestrator",
            title: boundedText(extra?.description) ?? `Orchestrator ${sessionId.slice(0, 8)}`,
            // an orchestrator without a status is one the backend has just created
            status: status ?? "pending",
            sourceStatus,
            workDir: str(r.working_dir),
            startedAt: createdAt?.toISOString(),
            endedAt: status && TERMINAL.has(status) ? updatedAt?.toISOString() : undefined,
            metadata: {
              ...meta,
              ...(str(r.session_id) ? { claudeSessionId: str(r.session_id) } : {}),
              archived: r.archived === true,
              ...(extra ? { orchestratorMetadata: extra } : {}),
              ...(str(r.system_prompt) ? { systemPrompt: str(r.system_prompt) } : {}),
            },
          },
        },
      ];
      const usage = usageCall(ctx, r, meta, {
        callId: `usage:orchestrator:${sessionId}`,
        sessionId,
        agentType: "orchestrator",
      });
      if (usage) events.push(usage);
      return { events };
    },
  });
}

function workflowsReader(source: SqlSource): TableReader {
  return queryReader(source, {
    label: "ai_developer_workflows",
    mode: { kind: "mutable" },
    select: "SELECT w.* FROM ai_developer_workflows w",
    orderBy: "w.created_at, w.id",
    key: (r) => String(r.id),
    map(r, ctx) {
      const meta = extras(r, [
        "id",
        "orchestrator_agent_id",
        "adw_name",
        "workflow_type",
        "description",
        "status",
        "current_step",
        "total_steps",
        "completed_steps",
        "started_at",
        "completed_at",
        "duration_seconds",
        "input_data",
        "output_data",
        "error_message",
        "error_step",
        "error_count",
        "metadata",
        "created_at",
        "updated_at",
      ]);
      const { status, sourceStatus } = statusOf(ctx, "workflow", r.status);
      const createdAt = timeColumn(ctx, r.created_at, "created_at", meta);
      const updatedAt = timeColumn(ctx, r.updated_at, "updated_at", meta);
      const startedAt = timeColumn(ctx, r.started_at, "started_at", meta) ?? createdAt;
      const endedAt = timeColumn(ctx, r.completed_at, "completed_at", meta);
      const extra = objectOrUndefined(r.metadata);
      return {
        events: [
          {
            id: ctx.eventId("session"),
            type: "session",
            timestamp: (latest(updatedAt, endedAt, startedAt) ?? ctx.importedAt).toISOString(),
            body: {
              sessionId: String(r.id),
              source: "tac",
              kind: "adw",
              parentSessionId: str(r.orchestrator_agent_id),
              title: boundedText([str(r.workflow_type), str(r.adw_name)].filter(Boolean).join(" ")),
              mission: str(r.description),
              status: status ?? "pending",
              sourceStatus,
              phase: boundedText(r.current_step),
              startedAt: startedAt?.toISOString(),
              endedAt: endedAt?.toISOString(),
              metadata: {
                ...meta,
                adwId: str(extra?.adw_id) ?? str(r.adw_name),
                adwName: str(r.adw_name),
                workflowType: str(r.workflow_type),
                // as written: agent_manager's create_adw leaves total_steps 0 while completed_steps grows
                totalSteps: countColumn(ctx, r.total_steps, "total_steps", meta),
                completedSteps: countColumn(ctx, r.completed_steps, "completed_steps", meta),
                durationSeconds: countColumn(ctx, r.duration_seconds, "duration_seconds", meta),
                errorMessage: str(r.error_message),
                errorStep: str(r.error_step),
                errorCount: countColumn(ctx, r.error_count, "error_count", meta),
                ...(objectOrUndefined(r.input_data) ? { inputData: r.input_data } : {}),
                ...(objectOrUndefined(r.output_data) ? { outputData: r.output_data } : {}),
                ...(extra ? { workflowMetadata: extra } : {}),
              },
            },
          },
        ],
      };
    },
  });
}

function agentsReader(source: SqlSource): TableReader {
  return queryReader(source, {
    label: "agents",
    mode: { kind: "mutable" },
    select: `WITH ${AGENT_SESSIONS} SELECT a.*, s.agent_session AS _session_id FROM agents a JOIN agent_sessions s ON s.id = a.id`,
    orderBy: "a.created_at, a.id",
    key: (r) => String(r.id),
    map(r, ctx) {
      const meta = extras(r, [
        "id",
        "orchestrator_agent_id",
        "name",
        "model",
        "system_prompt",
        "working_dir",
        "git_worktree",
        "status",
        "session_id",
        "adw_id",
        "adw_step",
        "input_tokens",
        "output_tokens",
        "total_cost",
        "archived",
        "metadata",
        "created_at",
        "updated_at",
        "_session_id",
      ]);
      const id = String(r.id);
      const sessionId = String(r._session_id);
      const name = str(r.name);
      const agentType = tacAgentType(name, str(r.adw_id), str(r.adw_step));
      const model = boundedText(r.model);
      const { status, sourceStatus } = statusOf(ctx, "postgresAgent", r.status);
      const createdAt = timeColumn(ctx, r.created_at, "created_at", meta);
      const updatedAt = timeColumn(ctx, r.updated_at, "updated_at", meta);
      const inputTokens = countColumn(ctx, r.input_tokens, "input_tokens", meta);
      const outputTokens = countColumn(ctx, r.output_tokens, "output_tokens", meta);
      const at = (latest(updatedAt, createdAt) ?? ctx.importedAt).toISOString();
      const config = objectOrUndefined(r.metadata);
      const own = {
        ...meta,
        orchestratorId: str(r.orchestrator_agent_id),
        ...(str(r.session_id) ? { claudeSessionId: str(r.session_id) } : {}),
        ...(str(r.adw_id) ? { adwId: str(r.adw_id) } : {}),
        ...(str(r.git_worktree) ? { gitWorktree: str(r.git_worktree) } : {}),
        archived: r.archived === true,
      };
      const events: Event[] = [
        {
          id: ctx.eventId("agent"),
          type: "agent",
          timestamp: at,
          body: {
            agentId: id,
            kind: "instance",
            name: boundedText(name) ?? id,
            type: agentType,
            model,
            status,
            sourceStatus,
            workspacePath: str(r.working_dir),
            ...(config ? { config } : {}),
            metadata: { ...own, ...(str(r.system_prompt) ? { systemPrompt: str(r.system_prompt) } : {}) },
          },
        },
        {
          id: ctx.eventId("run"),
          type: "run",
          timestamp: at,
          body: {
            runId: id,
            sessionId,
            agentType,
            agentId: id,
            // an agent without a status has been created and not yet started
            status: status ?? "pending",
            sourceStatus,
            startedAt: createdAt?.toISOString(),
            endedAt: status && TERMINAL.has(status) ? updatedAt?.toISOString() : undefined,
            model,
            stepName: boundedText(r.adw_step),
            reportedTokens:
              inputTokens !== undefined || outputTokens !== undefined
                ? (inputTokens ?? 0) + (outputTokens ?? 0)
                : undefined,
            reportedCostUsd: amountColumn(ctx, r.total_cost, "total_cost", meta),
            metadata: { ...own, agentName: name },
          },
        },
      ];
      const usage = usageCall(ctx, r, meta, {
        callId: `usage:agent:${id}`,
        sessionId,
        runId: id,
        agentId: id,
        agentType,
        model,
      });
      if (usage) events.push(usage);
      return { events };
    },
  });
}

/** Rows whose agent (and so session) is unknown are kept raw, never put in a made-up session. */
function orphan(r: Row, ctx: MapContext, why: string, at: Date | undefined): Mapped {
  ctx.issue(why);
  return { events: [], raw: [{ reason: "orphaned", at, data: extras(r, []) }] };
}

function promptsReader(source: SqlSource): TableReader {
  return queryReader(source, {
    label: "prompts",
    mode: { kind: "mutable" },
    select:
      `WITH ${AGENT_SESSIONS} SELECT p.*, s.agent_session AS _session_id, s.agent_name AS _agent_name, ` +
      "(SELECT o.id::text FROM orchestrator_agents o WHERE p.session_id IS NOT NULL AND o.session_id = p.session_id LIMIT 1) AS _orchestrator_session " +
      "FROM prompts p LEFT JOIN agent_sessions s ON s.id = p.agent_id",
    orderBy: "p.timestamp, p.id",
    key: (r) => String(r.id),
    map(r, ctx) {
      const meta = extras(r, [
        "id",
        "agent_id",
        "task_slug",
        "author",
        "prompt_text",
        "summary",
        "timestamp",
        "session_id",
        "_session_id",
        "_agent_name",
        "_orchestrator_session",
      ]);
      const at = recordTime(ctx, r.timestamp, "timestamp", meta);
      const sessionId = str(r._session_id) ?? str(r._orchestrator_session);
      if (!sessionId) return orphan(r, ctx, str(r.agent_id) ? "dangling agent_id" : "prompt without agent", at);
      const agent = str(r.agent_id);
      return {
        events: [
          {
            id: ctx.eventId("message"),
            type: "message",
            timestamp: at.toISOString(),
            body: {
              messageId: String(r.id),
              sessionId,
              from: str(r.author) ?? "unknown",
              to: agent ? `agent:${str(r._agent_name) ?? agent}` : "orchestrator",
              kind: "prompt",
              content: str(r.prompt_text) ?? "",
              metadata: {
                ...meta,
                ...(agent ? { agentId: agent } : {}),
                ...(str(r.task_slug) ? { taskSlug: str(r.task_slug) } : {}),
                ...(str(r.summary) ? { summary: str(r.summary) } : {}),
                ...(str(r.session_id) ? { claudeSessionId: str(r.session_id) } : {}),
              },
            },
          },
        ],
      };
    },
  });
}

function chatReader(source: SqlSource): TableReader {
  return queryReader(source, {
    label: "orchestrator_chat",
    mode: { kind: "mutable" },
    select: "SELECT c.*, a.name AS _agent_name FROM orchestrator_chat c LEFT JOIN agents a ON a.id = c.agent_id",
    orderBy: "c.created_at, c.id",
    key: (r) => String(r.id),
    map(r, ctx) {
      const meta = extras(r, [
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
        "_agent_name",
      ]);
      const at = recordTime(ctx, r.created_at, "created_at", meta);
      return { events: [chatMessage(ctx, r, String(r.orchestrator_agent_id), at, meta)] };
    },
  });
}

/** The text of a log: its content, else the block's own text (tool_use blocks have none). */
function logText(r: Row, payload: Record<string, unknown> | undefined, block: string | undefined): string {
  const content = str(r.content);
  if (content) return content;
  if (block === "text") return str(payload?.text) ?? "";
  if (block === "thinking") return str(payload?.thinking) ?? "";
  if (block === "tool_use" && str(payload?.tool_name)) return `[Tool] ${str(payload?.tool_name)}`;
  return str(r.summary) ?? str(r.event_type) ?? "";
}

function agentLogsReader(source: SqlSource): TableReader {
  return queryReader(source, {
    label: "agent_logs",
    mode: { kind: "mutable" },
    select: `WITH ${AGENT_SESSIONS} SELECT l.*, s.id AS _agent_id, s.agent_session AS _session_id, s.agent_name AS _agent_name, s.agent_adw_id AS _adw_id, s.agent_adw_step AS _adw_step FROM agent_logs l LEFT JOIN agent_sessions s ON s.id = l.agent_id`,
    orderBy: 'l."timestamp", l.id',
    key: (r) => String(r.id),
    map(r, ctx) {
      const meta = extras(r, [
        "id",
        "agent_id",
        "session_id",
        "task_slug",
        "adw_id",
        "adw_step",
        "entry_index",
        "event_category",
        "event_type",
        "content",
        "payload",
        "summary",
        "timestamp",
        "_agent_id",
        "_session_id",
        "_agent_name",
        "_adw_id",
        "_adw_step",
      ]);
      const at = recordTime(ctx, r.timestamp, "timestamp", meta);
      const sessionId = str(r._session_id);
      if (!sessionId) return orphan(r, ctx, "dangling agent_id", at);
      const eventType = str(r.event_type) ?? "";
      const known = TAC_EVENT_TYPES[eventType];
      if (!known) ctx.issue(`unknown event_type "${eventType}"`);
      const payload = objectOrUndefined(r.payload);
      const failed = eventType === "AgentFailed" || payload?.status === "failed";
      const agent = String(r.agent_id);
      const log: Event = {
        id: ctx.eventId("log"),
        type: "log",
        timestamp: at.toISOString(),
        body: {
          sessionId,
          runId: agent,
          agentId: agent,
          agentType: tacAgentType(str(r._agent_name), str(r._adw_id), str(r._adw_step)),
          level: failed ? "error" : "info",
          kind: known?.kind ?? eventType,
          component: str(r.event_category),
          message: logText(r, payload, known?.block),
          details: r.payload ?? undefined,
          metadata: {
            ...meta,
            eventType,
            ...(known?.block ? { block: known.block } : {}),
            ...(str(r.summary) ? { summary: str(r.summary) } : {}),
            ...(str(r.task_slug) ? { taskSlug: str(r.task_slug) } : {}),
            ...(str(r.adw_id) ? { adwId: str(r.adw_id) } : {}),
            ...(str(r.adw_step) ? { adwStep: str(r.adw_step) } : {}),
            ...(r.entry_index !== null && r.entry_index !== undefined ? { entryIndex: r.entry_index } : {}),
            ...(str(r.session_id) ? { claudeSessionId: str(r.session_id) } : {}),
          },
        },
      };
      // a log is stored once; its id does not change when the row's summary is filled in later
      return { events: [], once: [log] };
    },
  });
}

function systemLogsReader(source: SqlSource): TableReader {
  return queryReader(source, {
    label: "system_logs",
    mode: { kind: "mutable" },
    select:
      `WITH ${AGENT_SESSIONS} SELECT l.*, ` +
      "(SELECT w.id::text FROM ai_developer_workflows w WHERE l.adw_id IS NOT NULL AND (w.id::text = l.adw_id OR w.adw_name = l.adw_id) LIMIT 1) AS _workflow, " +
      "s.agent_session AS _agent_session, s.id AS _agent_id FROM system_logs l LEFT JOIN agent_sessions s ON s.id::text = l.metadata->>'agent_id'",
    orderBy: 'l."timestamp", l.id',
    key: (r) => String(r.id),
    map(r, ctx) {
      const meta = extras(r, [
        "id",
        "file_path",
        "adw_id",
        "adw_step",
        "level",
        "message",
        "summary",
        "metadata",
        "timestamp",
        "_workflow",
        "_agent_session",
        "_agent_id",
      ]);
      const at = recordTime(ctx, r.timestamp, "timestamp", meta);
      const details = objectOrUndefined(r.metadata);
      const level = str(r.level);
      if (level && normalizeLevel(level) === "info" && !/^info/i.test(level)) ctx.issue(`unknown level "${level}"`);
      const log: Event = {
        id: ctx.eventId("log"),
        type: "log",
        timestamp: at.toISOString(),
        body: {
          // its ADW's session, or the session of the agent it is about; else project-level
          sessionId: str(r._workflow) ?? str(r._agent_session),
          runId: str(r._agent_id),
          level,
          kind: "system",
          component: boundedText(details?.component) ?? boundedText(r.file_path) ?? "system",
          message: str(r.message) ?? "",
          details: r.metadata ?? undefined,
          metadata: {
            ...meta,
            ...(str(r.file_path) ? { filePath: str(r.file_path) } : {}),
            ...(str(r.adw_id) ? { adwId: str(r.adw_id) } : {}),
            ...(str(r.adw_step) ? { adwStep: str(r.adw_step) } : {}),
            ...(str(r.summary) ? { summary: str(r.summary) } : {}),
          },
        },
      };
      return { events: [], once: [log] };
    },
  });
}

export async function openTacPostgresModel(source: SqlSource, tables: readonly string[]): Promise<OpenedImport> {
  const has = (t: string) => tables.includes(t);
  // sessions first (orchestrators, then their ADWs), so agents, messages and logs attach to them
  const readers: TableReader[] = [orchestratorsReader(source)];
  if (has("ai_developer_workflows")) readers.push(workflowsReader(source));
  readers.push(agentsReader(source));
  if (has("prompts")) readers.push(promptsReader(source));
  if (has("orchestrator_chat")) readers.push(chatReader(source));
  if (has("agent_logs")) readers.push(agentLogsReader(source));
  if (has("system_logs")) readers.push(systemLogsReader(source));
  readers.push(...(await unmappedTableReaders(source, tables, Object.keys(TAC_TABLES.postgresql))));
  return {
    readers,
    version: `PostgreSQL model (apps/orchestrator_db, ${tables.filter((t) => t in TAC_TABLES.postgresql).length} of ${Object.keys(TAC_TABLES.postgresql).length} tables)`,
    changeToken: () => source.changeToken(),
    close: () => source.close(),
  };
}
