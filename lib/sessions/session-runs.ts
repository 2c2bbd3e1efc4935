import "server-only";
// The Timeline tab: a session's runs counted per agent lane, the runs of a zoomed-in window
// with their LLM usage, and one run's calls and logs when it is opened. Call bodies (prompt, response) load one call at a time, on request.
import { db } from "@/lib/db/client";
import { dialectOf, sqlFor } from "@/lib/db/sql/registry";
import type { Status } from "@/lib/ingest/status";
import { sql } from "kysely";
import { ACTIVE_STATUSES, sessionSpan, type RunExtremes } from "@/lib/timeline/gantt-layout";
import { aggregateLanes, bucketWidth, type LaneGroup, type TimelineOverview } from "@/lib/timeline/lane-aggregate";
import { TIMELINE_DETAIL_LIMIT, TIMELINE_MIN_WINDOW_MS } from "@/lib/timeline/zoom-window";
import { clip } from "./list-payload";
import { idBatches } from "@/lib/db/sql/id-batches";

export type TimelineRun = {
  id: string;
  externalId: string;
  agentType: string | null;
  agentExternalId: string | null;
  parentRunId: string | null;
  status: Status;
  model: string | null;
  stepName: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  durationMs: number | null;
  tokens: number;
  costUsd: number;
  calls: number;
  reportedTokens: number | null;
  reportedCostUsd: number | null;
};

/** Parent links followed at most to find a listed run's ancestors (guards against cycles). */
const MAX_ANCESTOR_LEVELS = 32;

export type Timeline = {
  /** The window shown, [from, to) in epoch ms: without one asked for, the whole session's runs, first start to last end. */
  window: { from: number; to: number };
  /** Runs per agent lane and time bucket, over the window. */
  overview: TimelineOverview;
  /** The window's runs and their ancestors when it holds few enough; otherwise empty. */
  runs: TimelineRun[];
  /** Ancestors listed to keep the tree whole, although they start outside the window. */
  contextIds: string[];
  detail: boolean;
  /** Runs of the window not listed (a window narrower than TIMELINE_MIN_WINDOW_MS with more than the limit). */
  truncated: number;
};

const RUN_COLUMNS = {
  id: true,
  externalId: true,
  agentType: true,
  parentRunId: true,
  status: true,
  model: true,
  stepName: true,
  startedAt: true,
  endedAt: true,
  durationMs: true,
  reportedTokens: true,
  reportedCostUsd: true,
  agent: { select: { externalId: true } },
} as const;

/** The first and last times of a session's runs, for its span: one pass, no rows. */
async function runExtremes(sessionId: string): Promise<RunExtremes> {
  const client = db();
  const dialect = dialectOf(client);
  const row = await sqlFor(client)
    .selectFrom("Run")
    .select((eb) => [
      eb.fn.min("startedAt").as("firstStart"),
      eb.fn.max("startedAt").as("lastStart"),
      eb.fn.max("endedAt").as("lastEnd"),
      eb.fn.max(eb.case().when("endedAt", "is", null).then(eb.ref("durationMs")).end()).as("longestOpenDuration"),
      eb.fn
        .count(
          eb
            .case()
            .when(
              eb.and([
                eb("startedAt", "is not", null),
                eb("endedAt", "is", null),
                eb("durationMs", "is", null),
                eb("status", "in", [...ACTIVE_STATUSES]),
              ]),
            )
            .then(1)
            .end(),
        )
        .as("openActive"),
    ])
    .where("sessionId", "=", sessionId)
    .executeTakeFirst();
  const time = (v: unknown) => (v === null || v === undefined ? null : dialect.readTimestamp(v).getTime());
  return {
    firstStart: time(row?.firstStart),
    lastStart: time(row?.lastStart),
    lastEnd: time(row?.lastEnd),
    longestOpenDuration: row?.longestOpenDuration == null ? null : Number(row.longestOpenDuration),
    openActive: Number(row?.openActive ?? 0) > 0,
  };
}

