// BAZINGA (bazinga.db), every version its code has written: the documented schema (seed 000),
// the current 18-table schema (v19) and the dashboards' fixture schemas. Its vocabulary
// (statuses, agent types, tables) is data in bazinga-vocabulary.ts; columns a mapping does not
// use go to metadata, tables without a canonical home are kept raw (bazinga-extra-tables.ts).
//
// What is followed how: logs, token usage and decisions are append-only (read past their id);
// sessions, task groups, state snapshots (an upsert at v19), skill outputs and every other
// table are read whole each pass, so in-place edits and deletes are seen too.
import { ImportError } from "../import-error";
import { detectSystem } from "../detect";
import { openSqlSource, type Row } from "../source";
import { extras, int, latest, presentReaders, str, type SqlReaderSpec } from "../sql-reader";
import type { Importer, MapContext, Mapped, TableReader } from "../types";
import { EXTRA_ENTITY_SPECS, rawReader } from "./bazinga-extra-tables";
import { bazingaAgent, bazingaStatus, bazingaTime } from "./bazinga-fields";
import { detectBazingaSchema } from "./bazinga-version";
import { isModelName, SESSION_STATUSES, tableRole, TASK_GROUP_STATUSES } from "./bazinga-vocabulary";

function sessionId(row: Row, ctx: MapContext): string {
  const id = str(row.session_id);
  if (!id) {
    ctx.issue("missing session_id");
    return "unknown-session";
  }
  return id;
}

/** The time of a record that must have one; missing or unparseable is an issue. */
function recordTime(ctx: MapContext, value: unknown, field: string): Date {
  const at = bazingaTime(ctx, value, field);
  if (at) return at;
  if (value === null || value === undefined || value === "") ctx.issue(`missing ${field}`);
  return ctx.importedAt;
}

/** JSON text in a metadata column (specializations, context_references, metadata) parsed. */
function withJson(ctx: MapContext, meta: Record<string, unknown>, columns: readonly string[]): Record<string, unknown> {
  for (const c of columns) if (typeof meta[c] === "string") meta[c] = ctx.json(meta[c], c);
  return meta;
}

/** Agent spelling kept beside the canonical type. */
function agentMeta(agent: { sourceAgentType?: string }): Record<string, unknown> {
  return agent.sourceAgentType ? { sourceAgentType: agent.sourceAgentType } : {};
}

const SESSION_COLUMNS = ["session_id", "start_time", "end_time", "mode", "original_requirements", "status"];
const LOG_COLUMNS = [
  "id",
  "session_id",
  "timestamp",
  "iteration",
  "agent_type",
  "agent_id",
  "content",
  "event_payload",
  "log_type",
  "event_subtype",
];

