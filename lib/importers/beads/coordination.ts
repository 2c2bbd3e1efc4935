// The Beads/Tempolite coordination database (seed 004, coordination.db): one session per
// workflow, runs from agent assignments (timed by workflow_performance), handoffs as
// messages, results as artifacts, performance and analytics as metrics, templates as config,
// agent configurations as agents. Columns the mapping does not use go to metadata by their
// own names; helper columns added before mapping are named `_…`.
import type { SqlSource } from "../source";
import type { TableReader } from "../types";
import { coordinationReader } from "./coordination-index";
import { workflowAnalytics, workflowPerformance } from "./metric-readers";
import { pocResults, researchFindings, workflowResults } from "./result-readers";
import {
  agentConfigurations,
  assignments,
  workflowMappings,
  workflowTemplates,
  type IssueTexts,
} from "./workflow-readers";

/** Readers for the coordination tables present, in the order their references need; issue store readers go after the workflows. */
export function coordinationReaders(
  source: SqlSource,
  tables: readonly string[],
  issues?: { texts: IssueTexts; readers: TableReader[] },
): TableReader[] {
  const readers: TableReader[] = [];
  const add = (spec: Parameters<typeof coordinationReader>[2]) => {
    if (tables.includes(spec.table)) readers.push(coordinationReader(source, tables, spec));
  };
  add(agentConfigurations);
  add(workflowMappings(issues?.texts));
  // issues after the workflow sessions they belong to, before the runs
  readers.push(...(issues?.readers ?? []));
  add(assignments(source, tables));
  for (const spec of [
    workflowResults,
    researchFindings,
    pocResults,
    workflowPerformance,
    workflowAnalytics,
    workflowTemplates,
  ])
    add(spec);
  return readers;
}