/** Runs grouped by agent type, status and time bucket, counted by the database. */
async function laneGroups(
  sessionId: string,
  window: { from: number; to: number },
  bucketMs: number,
  onlyInWindow: boolean,
): Promise<LaneGroup[]> {
  const client = db();
  const bucket = dialectOf(client).timeBucket(sql.ref("startedAt"), new Date(window.from), bucketMs);
  let query = sqlFor(client)
    .selectFrom("Run")
    .select((eb) => ["agentType", "status", bucket.as("bucket"), eb.fn.countAll().as("runs")])
    .where("sessionId", "=", sessionId)
    .groupBy(["agentType", "status", "bucket"]);
  if (onlyInWindow)
    query = query.where("startedAt", ">=", new Date(window.from)).where("startedAt", "<", new Date(window.to));
  const rows = await query.execute();
  return rows.map((r) => ({
    agentType: r.agentType,
    status: r.status as Status,
    bucket: r.bucket === null ? null : Number(r.bucket),
    runs: Number(r.runs),
  }));
}

/**
 * The Timeline tab's data. Without a window: the whole session, as lanes, and its runs when
 * there are at most TIMELINE_DETAIL_LIMIT. With one: the runs starting in [from, to) the same
 * way, plus their ancestors, so the parent/child structure stays whole in any window.
 */
export async function loadTimeline(
  sessionId: string,
  window?: { from: number; to: number },
  now = new Date(),
  limit = TIMELINE_DETAIL_LIMIT,
): Promise<Timeline> {
  let shown: { from: number; to: number };
  if (window) shown = window;
  else {
    const span = sessionSpan(await runExtremes(sessionId), now.getTime());
    // `to` is exclusive: one past the last end keeps a run that starts there in a bucket
    shown = span ? { from: span.start, to: span.end + 1 } : { from: now.getTime(), to: now.getTime() + 1 };
  }
  const overview = aggregateLanes(await laneGroups(sessionId, shown, bucketWidth(shown), !!window), shown);
  const inWindow = window ? overview.runs : overview.runs + overview.untimed;
  const detail = inWindow <= limit || shown.to - shown.from <= TIMELINE_MIN_WINDOW_MS;
  if (!detail) return { window: shown, overview, runs: [], contextIds: [], detail, truncated: 0 };

  const client = db();
  const listed = await client.run.findMany({
    where: window ? { sessionId, startedAt: { gte: new Date(window.from), lt: new Date(window.to) } } : { sessionId },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    take: limit,
    select: RUN_COLUMNS,
  });
  const known = new Set(listed.map((r) => r.id));
  const ancestors: typeof listed = [];
  let missing = [
    ...new Set(listed.flatMap((r) => (r.parentRunId && !known.has(r.parentRunId) ? [r.parentRunId] : []))),
  ];
  for (let level = 0; missing.length > 0 && level < MAX_ANCESTOR_LEVELS; level++) {
    const found = (
      await Promise.all(
        idBatches(missing).map((ids) =>
          client.run.findMany({ where: { sessionId, id: { in: ids } }, select: RUN_COLUMNS }),
        ),
      )
    ).flat();
    for (const r of found) known.add(r.id);
    ancestors.push(...found);
    missing = [...new Set(found.flatMap((r) => (r.parentRunId && !known.has(r.parentRunId) ? [r.parentRunId] : [])))];
  }
  const rows = [...listed, ...ancestors];
  const usage = (
    await Promise.all(
      idBatches(rows.map((r) => r.id)).map((ids) =>
        // by run id alone, so the planner takes the runId index rather than every call of the
        // session (50,000 at the huge size: 45–120 ms a window); the session is checked after
        client.llmCall.groupBy({
          by: ["runId", "sessionId"],
          where: { runId: { in: ids } },
          _sum: { totalTokens: true, costUsd: true },
          _count: { _all: true },
        }),
      ),
    )
  )
    .flat()
    .filter((u) => u.sessionId === sessionId);
  const byRun = new Map(usage.map((u) => [u.runId, u]));
  return {
    window: shown,
    overview,
    runs: rows.map((r) => {
      const u = byRun.get(r.id);
      return {
        id: r.id,
        externalId: r.externalId,
        agentType: r.agentType,
        agentExternalId: r.agent?.externalId ?? null,
        parentRunId: r.parentRunId,
        status: r.status,
        model: r.model,
        stepName: r.stepName,
        startedAt: r.startedAt,
        endedAt: r.endedAt,
        durationMs: r.durationMs,
        tokens: u?._sum.totalTokens ?? 0,
        costUsd: u?._sum.costUsd ?? 0,
        calls: u?._count._all ?? 0,
        reportedTokens: r.reportedTokens,
        reportedCostUsd: r.reportedCostUsd,
      };
    }),
    contextIds: ancestors.map((r) => r.id),
    detail,
    truncated: Math.max(0, inWindow - listed.length),
  };
}

