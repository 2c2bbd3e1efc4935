import "server-only";
// The one session-list query: the filters of session-filters.ts, five sorts and keyset
// pages. The sessions page, the overview's recent sessions, GET /api/v1/sessions and the
// compare page all read sessions through it. It finds a page of sessions with the list's
// columns (one statement: a second one by id cost the list page more than the first), and
// callers that show other columns load those for the page's ids.
// Sorting by duration has no column to seek on (running sessions grow), so it ranks the
// matching sessions' start and end times in memory.
import { z } from "zod";
import { cursorCodec, invalidCursor, seekPast } from "@/lib/api/cursor";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { containsInsensitive } from "@/lib/db/text-search";
import type { Status } from "@/lib/ingest/status";
import { projectNamesById } from "@/lib/projects/project-names";
import { sessionDurationMs } from "./session-duration";
import { startedRange, type SessionFilters } from "./session-filters";
import { SESSION_SORTS, SORT_DIRECTIONS, type SessionSort } from "./session-list-url";
import { sessionLabel } from "./session-label";

/** The filters as both readers give them: the API has no project filter (its key has one project). */
export type SessionQuery = Omit<SessionFilters, "project"> & { project?: string };

export type SessionListRow = {
  id: string;
  externalId: string;
  source: string;
  label: string;
  status: Status;
  /** the source's own word, shown when a map or rule decided the status */
  sourceStatus: string | null;
  phase: string | null;
  projectId: string;
  projectName: string;
  projectSlug: string;
  startedAt: Date;
  updatedAt: Date;
  endedAt: Date | null;
  durationMs: number;
  iteration: number | null;
  totalTokens: number;
  costUsd: number;
  errorCount: number;
};

/** `asOf` is the clock the list was read at; relative times ("5 min ago") and durations use it. */
export type SessionPage = { items: SessionListRow[]; nextCursor: string | null; asOf: Date };

/** Rows ranked in memory for the duration sort, at most. Beyond it the sort is approximate. */
export const DURATION_SORT_SCAN_LIMIT = 50_000;

/** The sort and direction a cursor was made for, and the last row's sort value and id. */
const listCursor = cursorCodec(
  z.object({ s: z.enum(SESSION_SORTS), d: z.enum(SORT_DIRECTIONS), v: z.number().finite(), i: z.string() }),
);
type ListCursor = NonNullable<ReturnType<typeof listCursor.decode>>;

export type SessionPageOptions = {
  limit: number;
  now: Date;
  /** only this project's sessions (the API's key) */
  projectId?: string;
  /** "page": a bad cursor or one made for another sort starts the list over; "api": a 400 */
  cursor: "page" | "api";
};

/** The where clause of the filters (cursor aside). */
export function sessionWhere(filters: SessionQuery, projectId?: string): Prisma.SessionWhereInput {
  const and: Prisma.SessionWhereInput[] = [];
  if (projectId) and.push({ projectId });
  if (filters.status.length > 0) and.push({ status: { in: filters.status } });
  if (filters.phase) and.push({ phase: filters.phase });
  if (filters.source) and.push({ source: filters.source });
  if (filters.project) and.push({ project: { slug: filters.project } });
  if (filters.agent) and.push({ runs: { some: { agentType: filters.agent } } });
  const range = startedRange(filters);
  if (range.gte || range.lt) and.push({ startedAt: range });
  if (filters.errors) and.push({ errorCount: { gt: 0 } });
  if (filters.q) {
    and.push({
      OR: [
        { externalId: containsInsensitive(filters.q) },
        { mission: containsInsensitive(filters.q) },
        { title: containsInsensitive(filters.q) },
      ],
    });
  }
  return and.length > 0 ? { AND: and } : {};
}

function readCursor(filters: SessionQuery, mode: SessionPageOptions["cursor"]): ListCursor | undefined {
  const cursor = mode === "api" ? listCursor.decodeForApi(filters.cursor) : listCursor.decode(filters.cursor);
  if (!cursor || (cursor.s === filters.sort && cursor.d === filters.dir)) return cursor;
  if (mode === "api") throw invalidCursor();
  return undefined;
}

const SORT_FIELD = { updated: "updatedAt", started: "startedAt", tokens: "totalTokens", cost: "costUsd" } as const;

/** One page of the matching sessions' ids, in list order, and the cursor of the next page. */
export async function findSessionPageIds(
  db: Db,
  filters: SessionQuery,
  options: SessionPageOptions,
): Promise<{ ids: string[]; nextCursor: string | null; rows?: ListRowData[] }> {
  const where = sessionWhere(filters, options.projectId);
  const cursor = readCursor(filters, options.cursor);
  const { sort, dir } = filters;
  const ranked =
    sort === "duration"
      ? await rankByDuration(db, where, dir, cursor, options)
      : await rankByColumn(db, where, sort, dir, cursor, options.limit);
  const page = ranked.slice(0, options.limit);
  const last = page[page.length - 1];
  const rows = page.flatMap((k) => k.row ?? []);
  return {
    ids: page.map((k) => k.id),
    nextCursor:
      ranked.length > options.limit && last ? listCursor.encode({ s: sort, d: dir, v: last.value, i: last.id }) : null,
    // the list's columns came with the ranking (not for the duration sort, which ranks in memory)
    ...(rows.length === page.length ? { rows } : {}),
  };
}

