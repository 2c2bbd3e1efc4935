// Autonomous Software Studio (seed 002). Production is PostgreSQL with the full schema:
// sessions, checkpoints (states with their parent chain), artifacts, agent_executions
// (runs), agent_settings (agent profiles), prompt_versions, audit_log (the studio's own audit
// history, kept apart from ours) and metrics. Its SQLite development database has only
// `sessions`; there each state_json.execution_log entry becomes a run with its token usage.
// Bad values are imported as well as they can be; the raw value goes to metadata.
import path from "node:path";
import type { IngestEventInput } from "@/lib/ingest/schemas";
import { normalizeStatus, TERMINAL_STATUSES } from "@/lib/ingest/status";
import { detectSystem } from "../detect";
import { ImportError } from "../import-error";
import { joinedColumns, queryReader } from "../query-reader";
import { recordTime } from "../record-time";
import { openSqlSource, type Row, type SqlSource } from "../source";
import { amountColumn, boundedText, countColumn, sourceWord, timeColumn } from "../source-words";
import { bool, extras, latest, sqlReader, str } from "../sql-reader";
import type { Importer, MapContext, Mapped, TableReader } from "../types";

const SESSION_STATUSES = ["pending", "running", "awaiting_approval", "completed", "failed", "expired"];
const PHASES = ["pm", "arch", "human_gate", "eng", "qa", "complete"];
const PHASE_ALIASES: Record<string, string> = {
  product_manager: "pm",
  architect: "arch",
  architecture: "arch",
  gate: "human_gate",
  approval: "human_gate",
  human_approval: "human_gate",
  engineer: "eng",
  engineering: "eng",
  implementation: "eng",
  testing: "qa",
  completed: "complete",
  done: "complete",
};
const AGENT_TYPES = ["pm", "arch", "eng", "qa"];
const AGENT_ALIASES: Record<string, string> = {
  product_manager: "pm",
  architect: "arch",
  engineer: "eng",
  engineering: "eng",
  qa_engineer: "qa",
};
const ARTIFACT_TYPES = ["prd", "tech_spec", "scaffold", "bug_report", "code", "test"];
const AUDIT_EVENTS = [
  "session_created",
  "session_approved",
  "session_rejected",
  "session_completed",
  "session_failed",
  "agent_started",
  "agent_completed",
  "settings_changed",
  "prompt_updated",
];
const USAGE_UNITS: Record<string, string> = {
  runs: "runs",
  run: "runs",
  tokens: "tokens",
  token: "tokens",
  usd: "usd",
  dollars: "usd",
  cost: "usd",
};
/** Extra agent_settings columns that may hold secrets: never copied. */
const SECRET_COLUMN = /api_?key|secret|password|credential/i;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** A word of a known vocabulary, its other spellings mapped; unknown words are kept as written. */
function vocabulary(
  ctx: MapContext,
  value: unknown,
  known: readonly string[],
  aliases: Record<string, string>,
  field: string,
): string | undefined {
  const word = boundedText(value)?.trim();
  if (!word) return undefined;
  const key = word.toLowerCase().replace(/[\s-]+/g, "_");
  if (known.includes(key)) return key;
  const alias = aliases[key];
  if (alias) return alias;
  ctx.issue(`unknown ${field} "${word}"`);
  return word;
}

/** The source's own metadata JSON merged with the row's extra columns. */
function metadataOf(ctx: MapContext, row: Row, known: readonly string[]): Record<string, unknown> {
  const source = ctx.json(row.metadata, "metadata");
  const base = isObject(source) ? source : source === undefined ? {} : { metadata: source };
  return { ...base, ...extras(row, [...known, "metadata", ...joinedColumns(row)]) };
}

/** A DATE column: PostgreSQL gives local midnight, SQLite gives text; both mean that day in UTC. */
function dateOnly(ctx: MapContext, value: unknown, field: string, invalid: Record<string, unknown>): Date | undefined {
  if (value instanceof Date) return new Date(Date.UTC(value.getFullYear(), value.getMonth(), value.getDate()));
  return timeColumn(ctx, value, field, invalid);
}

function sessionRef(ctx: MapContext, row: Row, column = "session_id"): string {
  const id = str(row[column]);
  if (!id) {
    ctx.issue(`missing ${column}`);
    return "unknown-session";
  }
  if (row._session === null) ctx.issue(`dangling ${column}`);
  return id;
}

// --- sessions, and the runs of their execution log (development database) -----------------

const SESSION_COLUMNS = [
  "session_id",
  "user_mission",
  "project_name",
  "status",
  "current_phase",
  "created_at",
  "updated_at",
  "iteration_count",
  "qa_passed",
  "work_dir",
  "state_json",
];

