import "server-only";
// The Messages, Tasks, State, Decisions and Artifacts tabs: one page of each at a time,
// in time order, never the large bodies of a list (snapshot data and artifact content load
// when one is opened).
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import type { Status } from "@/lib/ingest/status";
import { seekPast, timeCursor, timeCursorOf } from "@/lib/api/cursor";
import type { MessageSeek } from "./detail-action-schemas";
import { clip, smallJson } from "./list-payload";
import type { MessageWindow } from "./message-window";

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
  /** where a page before or after this message starts */
  cursor: string;
};

export type MessagePage = MessageWindow<SessionMessage>;

export const MESSAGE_PAGE_SIZE = 100;

const messageSelect = {
  id: true,
  externalId: true,
  fromAgent: true,
  toAgent: true,
  kind: true,
  content: true,
  replyTo: true,
  processed: true,
  timestamp: true,
} satisfies Prisma.MessageSelect;

function toMessage(r: Prisma.MessageGetPayload<{ select: typeof messageSelect }>): SessionMessage {
  const content = clip(r.content, 4_000);
  return { ...r, content: content.text, clipped: content.clipped, cursor: timeCursorOf(r) };
}

/** Up to `take` messages from where `where` starts, walking forward (asc) or back (desc) in time. */
function messageRows(where: Prisma.MessageWhereInput, dir: "asc" | "desc", take: number) {
  return db().message.findMany({ where, orderBy: [{ timestamp: dir }, { id: dir }], take, select: messageSelect });
}

/**
 * One page of the Messages tab, wherever the reader is: the first or last page, the page at a
 * time, or the page after/before a row. Each is one keyset read on (sessionId, timestamp), so
 * the end of 10,000 messages costs what the start does. A cursor that does not decode starts over.
 */
export async function loadMessageWindow(
  sessionId: string,
  seek: MessageSeek,
  limit = MESSAGE_PAGE_SIZE,
): Promise<MessagePage> {
  const forward = (rows: Awaited<ReturnType<typeof messageRows>>) => ({
    items: rows.slice(0, limit).map(toMessage),
    more: rows.length > limit,
  });
  const backward = (rows: Awaited<ReturnType<typeof messageRows>>) => ({
    items: rows.slice(0, limit).reverse().map(toMessage),
    more: rows.length > limit,
  });
  switch (seek.to) {
    case "start": {
      const page = forward(await messageRows({ sessionId }, "asc", limit + 1));
      return { items: page.items, atStart: true, atEnd: !page.more };
    }
    case "end": {
      const page = backward(await messageRows({ sessionId }, "desc", limit + 1));
      return { items: page.items, atStart: !page.more, atEnd: true };
    }
    case "after":
    case "before": {
      const c = timeCursor.decode(seek.cursor);
      if (!c) return loadMessageWindow(sessionId, { to: "start" }, limit);
      const at = {
        AND: [{ sessionId }, seekPast("timestamp", new Date(c.t), String(c.i), seek.to === "after" ? "asc" : "desc")],
      };
      if (seek.to === "after") {
        const page = forward(await messageRows(at, "asc", limit + 1));
        return { items: page.items, atStart: false, atEnd: !page.more };
      }
      const page = backward(await messageRows(at, "desc", limit + 1));
      return { items: page.items, atStart: !page.more, atEnd: false };
    }
    case "time": {
      const t = new Date(seek.at);
      const [rows, earlier] = await Promise.all([
        messageRows({ sessionId, timestamp: { gte: t } }, "asc", limit + 1),
        db().message.findFirst({ where: { sessionId, timestamp: { lt: t } }, select: { id: true } }),
      ]);
      // past the last message: land on the end
      if (rows.length === 0) return loadMessageWindow(sessionId, { to: "end" }, limit);
      const page = forward(rows);
      return { items: page.items, atStart: earlier === null, atEnd: !page.more };
    }
  }
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

/**
 * The board shows every task of a session in one load: dependencies and parents link across
 * columns, so a task must be findable without paging. Sessions have tasks in the thousands;
 * this bound only stops a runaway source from sending the browser an unbounded board.
 */
export const TASK_LIMIT = 20_000;

/** External ids of the tasks' parents: from the board itself, else read in chunks (a parent may sit in another session). */
async function taskExternalIds(
  rows: readonly { id: string; externalId: string; parentTaskId: string | null }[],
): Promise<Map<string, string>> {
  const known = new Map(rows.map((r) => [r.id, r.externalId]));
  const missing = [
    ...new Set(rows.flatMap((r) => (r.parentTaskId !== null && !known.has(r.parentTaskId) ? [r.parentTaskId] : []))),
  ];
  for (let i = 0; i < missing.length; i += 500) {
    const found = await db().task.findMany({
      where: { id: { in: missing.slice(i, i + 500) } },
      select: { id: true, externalId: true },
    });
    for (const f of found) known.set(f.id, f.externalId);
  }
  return known;
}

export async function loadTasks(
  sessionId: string,
  limit = TASK_LIMIT,
): Promise<{ tasks: SessionTask[]; total: number }> {
  const client = db();
  // Flat reads scoped by the session in SQL: nested relation selects would send every task id
  // as a bound parameter, and SQLite refuses past ~1,000 of them.
  const [rows, total, dependencies] = await Promise.all([
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
        parentTaskId: true,
      },
    }),
    client.task.count({ where: { sessionId } }),
    client.taskDependency.findMany({
      where: { task: { sessionId } },
      orderBy: { id: "asc" },
      select: { taskId: true, dependsOnExternalId: true, type: true },
    }),
  ]);
  const parentExternalId = await taskExternalIds(rows);
  const dependsOn = new Map<string, { dependsOn: string; type: string }[]>();
  for (const d of dependencies) {
    const list = dependsOn.get(d.taskId) ?? [];
    if (list.length < 50) list.push({ dependsOn: d.dependsOnExternalId, type: d.type });
    dependsOn.set(d.taskId, list);
  }
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
      parentExternalId: r.parentTaskId === null ? null : (parentExternalId.get(r.parentTaskId) ?? null),
      dependencies: dependsOn.get(r.id) ?? [],
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