/** `row`: the session's list columns, when the ranking read them. */
type Key = { id: string; value: number; row?: ListRowData };

async function rankByColumn(
  db: Db,
  where: Prisma.SessionWhereInput,
  sort: Exclude<SessionSort, "duration">,
  dir: "asc" | "desc",
  cursor: ListCursor | undefined,
  limit: number,
): Promise<Key[]> {
  const field = SORT_FIELD[sort];
  const isDate = field === "updatedAt" || field === "startedAt";
  const rows = await db.session.findMany({
    where: cursor ? { AND: [where, seekPast(field, isDate ? new Date(cursor.v) : cursor.v, cursor.i, dir)] } : where,
    orderBy: [{ [field]: dir }, { id: dir }],
    take: limit + 1,
    // the list's columns include every sort key
    select: listRowSelect,
  });
  return rows.map((row) => {
    const value: Date | number = row[field];
    return { id: row.id, value: value instanceof Date ? value.getTime() : value, row };
  });
}

async function rankByDuration(
  db: Db,
  where: Prisma.SessionWhereInput,
  dir: "asc" | "desc",
  cursor: ListCursor | undefined,
  options: SessionPageOptions,
): Promise<Key[]> {
  const timings = await db.session.findMany({
    where,
    select: { id: true, startedAt: true, endedAt: true, updatedAt: true, status: true },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: DURATION_SORT_SCAN_LIMIT,
  });
  const sign = dir === "desc" ? -1 : 1;
  const compare = (a: Key, b: Key) => sign * (a.value - b.value) || sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const ranked = timings.map((t) => ({ id: t.id, value: sessionDurationMs(t, options.now) })).sort(compare);
  const after = cursor ? ranked.filter((r) => compare(r, { id: cursor.i, value: cursor.v }) > 0) : ranked;
  return after.slice(0, options.limit + 1);
}

const listRowSelect = {
  id: true,
  externalId: true,
  source: true,
  title: true,
  mission: true,
  status: true,
  sourceStatus: true,
  phase: true,
  projectId: true,
  startedAt: true,
  updatedAt: true,
  endedAt: true,
  iteration: true,
  totalTokens: true,
  costUsd: true,
  errorCount: true,
} satisfies Prisma.SessionSelect;

/** Rows found by id, in the order of `ids` (an id whose session is gone is skipped). */
export function inIdOrder<R extends { id: string }>(ids: readonly string[], rows: readonly R[]): R[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

type ListRowData = Prisma.SessionGetPayload<{ select: typeof listRowSelect }>;

/** The list rows of these sessions, in the order of `ids`. */
export async function loadSessionListRows(db: Db, ids: readonly string[], now: Date): Promise<SessionListRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.session.findMany({ where: { id: { in: [...ids] } }, select: listRowSelect });
  return toListRows(db, inIdOrder(ids, rows), now);
}

/** Sessions' list columns with their project's name and slug, as the list shows them. */
async function toListRows(db: Db, rows: readonly ListRowData[], now: Date): Promise<SessionListRow[]> {
  if (rows.length === 0) return [];
  const projects = await projectNamesById(
    db,
    rows.map((r) => r.projectId),
  );
  return rows.map((row) => {
    const project = projects.get(row.projectId);
    return {
      id: row.id,
      externalId: row.externalId,
      source: row.source,
      label: sessionLabel(row),
      status: row.status,
      sourceStatus: row.sourceStatus,
      phase: row.phase,
      projectId: row.projectId,
      projectName: project?.name ?? "",
      projectSlug: project?.slug ?? "",
      startedAt: row.startedAt,
      updatedAt: row.updatedAt,
      endedAt: row.endedAt,
      durationMs: sessionDurationMs(row, now),
      iteration: row.iteration,
      totalTokens: row.totalTokens,
      costUsd: row.costUsd,
      errorCount: row.errorCount,
    };
  });
}

/** A page of the list as the dashboard shows it (sessions page, overview), across projects. */
export async function listSessionPage(
  db: Db,
  filters: SessionFilters,
  limit = 50,
  now: Date = new Date(),
): Promise<SessionPage> {
  const { ids, nextCursor, rows } = await findSessionPageIds(db, filters, { limit, now, cursor: "page" });
  return {
    items: rows ? await toListRows(db, rows, now) : await loadSessionListRows(db, ids, now),
    nextCursor,
    asOf: now,
  };
}