/** Runs, with token usage, from state_json.execution_log entries. */
function executionLogEvents(ctx: MapContext, sessionId: string, log: unknown, at: Date): IngestEventInput[] {
  if (log === undefined || log === null) return [];
  if (!Array.isArray(log)) {
    ctx.issue("execution_log is not a list");
    return [];
  }
  const events: IngestEventInput[] = [];
  log.forEach((entry: unknown, i) => {
    if (!isObject(entry)) {
      ctx.issue("invalid execution_log entry");
      return;
    }
    const rawAgent = str(entry.agent);
    const agentType = vocabulary(ctx, rawAgent, AGENT_TYPES, AGENT_ALIASES, "execution_log.agent") ?? "unknown";
    const status = sourceWord(ctx, entry.status, "execution_log.status", []) ?? "completed";
    const invalid: Record<string, unknown> = {};
    const duration = amountColumn(ctx, entry.duration_seconds, "execution_log.duration_seconds", invalid);
    const inputTokens = countColumn(ctx, entry.tokens_input, "execution_log.tokens_input", invalid);
    const outputTokens = countColumn(ctx, entry.tokens_output, "execution_log.tokens_output", invalid);
    // an entry is written when its agent finishes: its timestamp is the end, unless it is still going
    const stamp = timeColumn(ctx, entry.timestamp, "execution_log.timestamp", invalid);
    const meta: Record<string, unknown> = {
      executionLogIndex: i,
      ...extras(entry, [
        "agent",
        "timestamp",
        "status",
        "duration_seconds",
        "tokens_input",
        "tokens_output",
        "error",
        "model",
      ]),
      // the entry's unusable values, by their own names
      ...Object.fromEntries(Object.entries(invalid).map(([k, v]) => [k.replace(/^execution_log\./, ""), v])),
    };
    if (rawAgent && rawAgent !== agentType) meta.sourceAgentType = rawAgent;
    if (duration !== undefined) meta.durationSeconds = duration;
    const normalized = normalizeStatus(status);
    const finished = normalized !== undefined && TERMINAL_STATUSES.includes(normalized);
    const endedAt = finished ? stamp : undefined;
    const startedAt =
      finished && stamp && duration !== undefined ? new Date(stamp.getTime() - Math.round(duration * 1000)) : stamp;
    const runId = `${sessionId}:exec:${i}`;
    const tokens = (inputTokens ?? 0) + (outputTokens ?? 0);
    const model = boundedText(entry.model);
    const time = (stamp ?? at).toISOString();
    events.push({
      id: ctx.eventId("run", i),
      type: "run",
      timestamp: time,
      body: {
        runId,
        sessionId,
        agentType,
        status,
        step: i,
        startedAt: startedAt?.toISOString(),
        endedAt: endedAt?.toISOString(),
        error: str(entry.error),
        model,
        reportedTokens: inputTokens !== undefined || outputTokens !== undefined ? tokens : undefined,
        metadata: meta,
      },
    });
    if (tokens > 0) {
      // the entry's usage, so that session and agent totals include it (one call per run)
      events.push({
        id: ctx.eventId("usage", i),
        type: "llm_call",
        timestamp: time,
        body: {
          callId: `${runId}:usage`,
          sessionId,
          runId,
          agentType,
          model,
          inputTokens,
          outputTokens,
          startedAt: startedAt?.toISOString(),
          endedAt: endedAt?.toISOString(),
          metadata: { aggregate: true, from: "execution_log" },
        },
      });
    }
  });
  return events;
}

function sessionsReader(source: SqlSource, withExecutionLog: boolean): TableReader {
  return sqlReader(source, {
    table: "sessions",
    mode: { kind: "mutable" },
    key: (r) => String(r.session_id),
    map(r, ctx) {
      const sessionId = String(r.session_id);
      const metadata = metadataOf(ctx, r, SESSION_COLUMNS);
      const status = sourceWord(ctx, r.status, "status", SESSION_STATUSES) ?? "pending";
      const rawPhase = str(r.current_phase);
      const phase = vocabulary(ctx, rawPhase, PHASES, PHASE_ALIASES, "current_phase");
      if (rawPhase && phase !== rawPhase) metadata.sourcePhase = rawPhase;
      const createdAt = timeColumn(ctx, r.created_at, "created_at", metadata);
      const at = latest(timeColumn(ctx, r.updated_at, "updated_at", metadata), createdAt) ?? ctx.importedAt;
      const state = ctx.json(r.state_json, "state_json");
      const events: IngestEventInput[] = [
        {
          id: ctx.eventId("session"),
          type: "session",
          timestamp: at.toISOString(),
          body: {
            sessionId,
            source: "studio",
            mission: str(r.user_mission),
            project: boundedText(r.project_name),
            status,
            phase,
            iteration: countColumn(ctx, r.iteration_count, "iteration_count", metadata),
            qaPassed: bool(r.qa_passed),
            workDir: str(r.work_dir),
            state,
            startedAt: createdAt?.toISOString(),
            metadata,
          },
        },
      ];
      if (withExecutionLog && isObject(state))
        events.push(...executionLogEvents(ctx, sessionId, state.execution_log, at));
      return { events };
    },
  });
}

