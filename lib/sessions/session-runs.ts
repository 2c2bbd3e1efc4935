import "server-only";
// The Timeline tab: a session's runs with their LLM usage, and one run's calls and logs
// when it is opened. Call bodies (prompt, response) load one call at a time, on request.
import { db } from "@/lib/db/client";
import type { Status } from "@/lib/ingest/status";
import { clip } from "./list-payload";

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

export type Timeline = { runs: TimelineRun[]; total: number; truncated: boolean };

/** Runs drawn at most: a Gantt of more rows is unreadable anyway. */
export const TIMELINE_RUN_LIMIT = 1_000;

export async function loadTimeline(sessionId: string, limit = TIMELINE_RUN_LIMIT): Promise<Timeline> {
  const client = db();
  const [rows, total, usage] = await Promise.all([
    client.run.findMany({
      where: { sessionId },
      orderBy: [{ startedAt: "asc" }, { id: "asc" }],
      take: limit,
      select: {
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
      },
    }),
    client.run.count({ where: { sessionId } }),
    client.llmCall.groupBy({
      by: ["runId"],
      where: { sessionId, runId: { not: null } },
      _sum: { totalTokens: true, costUsd: true },
      _count: { _all: true },
    }),
  ]);
  const byRun = new Map(usage.map((u) => [u.runId, u]));
  return {
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
    total,
    truncated: total > rows.length,
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
