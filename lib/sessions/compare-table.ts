// Side-by-side figures per agent type for 2–4 sessions, from grouped run and call sums.

export type AgentTypeCell = { runs: number; failed: number; durationMs: number; tokens: number; costUsd: number };
export type AgentTypeRow = { agentType: string; cells: (AgentTypeCell | null)[] };

export type RunGroup = {
  sessionId: string;
  agentType: string | null;
  status: string;
  runs: number;
  durationMs: number;
};
export type CallGroup = { sessionId: string; agentType: string | null; tokens: number; costUsd: number };

const UNKNOWN = "(not recorded)";

/** One row per agent type seen in any session; a cell is null where the session had none. */
export function compareByAgentType(
  sessionIds: readonly string[],
  runs: readonly RunGroup[],
  calls: readonly CallGroup[],
): AgentTypeRow[] {
  const rows = new Map<string, (AgentTypeCell | null)[]>();
  const cell = (agentType: string | null, sessionId: string): AgentTypeCell | undefined => {
    const index = sessionIds.indexOf(sessionId);
    if (index < 0) return undefined;
    const key = agentType ?? UNKNOWN;
    const row = rows.get(key) ?? sessionIds.map(() => null);
    rows.set(key, row);
    return (row[index] ??= { runs: 0, failed: 0, durationMs: 0, tokens: 0, costUsd: 0 });
  };
  for (const g of runs) {
    const c = cell(g.agentType, g.sessionId);
    if (!c) continue;
    c.runs += g.runs;
    c.durationMs += g.durationMs;
    if (g.status === "failed") c.failed += g.runs;
  }
  for (const g of calls) {
    const c = cell(g.agentType, g.sessionId);
    if (!c) continue;
    c.tokens += g.tokens;
    c.costUsd += g.costUsd;
  }
  const weight = (cells: (AgentTypeCell | null)[]) =>
    cells.reduce((sum, c) => sum + (c?.tokens ?? 0) + (c?.runs ?? 0), 0);
  return [...rows.entries()]
    .map(([agentType, cells]) => ({ agentType, cells }))
    .sort((a, b) => weight(b.cells) - weight(a.cells) || a.agentType.localeCompare(b.agentType));
}

/** "slug/externalId" as the compare form sends it, or a bare external id. */
export function parseCompareRef(ref: string): { projectSlug?: string; externalId: string } {
  const slash = ref.indexOf("/");
  if (slash > 0 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(ref.slice(0, slash))) {
    return { projectSlug: ref.slice(0, slash), externalId: ref.slice(slash + 1) };
  }
  return { externalId: ref };
}

export const COMPARE_MIN = 2;
export const COMPARE_MAX = 4;

/** id of the compare form; the list rows' checkboxes belong to it */
export const COMPARE_FORM_ID = "compare-form";