// --- the full (PostgreSQL) schema ---------------------------------------------------------

function checkpointsReader(source: SqlSource): TableReader {
  return queryReader(source, {
    label: "checkpoints",
    mode: { kind: "append", column: "id" },
    select:
      "SELECT c.*, s.session_id AS _session, p.checkpoint_id AS _parent FROM checkpoints c " +
      "LEFT JOIN sessions s ON s.session_id = c.thread_id " +
      "LEFT JOIN checkpoints p ON p.thread_id = c.thread_id AND p.checkpoint_id = c.parent_checkpoint_id",
    watermark: "c.id",
    orderBy: "c.id",
    key: (r) => String(r.id),
    map(r, ctx) {
      const parent = str(r.parent_checkpoint_id);
      if (parent && r._parent === null) ctx.issue("dangling parent_checkpoint_id");
      const metadata = metadataOf(ctx, r, [
        "id",
        "thread_id",
        "checkpoint_id",
        "parent_checkpoint_id",
        "checkpoint_data",
        "created_at",
      ]);
      return {
        events: [
          {
            id: ctx.eventId("state"),
            type: "state",
            timestamp: recordTime(ctx, r.created_at, "created_at", metadata).toISOString(),
            body: {
              sessionId: sessionRef(ctx, r, "thread_id"),
              kind: "checkpoint",
              data: ctx.json(r.checkpoint_data, "checkpoint_data") ?? {},
              checkpointId: str(r.checkpoint_id),
              parentCheckpointId: parent,
              metadata,
            },
          },
        ],
      };
    },
  });
}

function artifactsReader(source: SqlSource): TableReader {
  return queryReader(source, {
    label: "artifacts",
    mode: { kind: "mutable" },
    select: "SELECT a.*, s.session_id AS _session FROM artifacts a LEFT JOIN sessions s ON s.session_id = a.session_id",
    orderBy: "a.id",
    key: (r) => String(r.id),
    map(r, ctx) {
      const metadata = metadataOf(ctx, r, [
        "id",
        "session_id",
        "artifact_type",
        "file_path",
        "content_hash",
        "version",
        "created_at",
      ]);
      const type = vocabulary(ctx, r.artifact_type, ARTIFACT_TYPES, {}, "artifact_type") ?? "artifact";
      const file = str(r.file_path);
      return {
        events: [
          {
            id: ctx.eventId("artifact"),
            type: "artifact",
            timestamp: recordTime(ctx, r.created_at, "created_at", metadata).toISOString(),
            body: {
              artifactId: String(r.id),
              sessionId: sessionRef(ctx, r),
              type,
              name: boundedText(file ? path.posix.basename(file) : type) ?? type,
              path: file,
              contentHash: boundedText(r.content_hash),
              version: countColumn(ctx, r.version, "version", metadata),
              metadata,
            },
          },
        ],
      };
    },
  });
}

