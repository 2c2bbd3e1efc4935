// The Guardian MCP server's coordination.db (guardian/mcp-server, lib/DatabaseManager.js):
// agents (register_agent is INSERT OR REPLACE, update_status rewrites status/details and the
// heartbeat), messages between agents (send_message, one `notification` per other agent from
// notify_output_ready; check_messages sets read_at) and outputs (notify_output_ready). All
// times are SQLite CURRENT_TIMESTAMP (UTC).
//
// It has no session id. Its rows carry nothing stable to derive one from either: re-registering
// an agent rewrites its created_at, and clearOldMessages deletes messages after 7 days, so any
// id built from the rows would change as the database lives. Agents are per project already,
// so the database's messages and outputs go to one session per project, GUARDIAN_SESSION: the
// project's coordination channel. The same database imported on two machines into the same
// project merges; the file's path plays no part.
import path from "node:path";
import type { Row, SqlSource } from "../source";
import { boundedText, sourceWord, timeColumn } from "../source-words";
import { latest, str } from "../sql-reader";
import type { MapContext, TableReader } from "../types";
import { SYSTEM } from "./central-readers";
import { ownExtras, presentAoReaders, type AoTableSpec } from "./table-reader";
import { GUARDIAN_AGENT_STATUS, GUARDIAN_MESSAGE_TYPES, STALE_AFTER_MS } from "./vocabulary";

export const GUARDIAN_SESSION = "guardian";
export const GUARDIAN_TABLES = ["agents", "messages", "outputs"] as const;

/** The Guardian database: agents, messages and outputs, without the central database's sessions. */
export function isGuardianDb(tables: readonly string[]): boolean {
  return (
    GUARDIAN_TABLES.every((t) => tables.includes(t)) &&
    !tables.includes("sessions") &&
    !tables.includes("session_events")
  );
}

const AGENT_STATUSES = Object.keys(GUARDIAN_AGENT_STATUS);
const AGENT_KNOWN = ["id", "workspace_path", "status", "details", "capabilities", "last_heartbeat", "created_at"];

const agents: AoTableSpec = {
  table: "agents",
  label: "coordination.db/agents",
  key: (r) => String(r.id),
  map(r, ctx) {
    const invalid: Record<string, unknown> = {};
    const heartbeat = timeColumn(ctx, r.last_heartbeat, "last_heartbeat", invalid);
    const created = timeColumn(ctx, r.created_at, "created_at", invalid);
    const workspace = str(r.workspace_path);
    return {
      events: [
        {
          id: ctx.eventId("agent"),
          type: "agent",
          timestamp: (latest(heartbeat, created) ?? ctx.importedAt).toISOString(),
          body: {
            agentId: String(r.id),
            name: String(r.id),
            type: "claude-code",
            kind: "instance",
            status: sourceWord(ctx, r.status, "status", AGENT_STATUSES),
            capabilities: ctx.json(r.capabilities, "capabilities"),
            heartbeatAt: heartbeat?.toISOString(),
            workspacePath: workspace,
            metadata: {
              details: str(r.details) ?? null,
              registered_at: created?.toISOString(),
              workspace: workspace ? path.basename(workspace.replace(/[\\/]+$/, "")) : undefined,
              guardian_session: GUARDIAN_SESSION,
              ...ownExtras(r, AGENT_KNOWN),
              ...invalid,
            },
          },
        },
      ],
    };
  },
};

const MESSAGE_KNOWN = ["id", "from_agent", "to_agent", "message_type", "content", "file_path", "created_at", "read_at"];

const messages: AoTableSpec = {
  table: "messages",
  label: "coordination.db/messages",
  key: (r) => String(r.id),
  map(r, ctx) {
    const invalid: Record<string, unknown> = {};
    const readAt = timeColumn(ctx, r.read_at, "read_at", invalid);
    const file = str(r.file_path);
    return {
      events: [
        {
          id: ctx.eventId("message"),
          type: "message",
          timestamp: ctx.time(r.created_at, "created_at").toISOString(),
          body: {
            messageId: `${GUARDIAN_SESSION}:message:${String(r.id)}`,
            sessionId: GUARDIAN_SESSION,
            from: boundedText(r.from_agent) ?? "unknown",
            to: boundedText(r.to_agent) ?? "unknown",
            kind: sourceWord(ctx, r.message_type, "message_type", GUARDIAN_MESSAGE_TYPES),
            content: str(r.content) ?? "",
            context: file ? { file_path: file } : undefined,
            metadata: {
              read: readAt !== undefined,
              read_at: readAt?.toISOString() ?? null,
              ...ownExtras(r, MESSAGE_KNOWN),
              ...invalid,
            },
          },
        },
      ],
    };
  },
};

