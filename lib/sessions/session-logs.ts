import "server-only";
// The Logs tab: pages of a session's events, newest page first and shown oldest-first,
// older pages on scroll, newer lines for the live tail (by id, so a late event with an
// older timestamp is still picked up).
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { containsInsensitive } from "@/lib/db/text-search";
import { seekPast, timeCursor, timeCursorOf } from "@/lib/api/cursor";
import { clip, smallJson } from "./list-payload";
import { readLogFacets } from "./log-facets";
import { searchLogIds, searchNewLogIds } from "./log-search";
import { largestEventId } from "./session-counts";

export type LogFilters = { agent?: string; level?: string; kind?: string; q?: string };

export type LogLine = {
  id: number;
  timestamp: Date;
  level: string;
  kind: string;
  agentType: string | null;
  component: string | null;
  iteration: number | null;
  runExternalId: string | null;
  message: string;
  /** the message was shortened; the whole one loads with loadLogLine */
  clipped: boolean;
  details: unknown;
  /** details exist but are too large to send with the page */
  detailsOmitted: boolean;
};

export type LogPage = {
  lines: LogLine[];
  /** cursor for the page before the first line; null at the start */
  olderCursor: string | null;
  /** the live tail asks for lines after this id: every event stored before the page was read is at or below it */
  tailAfter: number;
};

export type NewLogLines = {
  lines: LogLine[];
  more: boolean;
  /** where the next tail starts: past the lines, and past every event stored before them when there are no more */
  tailAfter: number;
};

export const LOG_PAGE_SIZE = 200;
const MESSAGE_CHARS = 2_000;

const lineSelect = {
  id: true,
  timestamp: true,
  level: true,
  kind: true,
  agentType: true,
  component: true,
  iteration: true,
  message: true,
  details: true,
  run: { select: { externalId: true } },
} satisfies Prisma.EventSelect;

type Row = Prisma.EventGetPayload<{ select: typeof lineSelect }>;

function toLine(row: Row): LogLine {
  const message = clip(row.message, MESSAGE_CHARS);
  const details = smallJson(row.details);
  return {
    id: row.id,
    timestamp: row.timestamp,
    level: row.level,
    kind: row.kind,
    agentType: row.agentType,
    component: row.component,
    iteration: row.iteration,
    runExternalId: row.run?.externalId ?? null,
    message: message.text,
    clipped: message.clipped,
    details: details.value,
    detailsOmitted: details.omitted,
  };
}

function filterWhere(sessionId: string, filters: LogFilters): Prisma.EventWhereInput {
  const where: Prisma.EventWhereInput = { sessionId };
  if (filters.agent) where.agentType = filters.agent;
  if (filters.level) where.level = filters.level;
  if (filters.kind) where.kind = filters.kind;
  if (filters.q) where.message = containsInsensitive(filters.q);
  return where;
}

/**
 * The largest event id stored so far, read before a page or tail query: ids grow in commit order,
 * so that query sees every event up to it. Without it, a search that matches nothing left the
 * tail asking for every id after 0, which read the whole session again on each live change.
 * (Prisma's aggregate wraps max(id) in a subquery that SQLite answers by reading every row of
 * Event: 130 ms at 1M events on each page and tail; the SQL layer's reads the key's last entry.)
 */
function storedUpTo(): Promise<number> {
  return largestEventId(db());
}

const lastId = (lines: readonly { id: number }[], floor: number) => lines.reduce((m, l) => Math.max(m, l.id), floor);

/** The page ending at `olderThan` (or the newest page), in time order. */
export async function loadLogPage(
  sessionId: string,
  filters: LogFilters,
  olderThan?: string | null,
  limit = LOG_PAGE_SIZE,
): Promise<LogPage> {
  const cursor = timeCursor.decode(olderThan);
  const where = filterWhere(sessionId, filters);
  const upTo = await storedUpTo();
  const before = cursor ? { timestamp: new Date(cursor.t), id: Number(cursor.i) } : null;
  // a search over a large session finds its lines' ids first (log-search.ts)
  const found = filters.q ? await searchLogIds(sessionId, { ...filters, q: filters.q }, before, limit + 1) : null;
  const rows = await db().event.findMany({
    where: found
      ? { id: { in: found } }
      : before
        ? { AND: [where, seekPast("timestamp", before.timestamp, before.id, "desc")] }
        : where,
    orderBy: [{ timestamp: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: lineSelect,
  });
  const page = rows.slice(0, limit).reverse();
  const first = page[0];
  return {
    lines: page.map(toLine),
    olderCursor: rows.length > limit && first ? timeCursorOf(first) : null,
    tailAfter: lastId(page, upTo),
  };
}

/** Lines stored after the line with id `afterId` (the live tail). */
export async function loadNewLogLines(
  sessionId: string,
  filters: LogFilters,
  afterId: number,
  limit = LOG_PAGE_SIZE,
): Promise<NewLogLines> {
  const upTo = await storedUpTo();
  const found = filters.q ? await searchNewLogIds(sessionId, { ...filters, q: filters.q }, afterId, limit + 1) : null;
  const rows = await db().event.findMany({
    where: found ? { id: { in: found } } : { AND: [filterWhere(sessionId, filters), { id: { gt: afterId } }] },
    orderBy: { id: "asc" },
    take: limit + 1,
    select: lineSelect,
  });
  const lines = rows.slice(0, limit);
  const more = rows.length > limit;
  return { lines: lines.map(toLine), more, tailAfter: lastId(lines, more ? afterId : Math.max(afterId, upTo)) };
}

/** One whole line, for expanding a shortened one. */
export async function loadLogLine(
  sessionId: string,
  id: number,
): Promise<{ message: string; details: unknown } | null> {
  const row = await db().event.findFirst({ where: { id, sessionId }, select: { message: true, details: true } });
  return row ? { message: clip(row.message, 200_000).text, details: row.details ?? null } : null;
}

export type LogFacets = { levels: string[]; kinds: string[]; agents: string[] };

/** The values the filter menus offer: one grouped scan of the session's events. */
/** The session's filter values, kept as its events are written (log-facets.ts). */
export function loadLogFacets(sessionId: string): Promise<LogFacets> {
  return readLogFacets(db(), sessionId);
}
