// The tables newer BAZINGA versions add. Those with a canonical home become artifacts with the
// row's own times (development_plans, success_criteria, context_packages); every other table is
// kept as raw source records — on its session when it has one, else on the project — never
// dropped, and never stamped with the import time.
import { createHash } from "node:crypto";
import { boundedText } from "../source-words";
import { quoteIdent, type Row, type SqlSource } from "../source";
import { extras, int, latest, sqlReader, str, type SqlReaderSpec } from "../sql-reader";
import type { MapContext, TableReader } from "../types";
import { bazingaAgent, bazingaTime } from "./bazinga-fields";
import { DEFAULT_TIME_COLUMNS, mappedStatus, SUCCESS_CRITERION_STATUSES, type TableRole } from "./bazinga-vocabulary";

function sessionOf(row: Row, ctx: MapContext): string {
  const id = str(row.session_id);
  if (id) return id;
  ctx.issue("missing session_id");
  return "unknown-session";
}

/** The newest of the row's own time columns (undefined when it has none: never the import time). */
function rowTime(ctx: MapContext, row: Row, columns: readonly string[]): Date | undefined {
  return latest(
    ...columns.filter((c) => row[c] !== undefined && row[c] !== null).map((c) => bazingaTime(ctx, row[c], c)),
  );
}

