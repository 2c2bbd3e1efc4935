import "server-only";
// The Messages, Tasks, State, Decisions and Artifacts tabs: one page of each at a time,
// in time order, never the large bodies of a list (snapshot data and artifact content load
// when one is opened).
import { db } from "@/lib/db/client";
import type { Status } from "@/lib/ingest/status";
import { seekPast, timeCursor, timeCursorOf } from "@/lib/api/cursor";
import { clip, smallJson } from "./list-payload";

type Page<T> = { items: T[]; nextCursor: string | null };

function paged<R extends { timestamp: Date; id: string | number }, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
): Page<T> {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(map), nextCursor: rows.length > limit && last ? timeCursorOf(last) : null };
}

// Messages ------------------------------------------------------------------------------

export type SessionMessage = {
  id: string;
  externalId: string;
  fromAgent: string;
  toAgent: string;
  kind: string | null;
  content: string;
  clipped: boolean;
  replyTo: string | null;
  processed: boolean | null;
  timestamp: Date;
};

export const MESSAGE_PAGE_SIZE = 100;

export async function loadMessages(
  sessionId: string,
  cursor?: string | null,
  limit = MESSAGE_PAGE_SIZE,
): Promise<Page<SessionMessage>> {
  const c = timeCursor.decode(cursor);
  const rows = await db().message.findMany({
    where: c ? { AND: [{ sessionId }, seekPast("timestamp", new Date(c.t), String(c.i), "asc")] } : { sessionId },
    orderBy: [{ timestamp: "asc" }, { id: "asc" }],
    take: limit + 1,
    select: {
      id: true,
      externalId: true,
      fromAgent: true,
      toAgent: true,
      kind: true,
      content: true,
      replyTo: true,
      processed: true,
      timestamp: true,
    },
  });
  return paged(rows, limit, (r) => {
    const content = clip(r.content, 4_000);
    return { ...r, content: content.text, clipped: content.clipped };
  });
}

export type MessageEdge = { from: string; to: string; count: number };

