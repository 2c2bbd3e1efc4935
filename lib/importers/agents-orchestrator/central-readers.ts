// The central database (.agents-orchestrator/session.db, seed 003): sessions, agents with
// heartbeats, messages between agents, session_events as logs, agent_metrics as metrics.
import path from "node:path";
import type { Row, SqlSource } from "../source";
import { amountColumn, boundedText, countColumn, sourceWord, timeColumn } from "../source-words";
import { bool, latest, str } from "../sql-reader";
import type { MapContext, Mapped, TableReader } from "../types";
import { ownExtras, presentAoReaders, recordKey, spreadJson, type AoTableSpec } from "./table-reader";

export const SYSTEM = "agents-orchestrator";
export const SESSION_STATUSES = ["active", "ended", "archived"] as const;
export const AGENT_STATUSES = ["inactive", "active", "busy", "error"] as const;
export const MESSAGE_TYPES = ["request", "response", "notification", "error"] as const;
export const CENTRAL_TABLES = ["sessions", "agents", "messages", "session_events", "agent_metrics"] as const;

export type CentralAgent = { id: string; name?: string; type?: string; workspacePath?: string };

/** What rows of other tables refer to: loaded each pass (empty without a central database). */
export type CentralIndex = { sessions: Set<string>; agents: Map<string, CentralAgent>; mainAgents: Set<string> };

export const emptyIndex = (): CentralIndex => ({ sessions: new Set(), agents: new Map(), mainAgents: new Set() });

export async function loadCentralIndex(source: SqlSource, tables: readonly string[]): Promise<CentralIndex> {
  const index = emptyIndex();
  if (tables.includes("sessions")) {
    for (const r of await source.all("SELECT * FROM sessions")) {
      const id = str(r.id);
      if (id !== undefined) index.sessions.add(id);
      const main = str(r.main_agent_id);
      if (main !== undefined) index.mainAgents.add(main);
    }
  }
  if (tables.includes("agents")) {
    for (const r of await source.all("SELECT * FROM agents")) {
      const id = str(r.id);
      if (id !== undefined)
        index.agents.set(id, { id, name: str(r.name), type: str(r.type), workspacePath: str(r.workspace_path) });
    }
  }
  return index;
}

/** A row's session; rows without one go to "unknown-session", as in the other importers. */
export function sessionOf(r: Row, ctx: MapContext): string {
  const id = str(r.session_id);
  if (id === undefined) {
    ctx.issue("missing session_id");
    return "unknown-session";
  }
  if (r._known_session === false) ctx.issue("session_id without a sessions row");
  return id;
}

const SESSION_KNOWN = [
  "id",
  "project_path",
  "start_time",
  "end_time",
  "status",
  "main_agent_id",
  "metadata",
  "created_at",
];

const sessions: AoTableSpec = {
  table: "sessions",
  key: (r) => String(r.id),
  map(r, ctx) {
    const invalid: Record<string, unknown> = {};
    const start = timeColumn(ctx, r.start_time, "start_time", invalid);
    const end = timeColumn(ctx, r.end_time, "end_time", invalid);
    const created = timeColumn(ctx, r.created_at, "created_at", invalid);
    const projectPath = str(r.project_path);
    const project = projectPath ? path.basename(projectPath.replace(/[\\/]+$/, "")) : undefined;
    const meta = spreadJson(ctx, r.metadata, "metadata");
    return {
      events: [
        {
          id: ctx.eventId("session"),
          type: "session",
          timestamp: (latest(end, start, created) ?? ctx.importedAt).toISOString(),
          body: {
            sessionId: String(r.id),
            source: SYSTEM,
            title: boundedText(meta.title) ?? (project ? `${project} session` : undefined),
            status: sourceWord(ctx, r.status, "status", SESSION_STATUSES) ?? "active",
            workDir: projectPath,
            project,
            startedAt: (start ?? created)?.toISOString(),
            endedAt: end?.toISOString(),
            metadata: { ...meta, main_agent_id: str(r.main_agent_id), ...ownExtras(r, SESSION_KNOWN), ...invalid },
          },
        },
      ],
    };
  },
};

