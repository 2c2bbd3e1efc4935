import "server-only";
// The Logs tab's filter values per session (levels, kinds, agent types), kept in LogFacet as
// events are written, so opening the tab reads a handful of rows instead of grouping every
// event of the session (815 ms for 1M logs, measured by bench:huge-session). Events are
// never updated; the writers that delete them (retention) rebuild the facets they touched.
import type { Db } from "@/lib/db/client";
import type { RawClient } from "@/lib/db/sql/dialects";
import { dialectOf, sqlFor } from "@/lib/db/sql/registry";
import { insertRows } from "@/lib/db/sql/writes";
import type { LogFacets } from "./session-logs";

type FacetRow = { sessionId: string; facet: "level" | "kind" | "agent"; value: string };
// level and kind may be left to the column defaults ("info", "log"; prisma/schema.prisma)
type EventFacets = { sessionId?: string | null; level?: string; kind?: string; agentType?: string | null };

const facetKey = (sessionId: string, facet: FacetRow["facet"], value: string) =>
  `${sessionId}\u0000${facet}\u0000${value}`;

/**
 * The distinct facet rows of a batch of events (events without a session have none), but
 * those whose key `known` holds.
 */
export function facetRowsOf(events: readonly EventFacets[], known?: ReadonlySet<string>): FacetRow[] {
  const seen = new Map<string, FacetRow>();
  const add = (sessionId: string, facet: FacetRow["facet"], value: string) => {
    const key = facetKey(sessionId, facet, value);
    if (!known?.has(key)) seen.set(key, { sessionId, facet, value });
  };
  for (const e of events) {
    if (!e.sessionId) continue;
    add(e.sessionId, "level", e.level ?? "info");
    add(e.sessionId, "kind", e.kind ?? "log");
    if (e.agentType) add(e.sessionId, "agent", e.agentType);
  }
  return [...seen.values()];
}

/** Most facet keys a process remembers per database; beyond, it starts over. */
export const FACET_MEMORY_LIMIT = 100_000;

/**
 * The facet rows this process wrote and saw committed, per database, so that a batch does not
 * insert again (ON CONFLICT DO NOTHING, about 150 statements for 500 logs) what is almost
 * always there. Only where the database tells when another process wrote (SQLite's
 * data_version): then the memory starts over, since that process may have run retention,
 * which rebuilds facets. A session's deletion leaves keys that cannot match again (row ids
 * are never reused); a rebuild in this process forgets everything (forgetLogFacets).
 */
type FacetMemory = { keys: Set<string>; version: number };
const memoryHolder = globalThis as unknown as { __observatoryLogFacets?: WeakMap<object, FacetMemory> };
const memories = (memoryHolder.__observatoryLogFacets ??= new WeakMap());

function memoryOf(client: object): FacetMemory | undefined {
  const dialect = dialectOf(client);
  const version = dialect.versionOfOtherWrites?.();
  if (version === undefined) return undefined;
  let memory = memories.get(dialect);
  if (!memory) memories.set(dialect, (memory = { keys: new Set(), version }));
  if (memory.version !== version) {
    memory.keys.clear();
    memory.version = version;
  }
  return memory;
}

function remember(memory: FacetMemory, rows: readonly FacetRow[]): void {
  if (memory.keys.size + rows.length > FACET_MEMORY_LIMIT) memory.keys.clear();
  for (const r of rows) memory.keys.add(facetKey(r.sessionId, r.facet, r.value));
}

/**
 * Records the facets of events being written, in the caller's transaction; `afterCommit` is
 * given what to run once that transaction has committed (then, and only then, are they
 * remembered: after a rollback they are not there).
 */
export async function recordLogFacets(
  tx: RawClient,
  events: readonly EventFacets[],
  afterCommit: (fn: () => void) => void = () => {},
): Promise<void> {
  const memory = memoryOf(tx);
  const rows = facetRowsOf(events, memory?.keys);
  await insertRows(tx, "LogFacet", rows, { onConflictDoNothing: ["sessionId", "facet", "value"] });
  if (memory && rows.length > 0) afterCommit(() => remember(memory, rows));
}

/** Forgets what this process remembers of the database's facets (after they were rebuilt). */
export function forgetLogFacets(client: object): void {
  memories.get(dialectOf(client))?.keys.clear();
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
  // a value whose last event went is gone now
  forgetLogFacets(db);
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