const OUTPUT_KNOWN = ["id", "agent_id", "file_path", "metadata", "created_at"];

const outputs: AoTableSpec = {
  table: "outputs",
  label: "coordination.db/outputs",
  key: (r) => String(r.id),
  map(r, ctx) {
    const file = str(r.file_path);
    const data = ctx.json(r.metadata, "metadata");
    const type =
      data !== null && typeof data === "object" && !Array.isArray(data) ? boundedText((data as Row).type) : undefined;
    return {
      events: [
        {
          id: ctx.eventId("artifact"),
          type: "artifact",
          timestamp: ctx.time(r.created_at, "created_at").toISOString(),
          body: {
            artifactId: `${GUARDIAN_SESSION}:output:${String(r.id)}`,
            sessionId: GUARDIAN_SESSION,
            type: type ?? "agent_output",
            name: file ? path.basename(file) : `output ${String(r.id)}`,
            path: file,
            data,
            metadata: { agent: str(r.agent_id), ...ownExtras(r, OUTPUT_KNOWN) },
          },
        },
      ],
    };
  },
};

/** Newest and oldest times of the database, and whether an agent still says it works. */
async function activity(source: SqlSource): Promise<Row> {
  const one = async (sql: string) => (await source.all(sql))[0] ?? {};
  const a = await one(
    "SELECT min(created_at) AS first, max(last_heartbeat) AS last, max(created_at) AS created FROM agents",
  );
  const m = await one("SELECT min(created_at) AS first, max(created_at) AS last, max(read_at) AS read FROM messages");
  const o = await one("SELECT max(created_at) AS last FROM outputs");
  const statuses = (await source.all("SELECT DISTINCT status FROM agents"))
    .map((r) => str(r.status))
    .filter((s): s is string => s !== undefined);
  const times = [a.last, a.created, m.last, m.read, o.last]
    .map((v) => str(v))
    .filter((v): v is string => v !== undefined);
  const firsts = [a.first, m.first].map((v) => str(v)).filter((v): v is string => v !== undefined);
  return { first: firsts.sort()[0] ?? null, last: times.sort().at(-1) ?? null, statuses: statuses.sort().join(",") };
}

/** Whether the database's newest change is older than STALE_AFTER_MS (it is UTC text). */
export function guardianStale(last: unknown, now = Date.now()): boolean {
  const at = typeof last === "string" ? Date.parse(`${last.replace(" ", "T")}Z`) : Number.NaN;
  return Number.isFinite(at) && now - at > STALE_AFTER_MS;
}

/**
 * The coordination channel's session: running while an agent says it works (active, busy,
 * waiting) and the database changed within STALE_AFTER_MS; completed, ended at its last change,
 * once every agent is done or nothing has changed for that long.
 */
function sessionReader(source: SqlSource): TableReader {
  return {
    table: "coordination.db/session",
    mode: { kind: "mutable" },
    key: () => GUARDIAN_SESSION,
    async read() {
      const r = await activity(source);
      if (r.first === null && r.last === null) return [];
      return [{ ...r, stale: guardianStale(r.last) }];
    },
    map(r, ctx: MapContext) {
      const started = ctx.optionalTime(r.first, "created_at");
      const last = ctx.optionalTime(r.last, "last_heartbeat");
      const working = String(r.statuses)
        .split(",")
        .some((s) => ["running", "pending"].includes(GUARDIAN_AGENT_STATUS[s] ?? ""));
      const ended = r.stale === true || !working;
      return {
        events: [
          {
            id: ctx.eventId("session"),
            type: "session",
            // ended by staleness: at last change + STALE_AFTER_MS, so it wins over the running state
            timestamp: (
              latest(r.stale === true && last ? new Date(last.getTime() + STALE_AFTER_MS) : undefined, last, started) ??
              ctx.importedAt
            ).toISOString(),
            body: {
              sessionId: GUARDIAN_SESSION,
              source: SYSTEM,
              title: "Guardian coordination",
              kind: "coordination",
              status: ended ? "completed" : "running",
              startedAt: started?.toISOString(),
              endedAt: ended ? last?.toISOString() : undefined,
              metadata: {
                database: "coordination.db",
                agent_statuses: String(r.statuses),
                ended_by: ended
                  ? r.stale === true
                    ? "no change within the stale threshold"
                    : "every agent done"
                  : null,
                stale_after_minutes: STALE_AFTER_MS / 60_000,
              },
            },
          },
        ],
      };
    },
  };
}

export async function guardianReaders(source: SqlSource, tables: readonly string[]): Promise<TableReader[]> {
  return [sessionReader(source), ...(await presentAoReaders(source, tables, [agents, messages, outputs]))];
}