const AGENT_KNOWN = [
  "id",
  "name",
  "type",
  "workspace_path",
  "status",
  "pid",
  "mcp_port",
  "capabilities",
  "config",
  "last_heartbeat",
  "created_at",
];

const agents: AoTableSpec = {
  table: "agents",
  key: (r) => String(r.id),
  map(r, ctx) {
    const invalid: Record<string, unknown> = {};
    const heartbeat = timeColumn(ctx, r.last_heartbeat, "last_heartbeat", invalid);
    const created = timeColumn(ctx, r.created_at, "created_at", invalid);
    return {
      events: [
        {
          id: ctx.eventId("agent"),
          type: "agent",
          timestamp: (latest(heartbeat, created) ?? ctx.importedAt).toISOString(),
          body: {
            agentId: String(r.id),
            name: boundedText(r.name),
            type: boundedText(r.type),
            kind: "instance",
            status: sourceWord(ctx, r.status, "status", AGENT_STATUSES),
            pid: countColumn(ctx, r.pid, "pid", invalid),
            port: countColumn(ctx, r.mcp_port, "mcp_port", invalid),
            capabilities: ctx.json(r.capabilities, "capabilities"),
            config: ctx.json(r.config, "config"),
            heartbeatAt: heartbeat?.toISOString(),
            workspacePath: str(r.workspace_path),
            metadata: { ...ownExtras(r, AGENT_KNOWN), ...invalid },
          },
        },
      ],
    };
  },
};

function withIndex(load: () => Promise<CentralIndex>, add: (r: Row, index: CentralIndex) => Row) {
  return async (rows: Row[]) => {
    const index = await load();
    return rows.map((r) => add(r, index));
  };
}

const knownAgent = (index: CentralIndex, id: string | undefined) =>
  id === undefined || index.agents.has(id) || index.mainAgents.has(id);

const MESSAGE_KNOWN = [
  "id",
  "session_id",
  "from_agent",
  "to_agent",
  "message_type",
  "content",
  "context",
  "timestamp",
  "processed",
  "response_to",
];

function messages(load: () => Promise<CentralIndex>): AoTableSpec {
  return {
    table: "messages",
    key: (r) => String(r.id),
    prepare: withIndex(load, (r, index) => ({
      ...r,
      _known_session: str(r.session_id) === undefined || index.sessions.has(String(r.session_id)),
      _known_from: knownAgent(index, str(r.from_agent)),
      _known_to: knownAgent(index, str(r.to_agent)),
    })),
    map(r, ctx) {
      const invalid: Record<string, unknown> = {};
      if (r._known_from === false) ctx.issue("from_agent without an agents row");
      if (r._known_to === false) ctx.issue("to_agent without an agents row");
      const processed = bool(r.processed);
      return {
        events: [
          {
            id: ctx.eventId("message"),
            type: "message",
            timestamp: ctx.time(r.timestamp, "timestamp").toISOString(),
            body: {
              messageId: String(r.id),
              sessionId: sessionOf(r, ctx),
              from: boundedText(r.from_agent) ?? "unknown",
              to: boundedText(r.to_agent) ?? "unknown",
              kind: sourceWord(ctx, r.message_type, "message_type", MESSAGE_TYPES),
              content: str(r.content) ?? "",
              context: ctx.json(r.context, "context"),
              replyTo: str(r.response_to),
              metadata: {
                ...(processed !== undefined ? { processed } : {}),
                ...ownExtras(r, MESSAGE_KNOWN),
                ...invalid,
              },
            },
          },
        ],
      };
    },
  };
}

/** Event types name what happened; failures and errors are not just information. */
export function eventLevel(eventType: string | undefined): string {
  if (eventType === undefined) return "info";
  if (/error|crash/i.test(eventType)) return "error";
  if (/fail|timeout|warn/i.test(eventType)) return "warn";
  return "info";
}

const EVENT_KNOWN = ["id", "session_id", "event_type", "agent_id", "event_data", "timestamp"];