export type RunCall = {
  id: string;
  externalId: string;
  model: string | null;
  provider: string | null;
  promptName: string | null;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  totalTokens: number;
  estimated: boolean;
  costUsd: number | null;
  costSource: string;
  latencyMs: number | null;
  status: Status;
  error: string | null;
  startedAt: Date;
};

export type RunLog = { id: number; timestamp: Date; level: string; kind: string; message: string; clipped: boolean };

export type RunDetail = {
  id: string;
  externalId: string;
  agentType: string | null;
  status: Status;
  sourceStatus: string | null;
  model: string | null;
  input: string | null;
  output: string | null;
  error: string | null;
  calls: RunCall[];
  callCount: number;
  logs: RunLog[];
  logCount: number;
};

const RUN_TEXT_CHARS = 4_000;
export const RUN_DETAIL_ROWS = 200;

export async function loadRunDetail(sessionId: string, runId: string): Promise<RunDetail | null> {
  const client = db();
  const run = await client.run.findFirst({
    where: { id: runId, sessionId },
    select: {
      id: true,
      externalId: true,
      agentType: true,
      status: true,
      sourceStatus: true,
      model: true,
      input: true,
      output: true,
      error: true,
    },
  });
  if (!run) return null;
  const [calls, callCount, logs, logCount] = await Promise.all([
    client.llmCall.findMany({
      where: { runId, sessionId },
      orderBy: [{ startedAt: "asc" }, { id: "asc" }],
      take: RUN_DETAIL_ROWS,
      select: {
        id: true,
        externalId: true,
        model: true,
        provider: true,
        promptName: true,
        inputTokens: true,
        outputTokens: true,
        cacheReadTokens: true,
        totalTokens: true,
        estimated: true,
        costUsd: true,
        costSource: true,
        latencyMs: true,
        status: true,
        error: true,
        startedAt: true,
      },
    }),
    client.llmCall.count({ where: { runId, sessionId } }),
    client.event.findMany({
      where: { runId, sessionId },
      orderBy: [{ timestamp: "asc" }, { id: "asc" }],
      take: RUN_DETAIL_ROWS,
      select: { id: true, timestamp: true, level: true, kind: true, message: true },
    }),
    client.event.count({ where: { runId, sessionId } }),
  ]);
  const text = (value: string | null) => (value === null ? null : clip(value, RUN_TEXT_CHARS).text);
  return {
    ...run,
    input: text(run.input),
    output: text(run.output),
    error: text(run.error),
    calls: calls.map((c) => ({ ...c, error: text(c.error) })),
    callCount,
    logs: logs.map((l) => {
      const m = clip(l.message, 1_000);
      return { id: l.id, timestamp: l.timestamp, level: l.level, kind: l.kind, message: m.text, clipped: m.clipped };
    }),
    logCount,
  };
}

export type CallContent = { prompt: string | null; response: string | null; truncated: boolean; clipped: boolean };

const CALL_BODY_CHARS = 50_000;

/** One call's prompt and response, shortened for display. */
export async function loadCallContent(sessionId: string, callId: string): Promise<CallContent | null> {
  const row = await db().llmCallContent.findFirst({
    where: { llmCallId: callId, llmCall: { sessionId } },
    select: { prompt: true, response: true, truncated: true },
  });
  if (!row) return null;
  const prompt = row.prompt === null ? null : clip(row.prompt, CALL_BODY_CHARS);
  const response = row.response === null ? null : clip(row.response, CALL_BODY_CHARS);
  return {
    prompt: prompt?.text ?? null,
    response: response?.text ?? null,
    truncated: row.truncated,
    clipped: Boolean(prompt?.clipped || response?.clipped),
  };
}