/** Who talks to whom, over all of the session's messages (counted in the database). */
export async function loadMessageEdges(sessionId: string): Promise<MessageEdge[]> {
  const groups = await db().message.groupBy({
    by: ["fromAgent", "toAgent"],
    where: { sessionId },
    _count: { _all: true },
  });
  return groups
    .map((g) => ({ from: g.fromAgent, to: g.toAgent, count: g._count._all }))
    .sort((a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

// Tasks ---------------------------------------------------------------------------------

export type SessionTask = {
  id: string;
  externalId: string;
  name: string;
  description: string | null;
  status: Status;
  sourceStatus: string | null;
  assignee: string | null;
  revisionCount: number;
  reviewStatus: string | null;
  priority: number | null;
  kind: string | null;
  parentExternalId: string | null;
  dependencies: { dependsOn: string; type: string }[];
};

export const TASK_LIMIT = 500;

export async function loadTasks(
  sessionId: string,
  limit = TASK_LIMIT,
): Promise<{ tasks: SessionTask[]; total: number }> {
  const client = db();
  const [rows, total] = await Promise.all([
    client.task.findMany({
      where: { sessionId },
      orderBy: [{ priority: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      take: limit,
      select: {
        id: true,
        externalId: true,
        name: true,
        description: true,
        status: true,
        sourceStatus: true,
        assignee: true,
        revisionCount: true,
        reviewStatus: true,
        priority: true,
        kind: true,
        parent: { select: { externalId: true } },
        dependencies: { select: { dependsOnExternalId: true, type: true }, orderBy: { id: "asc" }, take: 50 },
      },
    }),
    client.task.count({ where: { sessionId } }),
  ]);
  return {
    tasks: rows.map((r) => ({
      id: r.id,
      externalId: r.externalId,
      name: r.name,
      description: r.description === null ? null : clip(r.description, 600).text,
      status: r.status,
      sourceStatus: r.sourceStatus,
      assignee: r.assignee,
      revisionCount: r.revisionCount,
      reviewStatus: r.reviewStatus,
      priority: r.priority,
      kind: r.kind,
      parentExternalId: r.parent?.externalId ?? null,
      dependencies: r.dependencies.map((d) => ({ dependsOn: d.dependsOnExternalId, type: d.type })),
    })),
    total,
  };
}

// State snapshots -----------------------------------------------------------------------

export type SessionState = {
  id: number;
  externalId: string;
  kind: string;
  checkpointId: string | null;
  parentCheckpointId: string | null;
  timestamp: Date;
};

export const STATE_PAGE_SIZE = 100;

export async function loadStates(
  sessionId: string,
  cursor?: string | null,
  limit = STATE_PAGE_SIZE,
): Promise<Page<SessionState>> {
  const c = timeCursor.decode(cursor);
  const rows = await db().stateSnapshot.findMany({
    where: c ? { AND: [{ sessionId }, seekPast("timestamp", new Date(c.t), Number(c.i), "asc")] } : { sessionId },
    orderBy: [{ timestamp: "asc" }, { id: "asc" }],
    take: limit + 1,
    select: { id: true, externalId: true, kind: true, checkpointId: true, parentCheckpointId: true, timestamp: true },
  });
  return paged(rows, limit, (r) => r);
}

/** Snapshot bodies larger than this are not diffed in the browser. */
export const STATE_DATA_MAX_CHARS = 1_000_000;

export type StateData = { id: number; data: unknown; tooLarge: boolean };

export async function loadStateData(sessionId: string, ids: readonly number[]): Promise<StateData[]> {
  const rows = await db().stateSnapshot.findMany({
    where: { sessionId, id: { in: [...ids].slice(0, 4) } },
    select: { id: true, data: true },
  });
  return rows.map((r) => {
    const tooLarge = JSON.stringify(r.data).length > STATE_DATA_MAX_CHARS;
    return { id: r.id, data: tooLarge ? null : r.data, tooLarge };
  });
}

// Decisions -----------------------------------------------------------------------------

export type SessionDecision = {
  id: number;
  externalId: string;
  iteration: number | null;
  decisionType: string;
  data: unknown;
  dataOmitted: boolean;
  timestamp: Date;
};

export const DECISION_PAGE_SIZE = 100;

export async function loadDecisions(
  sessionId: string,
  cursor?: string | null,
  limit = DECISION_PAGE_SIZE,
): Promise<Page<SessionDecision>> {
  const c = timeCursor.decode(cursor);
  const rows = await db().decision.findMany({
    where: c ? { AND: [{ sessionId }, seekPast("timestamp", new Date(c.t), Number(c.i), "asc")] } : { sessionId },
    orderBy: [{ timestamp: "asc" }, { id: "asc" }],
    take: limit + 1,
    select: { id: true, externalId: true, iteration: true, decisionType: true, data: true, timestamp: true },
  });
  return paged(rows, limit, (r) => {
    const data = smallJson(r.data, 20_000);
    return { ...r, data: data.value, dataOmitted: data.omitted };
  });
}

// Artifacts -----------------------------------------------------------------------------

export type SessionArtifact = {
  id: string;
  externalId: string;
  type: string;
  name: string;
  path: string | null;
  version: number | null;
  score: number | null;
  scores: unknown;
  status: string | null;
  runExternalId: string | null;
  timestamp: Date;
};

export const ARTIFACT_PAGE_SIZE = 50;

export async function loadArtifacts(
  sessionId: string,
  cursor?: string | null,
  limit = ARTIFACT_PAGE_SIZE,
): Promise<Page<SessionArtifact>> {
  const c = timeCursor.decode(cursor);
  const rows = await db().artifact.findMany({
    where: c ? { AND: [{ sessionId }, seekPast("timestamp", new Date(c.t), String(c.i), "asc")] } : { sessionId },
    orderBy: [{ timestamp: "asc" }, { id: "asc" }],
    take: limit + 1,
    select: {
      id: true,
      externalId: true,
      type: true,
      name: true,
      path: true,
      version: true,
      score: true,
      scores: true,
      status: true,
      timestamp: true,
      run: { select: { externalId: true } },
    },
  });
  return paged(rows, limit, ({ run, ...r }) => ({
    ...r,
    scores: r.scores ?? null,
    runExternalId: run?.externalId ?? null,
  }));
}

export type ArtifactBody = { data: unknown; content: string | null; clipped: boolean };

const ARTIFACT_CONTENT_CHARS = 200_000;

export async function loadArtifactBody(sessionId: string, artifactId: string): Promise<ArtifactBody | null> {
  const row = await db().artifact.findFirst({
    where: { id: artifactId, sessionId },
    select: { data: true, content: true },
  });
  if (!row) return null;
  const content = row.content === null ? null : clip(row.content, ARTIFACT_CONTENT_CHARS);
  return { data: row.data ?? null, content: content?.text ?? null, clipped: content?.clipped ?? false };
}
