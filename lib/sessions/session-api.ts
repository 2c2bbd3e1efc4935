import "server-only";
// The read API's data functions: project-scoped, keyset-paginated, never loading bodies
// that a list does not show.
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { seekPast, timeCursor, timeCursorOf } from "@/lib/api/cursor";
import { phaseSteps } from "@/lib/ingest/merge";
import type { z } from "zod";
import type {
  eventListQuery,
  LogEventResponse,
  SessionDetailResponse,
  SessionResponse,
  sessionListQuery,
} from "./api-schemas";
import { findSessionPageIds, inIdOrder } from "./session-list-query";
import { readTabCounts } from "./tab-counts";

const sessionSelect = {
  id: true,
  externalId: true,
  source: true,
  title: true,
  mission: true,
  mode: true,
  kind: true,
  status: true,
  sourceStatus: true,
  phase: true,
  phaseHistory: true,
  iteration: true,
  qaPassed: true,
  workDir: true,
  priority: true,
  placeholder: true,
  startedAt: true,
  endedAt: true,
  updatedAt: true,
  totalTokens: true,
  costUsd: true,
  errorCount: true,
  metadata: true,
  parent: { select: { externalId: true } },
} satisfies Prisma.SessionSelect;

type SessionRow = Prisma.SessionGetPayload<{ select: typeof sessionSelect }>;

function toSession(row: SessionRow): SessionResponse {
  return {
    sessionId: row.externalId,
    source: row.source,
    title: row.title,
    mission: row.mission,
    mode: row.mode,
    kind: row.kind,
    status: row.status,
    sourceStatus: row.sourceStatus,
    phase: row.phase,
    phaseHistory: phaseSteps(row.phaseHistory),
    iteration: row.iteration,
    qaPassed: row.qaPassed,
    workDir: row.workDir,
    priority: row.priority,
    parentSessionId: row.parent?.externalId ?? null,
    placeholder: row.placeholder,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    totalTokens: row.totalTokens,
    costUsd: row.costUsd,
    errorCount: row.errorCount,
    metadata: row.metadata ?? {},
  };
}

export async function listSessionsForApi(
  db: Db,
  projectId: string,
  query: z.output<typeof sessionListQuery>,
): Promise<{ data: SessionResponse[]; nextCursor: string | null }> {
  const { ids, nextCursor } = await findSessionPageIds(db, query, {
    limit: query.limit,
    now: new Date(),
    projectId,
    cursor: "api",
  });
  const rows = ids.length > 0 ? await db.session.findMany({ where: { id: { in: ids } }, select: sessionSelect }) : [];
  return { data: inIdOrder(ids, rows).map(toSession), nextCursor };
}

async function findSession(db: Db, projectId: string, externalId: string) {
  return db.session.findUnique({ where: { projectId_externalId: { projectId, externalId } }, select: sessionSelect });
}

export async function getSessionDetail(
  db: Db,
  projectId: string,
  externalId: string,
): Promise<SessionDetailResponse | null> {
  const row = await findSession(db, projectId, externalId);
  if (!row) return null;
  const sessionId = row.id;
  const [counts, usage, unknownCostCalls] = await Promise.all([
    // the page header's counts (tab-counts.ts), of which the API answers these
    readTabCounts(db, { id: sessionId, projectId, externalId }),
    db.llmCall.aggregate({
      where: { sessionId },
      _sum: {
        inputTokens: true,
        outputTokens: true,
        cacheReadTokens: true,
        cacheWriteTokens: true,
        reasoningTokens: true,
        totalTokens: true,
        costUsd: true,
      },
    }),
    db.llmCall.count({ where: { sessionId, costUsd: null } }),
  ]);
  const s = usage._sum;
  return {
    ...toSession(row),
    counts: {
      runs: counts.runs,
      llmCalls: counts.llmCalls,
      logs: counts.logs,
      messages: counts.messages,
      states: counts.states,
      tasks: counts.tasks,
      decisions: counts.decisions,
      artifacts: counts.artifacts,
    },
    usage: {
      inputTokens: s.inputTokens ?? 0,
      outputTokens: s.outputTokens ?? 0,
      cacheReadTokens: s.cacheReadTokens ?? 0,
      cacheWriteTokens: s.cacheWriteTokens ?? 0,
      reasoningTokens: s.reasoningTokens ?? 0,
      totalTokens: s.totalTokens ?? 0,
      costUsd: s.costUsd ?? 0,
      unknownCostCalls,
    },
  };
}

export async function listSessionEvents(
  db: Db,
  projectId: string,
  externalId: string,
  query: z.output<typeof eventListQuery>,
): Promise<{ data: LogEventResponse[]; nextCursor: string | null } | null> {
  const session = await db.session.findUnique({
    where: { projectId_externalId: { projectId, externalId } },
    select: { id: true },
  });
  if (!session) return null;
  const cursor = timeCursor.decodeForApi(query.cursor);
  const where: Prisma.EventWhereInput = { sessionId: session.id };
  if (query.level) where.level = query.level;
  if (query.kind) where.kind = query.kind;
  const rows = await db.event.findMany({
    where: cursor ? { AND: [where, seekPast("timestamp", new Date(cursor.t), Number(cursor.i), "asc")] } : where,
    orderBy: [{ timestamp: "asc" }, { id: "asc" }],
    take: query.limit + 1,
    include: { run: { select: { externalId: true } }, agent: { select: { externalId: true } } },
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    data: page.map((e) => ({
      id: e.externalId,
      timestamp: e.timestamp.toISOString(),
      level: e.level,
      kind: e.kind,
      component: e.component,
      iteration: e.iteration,
      agentType: e.agentType,
      agentId: e.agent?.externalId ?? null,
      runId: e.run?.externalId ?? null,
      message: e.message,
      details: e.details ?? null,
      metadata: e.metadata ?? {},
    })),
    nextCursor: rows.length > query.limit && last ? timeCursorOf(last) : null,
  };
}
