// The per-agent databases (.agents/<agent>/data/*.db, seed 003): handover_documents,
// session_analysis and session_recommendations become artifacts; validation_results are kept
// on their handover's artifact and become log events of its session. Other tables with a session_id are kept as artifacts
// of their own type; caches of files (user_templates, user_rules) are not imported.
import path from "node:path";
import type { Row, SqlSource } from "../source";
import { amountColumn, boundedText, countColumn, sourceWord, timeColumn } from "../source-words";
import { latest, str } from "../sql-reader";
import type { MapContext, Mapped, TableReader } from "../types";
import { sessionOf, type CentralIndex } from "./central-readers";
import { aoTableReader, ownExtras, recordKey, type AoTableSpec } from "./table-reader";

export const VALIDATION_STATUSES = ["pending", "passed", "failed"] as const;
export const RULE_STATUSES = ["passed", "failed", "warning"] as const;
const SKIPPED_TABLES = ["user_templates", "user_rules"];

export type AgentDb = {
  /** the agent's folder name under .agents/ */
  agent: string;
  file: string;
  source: SqlSource;
  tables: string[];
  /** label prefix: `<agent>` or `<agent>/<db>` when the agent has several databases */
  prefix: string;
};

/** The central agents row of an agent folder: by name, or by its workspace path. */
export function centralAgentFor(index: CentralIndex, folder: string): string | undefined {
  for (const agent of index.agents.values()) {
    if (
      agent.name === folder ||
      (agent.workspacePath && path.basename(agent.workspacePath.replace(/[\\/]+$/, "")) === folder)
    )
      return agent.id;
  }
  return undefined;
}

function rowTime(r: Row, ctx: MapContext, invalid: Record<string, unknown>): string {
  return (
    latest(
      timeColumn(ctx, r.updated_at, "updated_at", invalid),
      timeColumn(ctx, r.created_at, "created_at", invalid),
    ) ?? ctx.importedAt
  ).toISOString();
}

type Load = () => Promise<CentralIndex>;

const knownSession =
  (load: Load) =>
  async (rows: Row[]): Promise<Row[]> => {
    const index = await load();
    // without a central database there is nothing to check against
    const check = index.sessions.size > 0;
    return rows.map((r) => ({
      ...r,
      _known_session: !check || str(r.session_id) === undefined || index.sessions.has(String(r.session_id)),
    }));
  };

const HANDOVER_KNOWN = [
  "id",
  "session_id",
  "template_name",
  "version",
  "content",
  "placeholders_remaining",
  "validation_status",
  "validation_errors",
  "file_path",
  "created_at",
];

function handovers(db: AgentDb, load: Load): AoTableSpec {
  return {
    table: "handover_documents",
    label: `${db.prefix}/handover_documents`,
    key: (r) => String(r.id),
    async prepare(rows) {
      // a handover carries the results of its validation (as the handover agent shows them)
      const results = new Map<string, Row[]>();
      if (db.tables.includes("validation_results")) {
        for (const v of await db.source.all("SELECT * FROM validation_results ORDER BY created_at, id")) {
          const id = str(v.handover_id);
          if (id === undefined) continue;
          const list = results.get(id) ?? [];
          list.push({
            rule_name: str(v.rule_name) ?? null,
            rule_type: str(v.rule_type) ?? null,
            status: str(v.status) ?? null,
            message: str(v.message) ?? null,
          });
          results.set(id, list);
        }
      }
      return (await knownSession(load)(rows)).map((r) => ({
        ...r,
        _validation_results: results.get(String(r.id)) ?? [],
      }));
    },
    map(r, ctx) {
      const invalid: Record<string, unknown> = {};
      const version = countColumn(ctx, r.version, "version", invalid);
      const validation =
        Array.isArray(r._validation_results) && r._validation_results.length > 0
          ? { validation_results: r._validation_results }
          : {};
      return {
        events: [
          {
            id: ctx.eventId("artifact"),
            type: "artifact",
            timestamp: rowTime(r, ctx, invalid),
            body: {
              artifactId: `${db.agent}:handover:${String(r.id)}`,
              sessionId: sessionOf(r, ctx),
              type: "handover",
              name: `Session handover v${version ?? 1}`,
              path: str(r.file_path),
              version,
              content: str(r.content),
              status: sourceWord(ctx, r.validation_status, "validation_status", VALIDATION_STATUSES),
              data: {
                template_name: str(r.template_name),
                placeholders_remaining: ctx.json(r.placeholders_remaining, "placeholders_remaining"),
                validation_errors: ctx.json(r.validation_errors, "validation_errors"),
                ...validation,
              },
              metadata: { agent: db.agent, ...ownExtras(r, HANDOVER_KNOWN), ...invalid },
            },
          },
        ],
      };
    },
  };
}

const VALIDATION_KNOWN = ["id", "handover_id", "rule_name", "rule_type", "status", "message", "created_at"];