/** The readers' specs; `taskNames` remembers the groups seen, so a deleted group keeps its name. */
function bazingaSpecs(taskNames: Map<string, string>): SqlReaderSpec[] {
  return [
    {
      table: "sessions",
      mode: { kind: "mutable" },
      key: (r) => String(r.session_id),
      map(r, ctx) {
        const created = bazingaTime(ctx, r.created_at, "created_at");
        const startedAt = bazingaTime(ctx, r.start_time, "start_time") ?? created;
        // the real code writes end_time with datetime.now().isoformat(): local time (T, no zone)
        const endedAt = bazingaTime(ctx, r.end_time, "end_time");
        const at = latest(startedAt, endedAt, created) ?? ctx.importedAt;
        const status = bazingaStatus(ctx, SESSION_STATUSES, r.status ?? "active", "status");
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
                ...status,
                startedAt: startedAt?.toISOString(),
                endedAt: endedAt?.toISOString(),
                metadata: withJson(ctx, extras(r, SESSION_COLUMNS), ["metadata"]),
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
        const agent = bazingaAgent(ctx, r.agent_type);
        const payload = ctx.json(r.event_payload, "event_payload");
        const meta = {
          ...withJson(ctx, extras(r, LOG_COLUMNS), ["references_json"]),
          ...agentMeta(agent),
          ...(str(r.log_type) ? { logType: str(r.log_type) } : {}),
        };
        return {
          events: [
            {
              id: ctx.eventId("log"),
              type: "log",
              timestamp: recordTime(ctx, r.timestamp, "timestamp").toISOString(),
              body: {
                sessionId: sessionId(r, ctx),
                iteration: int(r.iteration),
                agentType: agent.agentType,
                agentId: str(r.agent_id),
                // events are `system` (or `investigator`) rows with content "Event: <subtype>"
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
      // an upsert on (session_id, state_type, group_id) at v19, append-only before: read whole,
      // each saved version becomes a snapshot
      table: "state_snapshots",
      mode: { kind: "mutable" },
      key: (r) => String(r.id),
      map(r, ctx) {
        return {
          events: [
            {
              id: ctx.eventId("state"),
              type: "state",
              timestamp: recordTime(ctx, r.timestamp, "timestamp").toISOString(),
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
        const at =
          latest(bazingaTime(ctx, r.updated_at, "updated_at"), bazingaTime(ctx, r.created_at, "created_at")) ??
          ctx.importedAt;
        const sid = sessionId(r, ctx);
        const name = str(r.name) ?? String(r.id);
        taskNames.set(`${sid}/${String(r.id)}`, name);
        return {
          events: [
            {
              id: ctx.eventId("task"),
              type: "task",
              timestamp: at.toISOString(),
              body: {
                taskId: `${sid}/${String(r.id)}`,
                sessionId: sid,
                name,
                kind: "task_group",
                ...bazingaStatus(ctx, TASK_GROUP_STATUSES, r.status, "status"),
                assignee: str(r.assigned_to),
                revisionCount: int(r.revision_count),
                reviewStatus: str(r.last_review_status),
                metadata: {
                  groupId: String(r.id),
                  ...withJson(
                    ctx,
                    extras(r, [
                      "id",
                      "session_id",
                      "name",
                      "status",
                      "assigned_to",
                      "revision_count",
                      "last_review_status",
                      "updated_at",
                    ]),
                    ["specializations", "context_references", "speckit_task_ids"],
                  ),
                },
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
        const at = recordTime(ctx, r.timestamp, "timestamp");
        const tokens = int(r.tokens_estimated);
        if (tokens === undefined) ctx.issue("invalid tokens_estimated");
        const agent = bazingaAgent(ctx, r.agent_type);
        // log-tokens stores its documented [model] argument in agent_id
        const agentId = str(r.agent_id);
        const model = str(r.model) ?? (agentId && isModelName(agentId) ? agentId : undefined);
        return {
          events: [
            {
              id: ctx.eventId("usage"),
              type: "llm_call",
              timestamp: at.toISOString(),
              body: {
                callId: ctx.eventId("call"),
                sessionId: sessionId(r, ctx),
                agentType: agent.agentType,
                agentId: model !== undefined && model === agentId ? undefined : agentId,
                totalTokens: tokens ?? 0,
                estimated: true,
                model,
                startedAt: at.toISOString(),
                metadata: {
                  ...extras(r, [
                    "id",
                    "session_id",
                    "timestamp",
                    "agent_type",
                    "agent_id",
                    "tokens_estimated",
                    "model",
                  ]),
                  ...agentMeta(agent),
                  ...(model !== undefined && model === agentId ? { modelFrom: "agent_id" } : {}),
                },
              },
            },
          ],
        };
      },
    },
    {
      // unique per (session, skill, agent, group, iteration) at v19: a re-run replaces the row
      table: "skill_outputs",
      mode: { kind: "mutable" },
      key: (r) => String(r.id),
      map(r, ctx) {
        const data = ctx.json(r.output_data, "output_data");
        const reported =
          data && typeof data === "object" && !Array.isArray(data)
            ? (data as Record<string, unknown>).status
            : undefined;
        const agent = r.agent_type === undefined ? {} : bazingaAgent(ctx, r.agent_type);
        return {
          events: [
            {
              id: ctx.eventId("artifact"),
              type: "artifact",
              timestamp: recordTime(ctx, r.timestamp, "timestamp").toISOString(),
              body: {
                artifactId: ctx.eventId("artifact"),
                sessionId: sessionId(r, ctx),
                type: "skill_output",
                name: str(r.skill_name) ?? "skill",
                data,
                status: typeof reported === "string" ? reported.slice(0, 1000) : undefined,
                metadata: {
                  ...extras(r, ["id", "session_id", "timestamp", "skill_name", "output_data", "agent_type"]),
                  ...(agent.agentType ? { agentType: agent.agentType } : {}),
                  ...agentMeta(agent),
                },
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
              timestamp: recordTime(ctx, r.timestamp, "timestamp").toISOString(),
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
    ...Object.values(EXTRA_ENTITY_SPECS),
  ];
}

/**
 * What a row gone from the source becomes: its session or task group is no longer in flight
 * (cancelled, source word "deleted"). The time is when the deletion was seen; the source
 * keeps none.
 */
function deletedHook(
  table: string,
  taskNames: Map<string, string>,
): ((key: string, ctx: MapContext) => Mapped) | undefined {
  if (table === "sessions") {
    return (key, ctx) => ({
      events: [
        {
          id: ctx.eventId("deleted", ctx.importedAt.getTime()),
          type: "session",
          timestamp: ctx.importedAt.toISOString(),
          body: { sessionId: key, source: "bazinga", status: "cancelled", sourceStatus: "deleted" },
        },
      ],
    });
  }
  if (table === "task_groups") {
    return (key, ctx) => {
      const cut = key.lastIndexOf("/");
      const body = {
        taskId: key,
        sessionId: key.slice(0, cut),
        name: taskNames.get(key) ?? key.slice(cut + 1),
        status: "cancelled",
        sourceStatus: "deleted",
      };
      return {
        events: [
          {
            id: ctx.eventId("deleted", ctx.importedAt.getTime()),
            type: "task",
            timestamp: ctx.importedAt.toISOString(),
            body,
          },
        ],
      };
    };
  }
  return undefined;
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
      const schema = await detectBazingaSchema(source, tables);
      const taskNames = new Map<string, string>();
      const specs = bazingaSpecs(taskNames);
      const readers: TableReader[] = (await presentReaders(source, specs)).map((r) => {
        const deleted = deletedHook(r.table, taskNames);
        return deleted ? { ...r, deleted } : r;
      });
      const mapped = new Set(specs.map((s) => s.table));
      for (const table of tables) {
        if (mapped.has(table)) continue;
        const role = tableRole(table);
        if (role.kind === "raw") readers.push(rawReader(source, table, await source.columns(table), role, tables));
        else if (role.kind === "entity")
          throw new Error(`bazinga table map names ${table} as ${role.entity} but no reader maps it`);
      }
      return { readers, version: schema.label, changeToken: () => source.changeToken(), close: () => source.close() };
    } catch (error) {
      await source.close();
      throw error;
    }
  },
};
