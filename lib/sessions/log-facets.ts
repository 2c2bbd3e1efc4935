import "server-only";
// The Logs tab's filter values per session (levels, kinds, agent types), kept in LogFacet as
// events are written, so opening the tab reads a handful of rows instead of grouping every
// event of the session (815 ms for 1M logs, measured by bench:huge-session). Events are
// never updated; the writers that delete them (retention) rebuild the facets they touched.
import type { Db } from "@/lib/db/client";
import type { RawClient } from "@/lib/db/sql/dialects";
import { sqlFor } from "@/lib/db/sql/registry";
import { insertRows } from "@/lib/db/sql/writes";
import type { LogFacets } from "./session-logs";

type FacetRow = { sessionId: string; facet: "level" | "kind" | "agent"; value: string };
// level and kind may be left to the column defaults ("info", "log"; prisma/schema.prisma)
type EventFacets = { sessionId?: string | null; level?: string; kind?: string; agentType?: string | null };

/** The distinct facet rows of a batch of events (events without a session have none). */
export function facetRowsOf(events: readonly EventFacets[]): FacetRow[] {
  const seen = new Map<string, FacetRow>();
  const add = (sessionId: string, facet: FacetRow["facet"], value: string) =>
    seen.set(`${sessionId}\u0000${facet}\u0000${value}`, { sessionId, facet, value });
  for (const e of events) {
    if (!e.sessionId) continue;
    add(e.sessionId, "level", e.level ?? "info");
    add(e.sessionId, "kind", e.kind ?? "log");
    if (e.agentType) add(e.sessionId, "agent", e.agentType);
  }
  return [...seen.values()];
}

/** Records the facets of events being written, in the caller's transaction. */
export async function recordLogFacets(tx: RawClient, events: readonly EventFacets[]): Promise<void> {
  await insertRows(tx, "LogFacet", facetRowsOf(events), { onConflictDoNothing: ["sessionId", "facet", "value"] });
}

/**
 * Reading every event of many sessions outlasts Prisma's 5 s default on a busy machine: the
 * PostgreSQL scale seed failed there (100,000 events per 200-session slice).
 */
export const BULK_TRANSACTION = { timeout: 120_000, maxWait: 60_000 };

/** Recomputes the facets of these sessions from their events (after events were deleted). */
export async function rebuildLogFacets(db: Db, sessionIds: readonly string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  await db.$transaction(async (tx) => {
    await tx.logFacet.deleteMany({ where: { sessionId: { in: [...sessionIds] } } });
    const sql = sqlFor(tx);
    const distinct = (facet: FacetRow["facet"], column: "level" | "kind" | "agentType") =>
      sql
        .selectFrom("Event")
        .select((eb) => ["sessionId", eb.val(facet).as("facet"), `${column} as value`])
        .distinct()
        .where("sessionId", "in", [...sessionIds])
        .where(column, "is not", null);
    await sql
      .insertInto("LogFacet")
      .columns(["sessionId", "facet", "value"])
      .expression(distinct("level", "level").union(distinct("kind", "kind")).union(distinct("agent", "agentType")))
      .execute();
  }, BULK_TRANSACTION);
}

const LEVEL_ORDER = ["critical", "error", "warn", "info", "debug"];

/** The facets of a session, in display order. */
export async function readLogFacets(db: Db, sessionId: string): Promise<LogFacets> {
  const rows = await db.logFacet.findMany({ where: { sessionId }, select: { facet: true, value: true } });
  const of = (facet: string) => rows.filter((r) => r.facet === facet).map((r) => r.value);
  const rank = (l: string) => (LEVEL_ORDER.includes(l) ? LEVEL_ORDER.indexOf(l) : LEVEL_ORDER.length);
  return {
    levels: of("level").sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)),
    kinds: of("kind").sort(),
    agents: of("agent").sort(),
  };
}