function validationResults(db: AgentDb, load: Load): AoTableSpec {
  return {
    table: "validation_results",
    label: `${db.prefix}/validation_results`,
    records: true,
    key: recordKey,
    async prepare(rows) {
      const handovers = new Map<string, string | null>();
      if (db.tables.includes("handover_documents")) {
        for (const h of await db.source.all("SELECT * FROM handover_documents"))
          handovers.set(String(h.id), str(h.session_id) ?? null);
      }
      const agentId = centralAgentFor(await load(), db.agent) ?? null;
      return rows.map((r) => {
        const handover = str(r.handover_id);
        return {
          ...r,
          _handover_known: handover === undefined || handovers.has(handover),
          _session: handover === undefined ? null : (handovers.get(handover) ?? null),
          _agent: agentId,
        };
      });
    },
    map(r, ctx): Mapped {
      const invalid: Record<string, unknown> = {};
      if (r._handover_known === false) ctx.issue("handover_id without a handover_documents row");
      const status = sourceWord(ctx, r.status, "status", RULE_STATUSES);
      const rule = str(r.rule_name) ?? "rule";
      const message = str(r.message);
      const word = status?.toLowerCase();
      return {
        events: [],
        once: [
          {
            id: ctx.eventId("log"),
            type: "log",
            timestamp: ctx.time(r.created_at, "created_at").toISOString(),
            body: {
              sessionId: str(r._session),
              agentId: str(r._agent),
              kind: "validation",
              level: word === "failed" ? "error" : word === "warning" ? "warn" : "info",
              component: db.agent,
              message: `${rule}: ${status ?? "unknown"}${message ? ` — ${message}` : ""}`,
              details: {
                handover_id: str(r.handover_id) ?? null,
                rule_name: rule,
                rule_type: str(r.rule_type) ?? null,
                status: status ?? null,
                message: message ?? null,
              },
              metadata: { ...ownExtras(r, VALIDATION_KNOWN), ...invalid },
            },
          },
        ],
      };
    },
  };
}

function sessionArtifact(
  db: AgentDb,
  load: Load,
  table: string,
  type: string,
  name: (r: Row) => string | undefined,
  dataColumn: string | undefined,
  known: string[],
): AoTableSpec {
  return {
    table,
    label: `${db.prefix}/${table}`,
    key: (r) => String(r.id ?? JSON.stringify(r)),
    prepare: knownSession(load),
    map(r, ctx) {
      const invalid: Record<string, unknown> = {};
      const confidence = amountColumn(ctx, r.confidence_score, "confidence_score", invalid);
      const data =
        dataColumn !== undefined
          ? ctx.json(r[dataColumn], dataColumn)
          : Object.fromEntries(
              Object.entries(ownExtras(r, ["id", "session_id"])).map(([k, v]) => [
                k,
                typeof v === "string" && /^\s*[[{]/.test(v) ? ctx.json(v, k) : v,
              ]),
            );
      return {
        events: [
          {
            id: ctx.eventId("artifact"),
            type: "artifact",
            timestamp: rowTime(r, ctx, invalid),
            body: {
              artifactId: `${db.agent}:${table}:${String(r.id ?? ctx.eventId("row"))}`,
              sessionId: sessionOf(r, ctx),
              type,
              name: boundedText(name(r)) ?? type,
              data,
              score: confidence,
              scores: confidence !== undefined ? { confidence } : undefined,
              metadata: { agent: db.agent, ...(dataColumn !== undefined ? ownExtras(r, known) : {}), ...invalid },
            },
          },
        ],
      };
    },
  };
}

export async function agentDbReaders(db: AgentDb, load: Load): Promise<TableReader[]> {
  const specs: AoTableSpec[] = [];
  const has = (t: string) => db.tables.includes(t);
  if (has("handover_documents")) specs.push(handovers(db, load));
  if (has("validation_results")) specs.push(validationResults(db, load));
  if (has("session_analysis")) {
    specs.push(
      sessionArtifact(db, load, "session_analysis", "session_analysis", (r) => str(r.analysis_type), "analysis_data", [
        "id",
        "session_id",
        "analysis_type",
        "analysis_data",
        "created_at",
      ]),
    );
  }
  if (has("session_recommendations")) {
    specs.push(
      sessionArtifact(
        db,
        load,
        "session_recommendations",
        "session_recommendation",
        (r) => str(r.recommendation_type),
        "recommendation_data",
        ["id", "session_id", "recommendation_type", "recommendation_data", "confidence_score", "created_at"],
      ),
    );
  }
  const handled = [
    "handover_documents",
    "validation_results",
    "session_analysis",
    "session_recommendations",
    ...SKIPPED_TABLES,
  ];
  for (const table of db.tables.filter((t) => !handled.includes(t) && !t.startsWith("sqlite_"))) {
    const columns = await db.source.columns(table);
    if (!columns.includes("session_id")) continue;
    const type = table.replace(/s$/, "");
    specs.push(
      sessionArtifact(
        db,
        load,
        table,
        type,
        (r) => str(r.name) ?? str(r.title) ?? str(r[`${type}_type`]),
        undefined,
        [],
      ),
    );
  }
  const readers: TableReader[] = [];
  for (const spec of specs) readers.push(await aoTableReader(db.source, spec));
  return readers;
}
