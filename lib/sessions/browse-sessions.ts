import "server-only";
// The sessions list page: filters, five sorts and keyset pages. Sorting by duration has no
// column to seek on (running sessions grow), so it ranks the matching sessions' start and
// end times in memory and then loads only the page's rows.
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { containsInsensitive } from "@/lib/db/text-search";
import { projectNamesById, type ProjectName } from "@/lib/projects/project-names";
import type { Status } from "@/lib/ingest/status";
import { decodeListCursor, encodeListCursor, type ListCursor } from "./list-cursor";
import { sessionDurationMs } from "./session-duration";
import { startedRange, type SessionFilters, type SessionSort } from "./session-filters";
import { sessionLabel } from "./session-label";

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

export type SessionPage = { items: SessionListRow[]; nextCursor: string | null; asOf: Date };

/** Rows ranked in memory for the duration sort, at most. Beyond it the sort is approximate. */
export const DURATION_SORT_SCAN_LIMIT = 50_000;

const rowSelect = {
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

type Row = Prisma.SessionGetPayload<{ select: typeof rowSelect }>;

function toListRow(row: Row, project: ProjectName | undefined, now: Date): SessionListRow {
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
}

/** The where clause of the list's filters (cursor aside). Also used by counts on the overview. */
export function sessionWhere(filters: SessionFilters): Prisma.SessionWhereInput {
  const and: Prisma.SessionWhereInput[] = [];
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

const SORT_FIELD = { updated: "updatedAt", started: "startedAt", tokens: "totalTokens", cost: "costUsd" } as const;
type ColumnSort = Exclude<SessionSort, "duration">;

function sortValue(row: Row, sort: ColumnSort): number {
  const value = row[SORT_FIELD[sort]];
  return value instanceof Date ? value.getTime() : value;
}

function seek(sort: ColumnSort, cursor: ListCursor): Prisma.SessionWhereInput {
  const field = SORT_FIELD[sort];
  const value = field === "updatedAt" || field === "startedAt" ? new Date(cursor.value) : cursor.value;
  const op = cursor.dir === "desc" ? "lt" : "gt";
  return { OR: [{ [field]: { [op]: value } }, { [field]: value, id: { [op]: cursor.id } }] };
}

export async function browseSessions(filters: SessionFilters, limit = 50, now: Date = new Date()): Promise<SessionPage> {
  const where = sessionWhere(filters);
  const cursor = decodeListCursor(filters.cursor, filters.sort, filters.dir);
  if (filters.sort === "duration") return browseByDuration(where, filters, cursor, limit, now);
  const sort = filters.sort;
  const field = SORT_FIELD[sort];
  const rows = await db().session.findMany({
    where: cursor ? { AND: [where, seek(sort, cursor)] } : where,
    orderBy: [{ [field]: filters.dir }, { id: filters.dir }],
    take: limit + 1,
    select: rowSelect,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const projects = await projectNamesById(db(), page.map((r) => r.projectId));
  return {
    items: page.map((r) => toListRow(r, projects.get(r.projectId), now)),
    nextCursor:
      rows.length > limit && last ? encodeListCursor({ sort, dir: filters.dir, value: sortValue(last, sort), id: last.id }) : null,
    asOf: now,
  };
}

async function browseByDuration(
  where: Prisma.SessionWhereInput,
  filters: SessionFilters,
  cursor: ListCursor | undefined,
  limit: number,
  now: Date,
): Promise<SessionPage> {
  const timings = await db().session.findMany({
    where,
    select: { id: true, startedAt: true, endedAt: true, updatedAt: true, status: true },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: DURATION_SORT_SCAN_LIMIT,
  });
  const sign = filters.dir === "desc" ? -1 : 1;
  const compare = (a: { id: string; value: number }, b: { id: string; value: number }) =>
    sign * (a.value - b.value) || sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const ranked = timings.map((t) => ({ id: t.id, value: sessionDurationMs(t, now) })).sort(compare);
  const after = cursor ? ranked.filter((r) => compare(r, cursor) > 0) : ranked;
  const pageKeys = after.slice(0, limit);
  const rows = await db().session.findMany({ where: { id: { in: pageKeys.map((k) => k.id) } }, select: rowSelect });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const projects = await projectNamesById(db(), rows.map((r) => r.projectId));
  const items = pageKeys.flatMap((k) => {
    const row = byId.get(k.id);
    return row ? [{ ...toListRow(row, projects.get(row.projectId), now), durationMs: k.value }] : [];
  });
  const last = pageKeys[pageKeys.length - 1];
  return {
    items,
    nextCursor: after.length > limit && last ? encodeListCursor({ sort: "duration", dir: filters.dir, value: last.value, id: last.id }) : null,
    asOf: now,
  };
}

export type SessionFacets = {
  sources: string[];
  phases: string[];
  projects: { slug: string; name: string }[];
  agentTypes: string[];
};

const FACETS_TTL_MS = 30_000;
const facetCache = globalThis as unknown as { __observatoryFacets?: { at: number; value: Promise<SessionFacets> } };

/** The values the list's filter menus offer. Cached briefly: they change rarely and the distinct agent types scan runs. */
export function clearSessionFacetsCache(): void {
  facetCache.__observatoryFacets = undefined;
}

export function sessionFacets(): Promise<SessionFacets> {
  const cached = facetCache.__observatoryFacets;
  if (cached && Date.now() - cached.at < FACETS_TTL_MS) return cached.value;
  const value = loadFacets();
  facetCache.__observatoryFacets = { at: Date.now(), value };
  value.catch(() => clearSessionFacetsCache());
  return value;
}

async function loadFacets(): Promise<SessionFacets> {
  const client = db();
  const [sources, phases, projects, agentTypes] = await Promise.all([
    client.session.groupBy({ by: ["source"], orderBy: { source: "asc" } }),
    client.session.groupBy({ by: ["phase"], where: { phase: { not: null } }, orderBy: { phase: "asc" } }),
    client.project.findMany({ select: { slug: true, name: true }, orderBy: { name: "asc" } }),
    client.run.groupBy({ by: ["agentType"], where: { agentType: { not: null } }, orderBy: { agentType: "asc" } }),
  ]);
  return {
    sources: sources.map((s) => s.source),
    phases: phases.flatMap((p) => (p.phase ? [p.phase] : [])),
    projects,
    agentTypes: agentTypes.flatMap((a) => (a.agentType ? [a.agentType] : [])),
  };
}