function executionsReader(source: SqlSource): TableReader {
  return queryReader(source, {
    label: "agent_executions",
    mode: { kind: "mutable" },
    select:
      "SELECT e.*, s.session_id AS _session FROM agent_executions e LEFT JOIN sessions s ON s.session_id = e.session_id",
    orderBy: "e.id",
    key: (r) => String(r.id),
    map(r, ctx) {
      const runId = String(r.id);
      const sessionId = sessionRef(ctx, r);
      const metadata = metadataOf(ctx, r, [
        "id",
        "session_id",
        "agent_type",
        "started_at",
        "completed_at",
        "status",
        "input_summary",
        "output_summary",
        "error_message",
        "tokens_used",
        "duration_seconds",
      ]);
      const rawType = str(r.agent_type);
      const agentType = vocabulary(ctx, rawType, AGENT_TYPES, AGENT_ALIASES, "agent_type") ?? "unknown";
      if (rawType && rawType !== agentType) metadata.sourceAgentType = rawType;
      const status = sourceWord(ctx, r.status, "status", []) ?? "running";
      const duration = amountColumn(ctx, r.duration_seconds, "duration_seconds", metadata);
      if (duration !== undefined) metadata.durationSeconds = duration;
      const tokens = countColumn(ctx, r.tokens_used, "tokens_used", metadata);
      const startedAt = timeColumn(ctx, r.started_at, "started_at", metadata);
      const endedAt = timeColumn(ctx, r.completed_at, "completed_at", metadata);
      const at = latest(startedAt, endedAt) ?? ctx.importedAt;
      const mapped: Mapped = {
        events: [
          {
            id: ctx.eventId("run"),
            type: "run",
            timestamp: at.toISOString(),
            body: {
              runId,
              sessionId,
              agentType,
              status,
              startedAt: startedAt?.toISOString(),
              endedAt: endedAt?.toISOString(),
              input: str(r.input_summary),
              output: str(r.output_summary),
              error: str(r.error_message),
              reportedTokens: tokens,
              metadata,
            },
          },
        ],
      };
      if (tokens) {
        // a total without a model: counted in usage, its cost unknown
        mapped.events.push({
          id: ctx.eventId("usage"),
          type: "llm_call",
          timestamp: at.toISOString(),
          body: {
            callId: `${runId}:usage`,
            sessionId,
            runId,
            agentType,
            totalTokens: tokens,
            startedAt: startedAt?.toISOString(),
            endedAt: endedAt?.toISOString(),
            metadata: { aggregate: true, from: "agent_executions.tokens_used" },
          },
        });
      }
      return mapped;
    },
  });
}

function profilesReader(source: SqlSource): TableReader {
  return sqlReader(source, {
    table: "agent_settings",
    mode: { kind: "mutable" },
    key: (r) => String(r.id ?? r.profile_name),
    map(r, ctx) {
      const rawUnit = str(r.usage_unit);
      const unit = rawUnit === undefined ? undefined : USAGE_UNITS[rawUnit.trim().toLowerCase()];
      const known = [
        "id",
        "profile_name",
        "provider",
        "model",
        "auth_type",
        "api_key_encrypted",
        "daily_limit",
        "hard_limit",
        "usage_unit",
        "usage_today",
        "last_reset_date",
        "env_overrides",
        "active_prompt_path",
        "created_at",
        "updated_at",
      ];
      const metadata = extras(r, [...known, ...Object.keys(r).filter((k) => SECRET_COLUMN.test(k))]);
      if (rawUnit !== undefined && !unit) {
        ctx.issue(`unknown usage_unit "${rawUnit}"`);
        metadata.sourceUsageUnit = rawUnit;
      }
      return {
        events: [],
        profiles: [
          {
            name: String(r.profile_name),
            externalId: str(r.id),
            provider: boundedText(r.provider),
            model: boundedText(r.model),
            authType: boundedText(r.auth_type),
            // only whether a key was set; the key itself stays in the source
            hasApiKey: str(r.api_key_encrypted) !== undefined,
            dailyLimit: amountColumn(ctx, r.daily_limit, "daily_limit", metadata),
            usageUnit: unit ?? "runs",
            hardLimit: bool(r.hard_limit),
            usageToday: amountColumn(ctx, r.usage_today, "usage_today", metadata),
            lastResetDate: dateOnly(ctx, r.last_reset_date, "last_reset_date", metadata),
            envOverrides: ctx.json(r.env_overrides, "env_overrides"),
            activePromptPath: str(r.active_prompt_path),
            metadata,
            createdAt: timeColumn(ctx, r.created_at, "created_at", metadata),
            updatedAt: timeColumn(ctx, r.updated_at, "updated_at", metadata),
          },
        ],
      };
    },
  });
}

function promptVersionsReader(source: SqlSource, hasSettings: boolean): TableReader {
  return queryReader(source, {
    label: "prompt_versions",
    mode: { kind: "mutable" },
    select: hasSettings
      ? "SELECT v.*, s.profile_name AS _profile FROM prompt_versions v LEFT JOIN agent_settings s ON s.profile_name = v.profile_name"
      : "SELECT v.*, NULL AS _profile FROM prompt_versions v",
    orderBy: "v.id",
    key: (r) => String(r.id),
    map(r, ctx) {
      if (r._profile === null) ctx.issue("prompt version of an unknown profile");
      const versionNumber = countColumn(ctx, r.version_number, "version_number", {});
      if (versionNumber === undefined) throw new Error(`invalid version_number ${String(r.version_number)}`);
      return {
        events: [],
        promptVersions: [
          {
            profileName: String(r.profile_name),
            versionNumber,
            content: str(r.prompt_content) ?? "",
            note: str(r.note),
            isActive: bool(r.is_active) ?? false,
            externalId: String(r.id),
            createdAt: timeColumn(ctx, r.created_at, "created_at", {}),
          },
        ],
      };
    },
  });
}

