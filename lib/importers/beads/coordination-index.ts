// The coordination database (seed 004) as the mappers see it: which workflows exist, which
// assignment (run) a result or a performance row belongs to, and a reader that adds such
// `_…` helper columns to each row before it is mapped.
import { quoteIdent, type Row, type SqlSource } from "../source";
import { int, str } from "../sql-reader";
import type { MapContext, Mapped, ReaderMode, TableReader } from "../types";

export type Json = Record<string, unknown>;

/** The workflow (session) id other tables use; older rows may only have the issue id. */
export function workflowIdOf(row: Row): string | undefined {
  return str(row.tempolite_workflow_id) ?? str(row.beads_issue_id);
}

export type CoordinationIndex = {
  /** workflow_mappings rows by workflow id */
  workflows: Map<string, Row>;
  /** beads issue id → workflow id */
  byIssue: Map<string, string>;
  assignments: Row[];
};

export async function loadIndex(source: SqlSource, tables: readonly string[]): Promise<CoordinationIndex> {
  const workflows = new Map<string, Row>();
  const byIssue = new Map<string, string>();
  if (tables.includes("workflow_mappings")) {
    for (const row of await source.all("SELECT * FROM workflow_mappings")) {
      const id = workflowIdOf(row);
      if (id === undefined) continue;
      workflows.set(id, row);
      const issue = str(row.beads_issue_id);
      if (issue !== undefined) byIssue.set(issue, id);
    }
  }
  const assignments = tables.includes("agent_assignments") ? await source.all("SELECT * FROM agent_assignments") : [];
  return { workflows, byIssue, assignments };
}

const norm = (v: unknown) => str(v)?.trim().toLowerCase();

export function assignmentRunId(row: Row): string {
  return `${String(row.workflow_id)}:assignment:${String(row.id)}`;
}

/** The run a result of `agentType` belongs to: the workflow's last assignment of that type. */
export function runFor(index: CoordinationIndex, workflowId: string | undefined, agentType: unknown): string | null {
  const type = norm(agentType);
  const candidates = index.assignments.filter(
    (a) => str(a.workflow_id) === workflowId && type !== undefined && norm(a.agent_type) === type,
  );
  const last = candidates
    .sort((a, b) => (int(a.step_number) ?? 0) - (int(b.step_number) ?? 0) || (int(a.id) ?? 0) - (int(b.id) ?? 0))
    .at(-1);
  return last ? assignmentRunId(last) : null;
}

/**
 * The assignment a performance row measures: same workflow and step name (and agent type when
 * several match), else the workflow's only assignment of that agent type.
 */
export function assignmentFor(index: CoordinationIndex, perf: Row): Row | undefined {
  const inWorkflow = index.assignments.filter((a) => str(a.workflow_id) === str(perf.workflow_id));
  const sameStep = inWorkflow.filter(
    (a) => norm(a.step_name) !== undefined && norm(a.step_name) === norm(perf.step_name),
  );
  const sameType = (rows: Row[]) => rows.filter((a) => norm(a.agent_type) === norm(perf.agent_type));
  if (sameStep.length > 0) return (sameType(sameStep)[0] ?? sameStep[0])!;
  const byType = sameType(inWorkflow);
  return byType.length === 1 ? byType[0] : undefined;
}

export function plain(row: Row): Json {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      typeof v === "bigint" ? Number(v) : v instanceof Date ? v.toISOString() : v,
    ]),
  );
}

/** Events of rows whose workflow has no workflow_mappings row still land in a (placeholder) session. */
export function workflowOf(r: Row, ctx: MapContext): string {
  const id = str(r.workflow_id);
  if (id === undefined) {
    ctx.issue("missing workflow_id");
    return "unknown-workflow";
  }
  if (r._known_workflow === false) ctx.issue("workflow_id without a workflow_mappings row");
  return id;
}

export type CoordinationReaderSpec = {
  table: string;
  mode: ReaderMode;
  key: (row: Row) => string;
  /** adds `_…` helper columns from the other tables (read each pass) */
  prepare?: (rows: Row[], index: CoordinationIndex) => Row[] | Promise<Row[]>;
  map: (row: Row, ctx: MapContext) => Mapped;
};

export function coordinationReader(
  source: SqlSource,
  tables: readonly string[],
  spec: CoordinationReaderSpec,
): TableReader {
  const t = quoteIdent(spec.table);
  return {
    table: spec.table,
    mode: spec.mode,
    key: spec.key,
    map: spec.map,
    async read(since) {
      const rows =
        spec.mode.kind === "append"
          ? since === undefined
            ? await source.all(`SELECT * FROM ${t} ORDER BY ${quoteIdent(spec.mode.column)}`)
            : await source.all(
                `SELECT * FROM ${t} WHERE ${quoteIdent(spec.mode.column)} > ? ORDER BY ${quoteIdent(spec.mode.column)}`,
                [since],
              )
          : await source.all(`SELECT * FROM ${t}`);
      if (spec.mode.kind === "append") {
        // PostgreSQL hands BIGINT ids over as text: compare watermarks as numbers
        const column = spec.mode.column;
        for (const r of rows) {
          const v = r[column];
          if (typeof v === "string" && /^\d{1,15}$/.test(v)) r[column] = Number(v);
        }
      }
      if (!spec.prepare || rows.length === 0) return rows;
      return spec.prepare(rows, await loadIndex(source, tables));
    },
  };
}

/** Marks rows whose workflow has a workflow_mappings row. */
export const known =
  (index: CoordinationIndex) =>
  (rows: Row[]): Row[] =>
    rows.map((r) => ({ ...r, _known_workflow: index.workflows.has(String(r.workflow_id)) }));