/** JSON text columns parsed (invalid JSON is an issue and kept as { raw }), others as they are. */
function parsedColumns(ctx: MapContext, row: Row, skip: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(extras(row, skip)).map(([k, v]) => [
      k,
      typeof v === "string" && /^[[{]/.test(v.trim()) ? ctx.json(v, k) : v,
    ]),
  );
}

/** An upsert event's time: the row's newest time column; a row with none is an issue. */
function eventTime(ctx: MapContext, row: Row): Date {
  const at = rowTime(ctx, row, ["updated_at", "created_at", "timestamp"]);
  if (at) return at;
  ctx.issue("no timestamp column");
  return ctx.importedAt;
}

/** development_plans.phases[].completed_at is datetime.now().isoformat(): local time. */
function phasesInUtc(ctx: MapContext, phases: unknown): unknown {
  if (!Array.isArray(phases)) return phases;
  return phases.map((p: unknown) => {
    if (!p || typeof p !== "object" || Array.isArray(p)) return p;
    const phase = p as Record<string, unknown>;
    if (phase.completed_at === undefined || phase.completed_at === null) return phase;
    const at = bazingaTime(ctx, phase.completed_at, "phases.completed_at");
    return { ...phase, completed_at: at?.toISOString() ?? phase.completed_at, sourceCompletedAt: phase.completed_at };
  });
}

const developmentPlans: SqlReaderSpec = {
  table: "development_plans",
  mode: { kind: "mutable" },
  key: (r) => `${String(r.session_id)}/${String(r.id)}`,
  map(r, ctx) {
    const data = parsedColumns(ctx, r, ["id", "session_id", "title", "plan_text", "created_at", "updated_at"]);
    if ("phases" in data) data.phases = phasesInUtc(ctx, data.phases);
    const current = int(r.current_phase);
    const total = int(r.total_phases);
    return {
      events: [
        {
          id: ctx.eventId("artifact"),
          type: "artifact",
          timestamp: eventTime(ctx, r).toISOString(),
          body: {
            artifactId: ctx.eventId("artifact"),
            sessionId: sessionOf(r, ctx),
            type: "development_plan",
            name:
              boundedText(r.title) ??
              (total !== undefined ? `Development plan (phase ${current ?? "?"} of ${total})` : "Development plan"),
            content: str(r.plan_text),
            data,
            status:
              current !== undefined && total !== undefined
                ? current >= total
                  ? "completed"
                  : "in_progress"
                : undefined,
          },
        },
      ],
    };
  },
};

const successCriteria: SqlReaderSpec = {
  table: "success_criteria",
  mode: { kind: "mutable" },
  key: (r) => `${String(r.session_id)}/${String(r.id)}`,
  map(r, ctx) {
    const word = str(r.status);
    const status = word ? mappedStatus(SUCCESS_CRITERION_STATUSES, word) : undefined;
    if (word && status === undefined) ctx.issue(`unmapped success_criteria status "${word}"`);
    return {
      events: [
        {
          id: ctx.eventId("artifact"),
          type: "artifact",
          timestamp: eventTime(ctx, r).toISOString(),
          body: {
            artifactId: ctx.eventId("artifact"),
            sessionId: sessionOf(r, ctx),
            type: "success_criterion",
            name: boundedText(r.criterion) ?? `criterion ${String(r.id)}`,
            status: status ?? word,
            data: parsedColumns(ctx, r, ["id", "session_id", "criterion", "status", "created_at", "updated_at"]),
            metadata: { sourceStatus: word ?? null },
          },
        },
      ],
    };
  },
};

const contextPackages: SqlReaderSpec = {
  table: "context_packages",
  mode: { kind: "mutable" },
  key: (r) => `${String(r.session_id)}/${String(r.id)}`,
  map(r, ctx) {
    const producer = bazingaAgent(ctx, r.producer_agent);
    return {
      events: [
        {
          id: ctx.eventId("artifact"),
          type: "artifact",
          timestamp: eventTime(ctx, r).toISOString(),
          body: {
            artifactId: ctx.eventId("artifact"),
            sessionId: sessionOf(r, ctx),
            type: "context_package",
            name: boundedText(r.summary) ?? str(r.file_path) ?? `package ${String(r.id)}`,
            path: str(r.file_path),
            version: int(r.version),
            content: str(r.summary),
            metadata: {
              ...extras(r, ["id", "session_id", "summary", "file_path", "version", "created_at"]),
              ...(producer.agentType ? { producerAgentType: producer.agentType } : {}),
            },
          },
        },
      ],
    };
  },
};

/** The extra tables mapped to artifacts, by table name. */
export const EXTRA_ENTITY_SPECS: Readonly<Record<string, SqlReaderSpec>> = {
  development_plans: developmentPlans,
  success_criteria: successCriteria,
  context_packages: contextPackages,
};

function contentKey(row: Row): string {
  return createHash("sha256")
    .update(JSON.stringify(extras(row, [])))
    .digest("hex")
    .slice(0, 16);
}

/**
 * A table kept raw: every row a source record (mutable, so edits and deletes are followed).
 * context_package_consumers has no session_id: its package's session is joined in.
 */
export function rawReader(
  source: SqlSource,
  table: string,
  columns: readonly string[],
  role: Extract<TableRole, { kind: "raw" }>,
  tables: readonly string[],
): TableReader {
  const keyColumns = (role.keyColumns ?? (columns.includes("id") ? ["id"] : [])).filter((c) => columns.includes(c));
  const timeColumns = (role.timeColumns.length > 0 ? role.timeColumns : DEFAULT_TIME_COLUMNS).filter((c) =>
    columns.includes(c),
  );
  const joinsPackage =
    !columns.includes("session_id") && columns.includes("package_id") && tables.includes("context_packages");
  const reader = sqlReader(source, {
    table,
    mode: { kind: "mutable" },
    key: (r) => (keyColumns.length > 0 ? keyColumns.map((c) => str(r[c]) ?? "").join("/") : contentKey(r)),
    map(r, ctx) {
      const sessionRef = str(joinsPackage ? r.package_session_id : r.session_id);
      return {
        events: [],
        raw: [
          {
            reason: "unmapped table",
            sessionRef,
            at: rowTime(ctx, r, timeColumns),
            data: extras(r, ["package_session_id"]),
          },
        ],
      };
    },
  });
  if (!joinsPackage) return reader;
  const t = quoteIdent(table);
  return {
    ...reader,
    read: () =>
      source.all(
        `SELECT c.*, p.session_id AS package_session_id FROM ${t} c LEFT JOIN ${quoteIdent("context_packages")} p ON p.id = c.package_id`,
      ),
  };
}