function auditReader(source: SqlSource): TableReader {
  return sqlReader(source, {
    table: "audit_log",
    mode: { kind: "append", column: "id" },
    key: (r) => String(r.id),
    map(r, ctx) {
      const eventType = boundedText(r.event_type) ?? "unknown";
      if (!AUDIT_EVENTS.includes(eventType)) ctx.issue(`unknown event_type "${eventType}"`);
      const details = ctx.json(r.details, "details");
      const more = extras(r, ["id", "event_type", "session_id", "user_action", "details", "ip_address", "created_at"]);
      const timestamp = recordTime(ctx, r.created_at, "created_at", more);
      return {
        events: [],
        sourceAudit: [
          {
            externalId: String(r.id),
            eventType,
            sessionRef: str(r.session_id),
            userAction: boundedText(r.user_action),
            details: Object.keys(more).length ? { ...(isObject(details) ? details : { details }), ...more } : details,
            ipAddress: str(r.ip_address),
            timestamp,
          },
        ],
      };
    },
  });
}

function metricsReader(source: SqlSource): TableReader {
  return sqlReader(source, {
    table: "metrics",
    mode: { kind: "append", column: "id" },
    key: (r) => String(r.id),
    map(r, ctx) {
      const metadata = extras(r, ["id", "metric_name", "metric_value", "labels", "recorded_at"]);
      // the ingest contract takes non-negative amounts: another value is kept in metadata, stored as 0
      const value = amountColumn(ctx, r.metric_value, "metric_value", metadata) ?? 0;
      const labels = ctx.json(r.labels, "labels");
      return {
        events: [
          {
            id: ctx.eventId("metric"),
            type: "metric",
            timestamp: recordTime(ctx, r.recorded_at, "recorded_at", metadata).toISOString(),
            body: {
              name: boundedText(r.metric_name) ?? "unnamed",
              value,
              labels: isObject(labels) ? labels : undefined,
              metadata: labels !== undefined && !isObject(labels) ? { ...metadata, labels } : metadata,
            },
          },
        ],
      };
    },
  });
}

/** JSONB arrives parsed: a string from it is a JSON string (or JSON text of a TEXT column). */
function postgresJson(ctx: MapContext): MapContext {
  return {
    system: ctx.system,
    importedAt: ctx.importedAt,
    issue: (reason) => ctx.issue(reason),
    time: (value, field, fallback) => ctx.time(value, field, fallback),
    optionalTime: (value, field) => ctx.optionalTime(value, field),
    localTime: (value, field) => ctx.localTime(value, field),
    eventId: (...parts) => ctx.eventId(...parts),
    json(value) {
      if (typeof value !== "string") return value ?? undefined;
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return value;
      }
    },
  };
}

export const studioImporter: Importer = {
  system: "studio",
  async open(location) {
    const source = await openSqlSource(location);
    try {
      const tables = await source.tables();
      const detected = detectSystem(tables, tables.includes("sessions") ? await source.columns("sessions") : undefined);
      if (detected !== "studio") {
        throw new ImportError(
          detected
            ? `${location} looks like a ${detected} database (tables: ${tables.slice(0, 6).join(", ")}), not studio`
            : `${location} is not a studio database: it has no sessions table with a user_mission column`,
        );
      }
      if (!tables.includes("sessions"))
        throw new ImportError(`${location} is not a studio database: it has no sessions table`);
      const has = (t: string) => tables.includes(t);
      // profiles before their prompt versions; sessions before what refers to them
      const readers: TableReader[] = [];
      if (has("agent_settings")) readers.push(profilesReader(source));
      if (has("prompt_versions")) readers.push(promptVersionsReader(source, has("agent_settings")));
      // agent_executions are the runs where they exist; the execution log only in their absence
      readers.push(sessionsReader(source, !has("agent_executions")));
      if (has("checkpoints")) readers.push(checkpointsReader(source));
      if (has("agent_executions")) readers.push(executionsReader(source));
      if (has("artifacts")) readers.push(artifactsReader(source));
      if (has("audit_log")) readers.push(auditReader(source));
      if (has("metrics")) readers.push(metricsReader(source));
      const mapped =
        source.kind === "postgresql"
          ? readers.map((r): TableReader => ({ ...r, map: (row, ctx) => r.map(row, postgresJson(ctx)) }))
          : readers;
      return { readers: mapped, changeToken: () => source.changeToken(), close: () => source.close() };
    } catch (error) {
      await source.close();
      throw error;
    }
  },
};