function sessionEvents(load: () => Promise<CentralIndex>): AoTableSpec {
  return {
    table: "session_events",
    records: true,
    key: recordKey,
    prepare: withIndex(load, (r, index) => ({
      ...r,
      _known_session: str(r.session_id) === undefined || index.sessions.has(String(r.session_id)),
      _known_agent: knownAgent(index, str(r.agent_id)),
      _agent_type: index.agents.get(str(r.agent_id) ?? "")?.type ?? null,
    })),
    map(r, ctx): Mapped {
      if (r._known_agent === false) ctx.issue("agent_id without an agents row");
      const eventType = boundedText(r.event_type);
      const agentId = str(r.agent_id);
      return {
        events: [],
        once: [
          {
            id: ctx.eventId("log"),
            type: "log",
            timestamp: ctx.time(r.timestamp, "timestamp").toISOString(),
            body: {
              sessionId: str(r.session_id) === undefined ? undefined : sessionOf(r, ctx),
              agentId,
              agentType: str(r._agent_type),
              kind: eventType ?? "event",
              level: eventLevel(eventType),
              component: "session_events",
              message: `${eventType ?? "event"}${agentId ? ` (${agentId})` : ""}`,
              details: ctx.json(r.event_data, "event_data"),
              metadata: ownExtras(r, EVENT_KNOWN),
            },
          },
        ],
      };
    },
  };
}

const METRIC_KNOWN = ["id", "agent_id", "session_id", "metric_name", "metric_value", "timestamp"];

function agentMetrics(load: () => Promise<CentralIndex>): AoTableSpec {
  return {
    table: "agent_metrics",
    records: true,
    key: recordKey,
    prepare: withIndex(load, (r, index) => ({
      ...r,
      _known_session: str(r.session_id) === undefined || index.sessions.has(String(r.session_id)),
      _known_agent: knownAgent(index, str(r.agent_id)),
      _agent_type: index.agents.get(str(r.agent_id) ?? "")?.type ?? null,
    })),
    map(r, ctx): Mapped {
      const invalid: Record<string, unknown> = {};
      if (r._known_agent === false) ctx.issue("agent_id without an agents row");
      const value = amountColumn(ctx, r.metric_value, "metric_value", invalid);
      if (r.metric_value === null || r.metric_value === undefined || r.metric_value === "")
        ctx.issue("missing metric_value");
      const name = boundedText(r.metric_name);
      if (name === undefined) ctx.issue("missing metric_name");
      const at = ctx.time(r.timestamp, "timestamp");
      const sessionId = str(r.session_id) === undefined ? undefined : sessionOf(r, ctx);
      const agentType = str(r._agent_type);
      if (value === undefined || name === undefined) {
        // not storable as a metric (values are non-negative numbers): kept as a log line
        return {
          events: [],
          once: [
            {
              id: ctx.eventId("log"),
              type: "log",
              timestamp: at.toISOString(),
              body: {
                sessionId,
                agentId: str(r.agent_id),
                agentType,
                kind: "invalid_metric",
                level: "warn",
                component: "agent_metrics",
                message: `${name ?? "metric"}: ${String(invalid.metric_value ?? r.metric_value)}`,
                details: { metric_name: name ?? null, ...invalid },
                metadata: ownExtras(r, METRIC_KNOWN),
              },
            },
          ],
        };
      }
      return {
        events: [],
        once: [
          {
            id: ctx.eventId("metric"),
            type: "metric",
            timestamp: at.toISOString(),
            body: {
              name,
              value,
              sessionId,
              agentId: str(r.agent_id),
              labels: agentType ? { agent_type: agentType } : undefined,
              metadata: ownExtras(r, METRIC_KNOWN),
            },
          },
        ],
      };
    },
  };
}

export async function centralReaders(source: SqlSource, tables: readonly string[]): Promise<TableReader[]> {
  const load = () => loadCentralIndex(source, tables);
  return presentAoReaders(source, tables, [sessions, agents, messages(load), sessionEvents(load), agentMetrics(load)]);
}
