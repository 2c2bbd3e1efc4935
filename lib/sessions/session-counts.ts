import "server-only";
// How many events each session has, and the range their ids lie in, kept in SessionCount by
// the writers in the same transaction as the events, so the page header reads one row instead
// of counting every event of the session on each tab (90 ms at 1M events; bench:huge-session),
// and a log search can read the session's rows in id order (log-search.ts). SQL triggers would
// keep it too, but a per-row trigger doubled SQLite's insert cost into Event. Events are never
// updated; ingest adds the rows it really inserted (not replays), retention subtracts the rows
// it really deleted, the scale seed recounts what it bulk-loaded, and a session's deletion
// cascades to its row. Retention leaves the id range as it was: wider than the rows left, which
// costs a search some reading but never hides a row.
import type { Db } from "@/lib/db/client";
import type { RawClient } from "@/lib/db/sql/dialects";
import { sqlFor } from "@/lib/db/sql/registry";
import { addToCounters } from "@/lib/db/sql/writes";
import { BULK_TRANSACTION } from "./log-facets";

type CountRow = { sessionId: string; events: number };
type CountedEvent = { externalId: string; sessionId?: string | null };

/** Rows per session, in session order, so that concurrent writers lock counter rows in one order. */
export function countBySession(sessionIds: Iterable<string | null | undefined>): CountRow[] {
  const counts = new Map<string, number>();
  for (const id of sessionIds) if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([sessionId, events]) => ({ sessionId, events }));
}

/**
 * Events per session among `events` whose externalId is in `inserted`. An id written twice in
 * one batch is inserted once (the first row; the second is a conflict), so it counts once.
 */
export function eventCountsOf(events: readonly CountedEvent[], inserted: Iterable<unknown>): CountRow[] {
  const pending = new Set<unknown>(inserted);
  return countBySession(events.filter((e) => pending.delete(e.externalId)).map((e) => e.sessionId));
}

/**
 * The largest event id the transaction sees. Ids are handed out in increasing order, so every
 * event inserted after this read gets a larger one (on PostgreSQL too: a concurrent writer's
 * uncommitted rows took their ids before, ours come after).
 */
export async function largestEventId(tx: RawClient): Promise<number> {
  const row = await sqlFor(tx)
    .selectFrom("Event")
    .select((eb) => eb.fn.max("id").as("id"))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/**
 * Adds the events a batch really inserted (externalIds in `inserted`), in the caller's
 * transaction, and widens each session's id range to hold them: from `firstPossibleId` (one
 * past largestEventId read before the insert) to the largest id now stored. The range may hold
 * other sessions' rows too; it never misses one of this session's.
 */
export async function recordEventCounts(
  tx: RawClient,
  events: readonly CountedEvent[],
  inserted: Iterable<unknown>,
  firstPossibleId: number,
): Promise<void> {
  const counts = eventCountsOf(events, inserted);
  if (counts.length === 0) return;
  const last = await largestEventId(tx);
  await addToCounters(
    tx,
    "SessionCount",
    counts.map((row) => ({ ...row, firstEventId: firstPossibleId, lastEventId: last })),
    { key: ["sessionId"], counters: ["events"], lowest: ["firstEventId"], highest: ["lastEventId"] },
  );
}

/** Deletes these events and subtracts them from their sessions' counts, in one transaction. */
export async function deleteEventsCounted(db: Db, ids: readonly number[]): Promise<number> {
  if (ids.length === 0) return 0;
  return db.$transaction(async (tx) => {
    const sql = sqlFor(tx);
    // only the rows this statement deleted: a concurrent delete of the same row counts once
    const deleted = await sql
      .deleteFrom("Event")
      .where("id", "in", [...ids])
      .returning("sessionId")
      .execute();
    for (const { sessionId, events } of countBySession(deleted.map((row) => row.sessionId))) {
      await sql
        .updateTable("SessionCount")
        .set((eb) => ({ events: eb("events", "-", events) }))
        .where("sessionId", "=", sessionId)
        .execute();
    }
    return deleted.length;
  });
}

/** Counts these sessions' events again (after a bulk load that bypassed ingest). */
export async function recountEvents(db: Db, sessionIds: readonly string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  await db.$transaction(async (tx) => {
    await tx.sessionCount.deleteMany({ where: { sessionId: { in: [...sessionIds] } } });
    const sql = sqlFor(tx);
    await sql
      .insertInto("SessionCount")
      .columns(["sessionId", "events", "firstEventId", "lastEventId"])
      .expression(
        sql
          .selectFrom("Event")
          .select((eb) => [
            eb.ref("sessionId").$notNull().as("sessionId"),
            eb.fn.countAll<number>().as("events"),
            eb.fn.min("id").as("firstEventId"),
            eb.fn.max("id").as("lastEventId"),
          ])
          .where("sessionId", "in", [...sessionIds])
          .groupBy("sessionId"),
      )
      .execute();
  }, BULK_TRANSACTION);
}
