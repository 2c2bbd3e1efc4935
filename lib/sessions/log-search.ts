import "server-only";
// A text search over a large session's logs, on a database that stores rows in id order
// (SQLite). The plain query walks the session's (sessionId, timestamp) index newest first and
// looks up each row to test its message; when nothing matches, that is one random lookup per
// event (~0.7 µs each at 1M events, most of the search's time). Here the search walks the index
// over the newest RECENT_ENTRIES only, where a frequent match finishes at once, then reads the
// older rest as the id range the session's events lie in (kept in SessionCount), in storage
// order, which halves the cost of a search that matches little or nothing. A small session, or
// a range holding many other sessions' rows or unknown, gets the index walk alone.
import { sql, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from "kysely";
import { db } from "@/lib/db/client";
import { dialectOf, sqlFor } from "@/lib/db/sql/registry";
import type { DB } from "@/lib/db/sql/schema";
import type { LogFilters } from "./session-logs";

export type SearchPlan = {
  /** entries of the index walked before the id range takes over */
  recentEntries: number;
  /** below this many events the plain query is fast anyway */
  smallSession: number;
  /** the id range is read only while it holds at most this many rows per event of the session */
  maxRowsPerEvent: number;
};

// the range reads a row in ~0.45 µs against ~1.1 µs per index entry and lookup (docs/benchmarks.md)
export const SEARCH_PLAN: SearchPlan = { recentEntries: 4_000, smallSession: 20_000, maxRowsPerEvent: 2 };

/** A position in the log's order (timestamp, then id), as stored. */
type Key = { timestamp: unknown; id: number };

type EventQuery<O> = SelectQueryBuilder<DB, "Event", O>;

/** `LIKE` with the text's own % and _ taken literally; SQLite's LIKE ignores ASCII case. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function matching(filters: LogFilters & { q: string }) {
  return (eb: ExpressionBuilder<DB, "Event">) =>
    eb.and([
      ...(filters.agent ? [eb("agentType", "=", filters.agent)] : []),
      ...(filters.level ? [eb("level", "=", filters.level)] : []),
      ...(filters.kind ? [eb("kind", "=", filters.kind)] : []),
      sql<SqlBool>`${sql.ref("message")} LIKE ${containsPattern(filters.q)} ESCAPE '\\'`,
    ]);
}

/** Rows before (`<`), at or before (`<=`) or after (`>`) a position in the log's order. */
function beyond(key: Key, op: "<" | "<=" | ">") {
  const strict = op === "<=" ? "<" : op;
  const loose = op === ">" ? ">=" : "<=";
  const ts = key.timestamp as Date;
  return (eb: ExpressionBuilder<DB, "Event">) =>
    eb.and([eb("timestamp", loose, ts), eb.or([eb("timestamp", strict, ts), eb("id", op, key.id)])]);
}

const newestFirst = <O>(q: EventQuery<O>) => q.orderBy("timestamp", "desc").orderBy("id", "desc");

/**
 * The ids of the newest `limit` lines of the session that match `filters` (q included, its %
 * and _ taken literally) and lie before `before`, newest first; null on a database this plan
 * is not for (PostgreSQL), where the caller's Prisma query runs.
 */
export async function searchLogIds(
  sessionId: string,
  filters: LogFilters & { q: string },
  before: { timestamp: Date; id: number } | null,
  limit: number,
  plan: SearchPlan = SEARCH_PLAN,
): Promise<number[] | null> {
  const client = db();
  const unindexed = dialectOf(client).unindexed;
  if (!unindexed) return null;
  const k = sqlFor(client);
  const session = k.selectFrom("Event").select("id");
  const upTo = <O>(q: EventQuery<O>) => (before ? q.where(beyond(before, "<")) : q);
  const inSession = upTo(session.where("sessionId", "=", sessionId).where(matching(filters)));
  const walk = async () => (await newestFirst(inSession).limit(limit).execute()).map((r) => r.id);

  const range = await k
    .selectFrom("SessionCount")
    .select(["events", "firstEventId", "lastEventId"])
    .where("sessionId", "=", sessionId)
    .executeTakeFirst();
  const first = range?.firstEventId;
  const last = range?.lastEventId;
  if (!range || first == null || last == null) return walk();
  if (range.events < plan.smallSession || last - first + 1 > plan.maxRowsPerEvent * range.events) return walk();
  // the position RECENT_ENTRIES back: an index-only walk of the newest entries
  const edge: Key | undefined = await newestFirst(
    upTo(k.selectFrom("Event").select(["timestamp", "id"]).where("sessionId", "=", sessionId)),
  )
    .limit(1)
    .offset(plan.recentEntries)
    .executeTakeFirst();
  if (!edge) return walk();

  const recent = await newestFirst(inSession.where(beyond(edge, ">")))
    .limit(limit)
    .execute();
  if (recent.length >= limit) return recent.map((r) => r.id);
  const older = await newestFirst(
    session
      .where("id", ">=", first)
      .where("id", "<=", last)
      // SQLite tests the terms in this order and stops at the first that fails: the text first,
      // so a row that does not match costs no session or time comparison (~0.7× in a no-match scan)
      .where(matching(filters))
      .where(unindexed("sessionId"), "=", sessionId)
      .where(beyond(edge, "<=")),
  )
    .limit(limit - recent.length)
    .execute();
  return [...recent, ...older].map((r) => r.id);
}

/**
 * The ids of the first `limit` lines stored after `afterId` that match `filters` (q included,
 * literally, as in searchLogIds), in id order: the live tail of a search. Null on PostgreSQL,
 * where the caller's Prisma query already takes them literally (the dialect escapes them).
 */
export async function searchNewLogIds(
  sessionId: string,
  filters: LogFilters & { q: string },
  afterId: number,
  limit: number,
): Promise<number[] | null> {
  const client = db();
  if (!dialectOf(client).unindexed) return null;
  const rows = await sqlFor(client)
    .selectFrom("Event")
    .select("id")
    .where("sessionId", "=", sessionId)
    .where("id", ">", afterId)
    .where(matching(filters))
    .orderBy("id", "asc")
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
