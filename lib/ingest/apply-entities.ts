import "server-only";
// Upserts of the entities events describe by their own id: sessions, agents, runs,
// LLM calls, messages, tasks and artifacts. Newest event wins (see merge.ts).
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { resolveCost } from "@/lib/usage/cost";
import { callContribution, runContribution, type CallForRollup, type RunForRollup } from "@/lib/usage/rollup-math";
import { asJson, newId, type BatchContext } from "./batch-context";
import { addPhase, extraFields, isNewer, mergeFields, mergeMetadata, type Fields } from "./merge";
import {
  agentBody,
  artifactBody,
  llmCallBody,
  messageBody,
  runBody,
  sessionBody,
  taskBody,
  MAX_COUNT,
  type AgentBody,
  type ArtifactBody,
  type LlmCallBody,
  type MessageBody,
  type RunBody,
  type SessionBody,
  type TaskBody,
} from "./schemas";
import { normalizeStatus, TERMINAL_STATUSES, type Status } from "./status";
import { capOptional, capText } from "./text";

function defined(fields: Fields): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

function meta(body: Record<string, unknown>, known: readonly string[], extra: Fields = {}): Fields | undefined {
  const metadata = (body.metadata ?? {}) as Fields;
  const merged = { ...extra, ...metadata, ...extraFields(body, known) };
  return Object.keys(merged).length > 0 ? merged : undefined;
}

function endedIfTerminal(status: Status | undefined, at: Date): Date | undefined {
  return status !== undefined && TERMINAL_STATUSES.includes(status) ? at : undefined;
}

/** The stored values a run contributes to the usage rollups (defaults as the database has them). */
function runRow(r: Record<string, unknown>): RunForRollup {
  return {
    startedAt: (r.startedAt as Date | null | undefined) ?? null,
    createdAt: (r.createdAt as Date | undefined) ?? new Date(0),
    source: r.source as string,
    agentType: (r.agentType as string | null | undefined) ?? null,
    model: (r.model as string | null | undefined) ?? null,
    status: (r.status as string | undefined) ?? "running",
    durationMs: (r.durationMs as number | null | undefined) ?? null,
  };
}

function callRow(r: Record<string, unknown>): CallForRollup {
  const n = (k: string) => (typeof r[k] === "number" ? (r[k] as number) : 0);
  return {
    startedAt: r.startedAt as Date,
    source: r.source as string,
    agentType: (r.agentType as string | null | undefined) ?? null,
    model: (r.model as string | null | undefined) ?? null,
    inputTokens: n("inputTokens"),
    outputTokens: n("outputTokens"),
    cacheReadTokens: n("cacheReadTokens"),
    cacheWriteTokens: n("cacheWriteTokens"),
    reasoningTokens: n("reasoningTokens"),
    totalTokens: n("totalTokens"),
    costUsd: (r.costUsd as number | null | undefined) ?? null,
    costSource: (r.costSource as string | undefined) ?? "unknown",
    estimated: r.estimated === true,
    status: (r.status as string | undefined) ?? "completed",
  };
}

type Stamps = { updatedAt?: boolean; placeholder?: boolean; lastEventAt?: boolean };

/**
 * Completes the update of an existing row: the newest event time (and updatedAt), clears
 * the placeholder flag, and merges metadata with the same newer-wins rule as the fields.
 */
function stampUpdate(
  data: Fields,
  existing: { metadata: unknown },
  metadata: Fields | undefined,
  at: Date,
  newer: boolean,
  stamps: Stamps = {},
): Fields {
  const { updatedAt = false, placeholder = true, lastEventAt = true } = stamps;
  if (newer && lastEventAt) data.lastEventAt = at;
  if (newer && updatedAt) data.updatedAt = at;
  if (placeholder) data.placeholder = false;
  const mergedMeta = mergeMetadata(existing.metadata, metadata, newer);
  if (mergedMeta) data.metadata = asJson(mergedMeta);
  return data;
}

function mergedUpdate(
  existing: { metadata: unknown },
  fields: Fields,
  metadata: Fields | undefined,
  at: Date,
  newer: boolean,
  stamps?: Stamps,
): Fields {
  return stampUpdate(mergeFields(existing as unknown as Fields, fields, newer), existing, metadata, at, newer, stamps);
}

const SESSION_KNOWN = Object.keys(sessionBody.shape);

export async function applySession(ctx: BatchContext, body: SessionBody, at: Date): Promise<void> {
  const { tx, projectId } = ctx;
  const existing = await tx.session.findUnique({
    where: { projectId_externalId: { projectId, externalId: body.sessionId } },
  });
  const status = normalizeStatus(body.status);
  const parentSessionId = body.parentSessionId ? await ctx.sessionId(body.parentSessionId, at) : undefined;
  const metadata = meta(body, SESSION_KNOWN, body.project ? { project: body.project } : {});
  const fields: Fields = {
    source: body.source,
    title: body.title,
    mission: capOptional(body.mission),
    mode: body.mode,
    kind: body.kind,
    status,
    sourceStatus: body.sourceStatus ?? body.status,
    statusChangedAt: status ? at : undefined,
    phase: body.phase,
    iteration: body.iteration,
    qaPassed: body.qaPassed,
    workDir: body.workDir,
    state: asJson(body.state),
    priority: body.priority,
    parentSessionId,
    endedAt: body.endedAt ?? endedIfTerminal(status, at),
  };
  if (!existing) {
    const id = newId();
    await tx.session.create({
      data: {
        ...(defined(fields) as Prisma.SessionUncheckedCreateInput),
        id,
        projectId,
        externalId: body.sessionId,
        source: body.source ?? ctx.defaultSource,
        status: status ?? "running",
        startedAt: body.startedAt ?? at,
        updatedAt: at,
        lastEventAt: at,
        phaseHistory: body.phase ? asJson(addPhase([], body.phase, at)) : undefined,
        metadata: asJson(metadata),
      },
    });
    ctx.rememberSession(body.sessionId, id, body.source ?? ctx.defaultSource);
    ctx.touch(id, at);
    return;
  }
  const newer = isNewer(at, existing.lastEventAt);
  const data = mergedUpdate(existing, fields, metadata, at, newer) as Prisma.SessionUncheckedUpdateInput;
  // a placeholder's own row arrived: the status a new session gets, unless it says one
  if (existing.placeholder && existing.status === "unknown" && status === undefined) data.status = "running";
  if (body.phase) data.phaseHistory = asJson(addPhase(existing.phaseHistory, body.phase, at));
  await tx.session.update({ where: { id: existing.id }, data });
  ctx.rememberSession(body.sessionId, existing.id, (data.source as string | undefined) ?? existing.source);
  ctx.touch(existing.id, at);
  if (body.startedAt) ctx.touch(existing.id, body.startedAt);
}

const AGENT_KNOWN = Object.keys(agentBody.shape);

export async function applyAgent(ctx: BatchContext, body: AgentBody, at: Date): Promise<void> {
  const { tx, projectId } = ctx;
  const existing = await tx.agent.findUnique({
    where: { projectId_externalId: { projectId, externalId: body.agentId } },
  });
  const metadata = meta(body, AGENT_KNOWN);
  const fields: Fields = {
    name: body.name,
    type: body.type,
    kind: body.kind,
    model: body.model,
    capabilities: asJson(body.capabilities),
    status: body.status,
    heartbeatAt: body.heartbeatAt,
    config: asJson(body.config),
    maxWorkload: body.maxWorkload,
    currentWorkload: body.currentWorkload,
    pid: body.pid,
    port: body.port,
    workspacePath: body.workspacePath,
  };
  if (!existing) {
    const id = newId();
    await tx.agent.create({
      data: {
        ...(defined(fields) as Prisma.AgentUncheckedCreateInput),
        id,
        projectId,
        externalId: body.agentId,
        source: ctx.defaultSource,
        name: body.name ?? body.agentId,
        lastEventAt: at,
        updatedAt: at,
        metadata: asJson(metadata),
      },
    });
    ctx.rememberAgent(body.agentId, id);
    return;
  }
  const newer = isNewer(at, existing.lastEventAt);
  const data = mergedUpdate(existing, fields, metadata, at, newer, {
    updatedAt: true,
  }) as Prisma.AgentUncheckedUpdateInput;
  await tx.agent.update({ where: { id: existing.id }, data });
  ctx.rememberAgent(body.agentId, existing.id);
}

const RUN_KNOWN = Object.keys(runBody.shape);

export async function applyRun(ctx: BatchContext, body: RunBody, at: Date): Promise<void> {
  const { tx, projectId } = ctx;
  const sessionId = await ctx.sessionId(body.sessionId, at);
  const agentId = await ctx.agentId(body.agentId, body.agentType);
  const parentRunId =
    body.parentRunId && body.parentRunId !== body.runId ? await ctx.runId(body.parentRunId, sessionId, at) : undefined;
  const existing = await tx.run.findUnique({ where: { projectId_externalId: { projectId, externalId: body.runId } } });
  const status = normalizeStatus(body.status);
  const metadata = meta(body, RUN_KNOWN);
  const fields: Fields = {
    agentType: body.agentType,
    agentId,
    parentRunId,
    status,
    sourceStatus: body.sourceStatus ?? body.status,
    model: body.model,
    step: body.step,
    stepName: body.stepName,
    input: capOptional(body.input),
    output: capOptional(body.output),
    error: capOptional(body.error),
    reportedTokens: body.reportedTokens,
    reportedCostUsd: body.reportedCostUsd,
    startedAt: body.startedAt,
    endedAt: body.endedAt ?? endedIfTerminal(status, at),
  };
  const newer = existing ? isNewer(at, existing.lastEventAt) : true;
  const data = existing ? mergeFields(existing as unknown as Fields, fields, newer) : defined(fields);
  const final = { ...(existing ?? {}), ...data } as { startedAt?: Date | null; endedAt?: Date | null; status?: Status };
  // a run longer than ~24.8 days is kept at the Int column's ceiling, not refused by the database
  if (final.startedAt && final.endedAt)
    data.durationMs = Math.min(MAX_COUNT, Math.max(0, final.endedAt.getTime() - final.startedAt.getTime()));
  const wasFailed = existing?.status === "failed";
  const isFailed = (final.status ?? "running") === "failed";
  if (wasFailed !== isFailed) ctx.touch(sessionId, at, { errors: isFailed ? 1 : -1 });
  if (!existing) {
    const id = newId();
    const created = {
      ...(data as Prisma.RunUncheckedCreateInput),
      id,
      projectId,
      sessionId,
      externalId: body.runId,
      source: ctx.sourceOf(sessionId),
      status: status ?? "running",
      startedAt: body.startedAt ?? at,
      lastEventAt: at,
      updatedAt: at,
      metadata: asJson(metadata),
    };
    await tx.run.create({ data: created });
    ctx.rollups.add(runContribution(runRow({ ...created, createdAt: at })));
    ctx.rememberRun(body.runId, id);
    return;
  }
  const update = stampUpdate(data, existing, metadata, at, newer, {
    updatedAt: true,
  }) as Prisma.RunUncheckedUpdateInput;
  await tx.run.update({ where: { id: existing.id }, data: update });
  ctx.rollups.add(runContribution(runRow(existing)), -1);
  ctx.rollups.add(runContribution(runRow({ ...existing, ...data })));
  ctx.rememberRun(body.runId, existing.id);
}

const LLM_KNOWN = Object.keys(llmCallBody.shape);

export async function applyLlmCall(ctx: BatchContext, body: LlmCallBody, at: Date): Promise<void> {
  const { tx, projectId } = ctx;
  const startedAt =
    body.startedAt ??
    (body.endedAt && body.latencyMs !== undefined ? new Date(body.endedAt.getTime() - body.latencyMs) : at);
  const sessionId = await ctx.sessionId(body.sessionId, startedAt);
  const runId = await ctx.runId(body.runId, sessionId, startedAt);
  const agentId = await ctx.agentId(body.agentId, body.agentType);
  const existing = await tx.llmCall.findUnique({
    where: { projectId_externalId: { projectId, externalId: body.callId } },
  });
  const status = normalizeStatus(body.status) ?? (existing ? undefined : body.error ? "failed" : "completed");
  const fields: Fields = {
    runId,
    agentId,
    agentType: body.agentType,
    model: body.model,
    provider: body.provider,
    promptType: body.promptType,
    promptName: body.promptName,
    inputTokens: body.inputTokens,
    outputTokens: body.outputTokens,
    cacheReadTokens: body.cacheReadTokens,
    cacheWriteTokens: body.cacheWriteTokens,
    reasoningTokens: body.reasoningTokens,
    totalTokens: body.totalTokens,
    estimated: body.estimated,
    latencyMs:
      body.latencyMs ??
      (body.startedAt && body.endedAt ? Math.max(0, body.endedAt.getTime() - body.startedAt.getTime()) : undefined),
    status,
    sourceStatus: body.sourceStatus ?? body.status,
    error: capOptional(body.error),
    startedAt: existing && body.startedAt === undefined && body.endedAt === undefined ? undefined : startedAt,
    endedAt: body.endedAt,
  };
  const newer = existing ? isNewer(at, existing.lastEventAt) : true;
  const data = existing ? mergeFields(existing as unknown as Fields, fields, newer) : defined(fields);
  const merged = { ...(existing ?? {}), ...data } as Record<string, unknown>;
  const n = (k: string) => (typeof merged[k] === "number" ? (merged[k] as number) : 0);
  const tokens = {
    inputTokens: n("inputTokens"),
    outputTokens: n("outputTokens"),
    cacheReadTokens: n("cacheReadTokens"),
    cacheWriteTokens: n("cacheWriteTokens"),
    reasoningTokens: n("reasoningTokens"),
    totalTokens: body.totalTokens ?? (n("inputTokens") + n("outputTokens") || n("totalTokens")),
  };
  const reported = body.costUsd ?? (existing?.costSource === "reported" ? existing.costUsd : undefined);
  const cost = resolveCost(
    {
      ...tokens,
      costUsd: reported,
      estimated: merged.estimated === true,
      model: (merged.model as string | null | undefined) ?? null,
      at: (merged.startedAt as Date | undefined) ?? startedAt,
    },
    await ctx.prices(),
  );
  Object.assign(data, tokens, cost);
  ctx.touch(sessionId, startedAt, {
    tokens: tokens.totalTokens - (existing?.totalTokens ?? 0),
    cost: (cost.costUsd ?? 0) - (existing?.costUsd ?? 0),
  });
  const metadata = meta(body, LLM_KNOWN);
  let id: string;
  if (!existing) {
    id = newId();
    const created = {
      ...(data as Prisma.LlmCallUncheckedCreateInput),
      id,
      projectId,
      sessionId,
      externalId: body.callId,
      source: ctx.sourceOf(sessionId),
      startedAt,
      lastEventAt: at,
      metadata: asJson(metadata),
    };
    await tx.llmCall.create({ data: created });
    ctx.rollups.add(callContribution(callRow(created)));
  } else {
    id = existing.id;
    const update = stampUpdate(data, existing, metadata, at, newer) as Prisma.LlmCallUncheckedUpdateInput;
    await tx.llmCall.update({ where: { id }, data: update });
    ctx.rollups.add(callContribution(callRow(existing)), -1);
    ctx.rollups.add(callContribution(callRow({ ...existing, ...data })));
  }
  if (body.prompt !== undefined || body.response !== undefined) {
    const prompt = body.prompt === undefined ? undefined : capText(body.prompt);
    const response = body.response === undefined ? undefined : capText(body.response);
    const truncated = Boolean(prompt?.truncated || response?.truncated);
    await tx.llmCallContent.upsert({
      where: { llmCallId: id },
      create: { llmCallId: id, prompt: prompt?.text, response: response?.text, truncated },
      update: {
        ...(prompt ? { prompt: prompt.text } : {}),
        ...(response ? { response: response.text } : {}),
        ...(truncated ? { truncated } : {}),
      },
    });
  }
}

const MESSAGE_KNOWN = Object.keys(messageBody.shape);

export async function applyMessage(ctx: BatchContext, body: MessageBody, at: Date): Promise<void> {
  const { tx, projectId } = ctx;
  const sessionId = await ctx.sessionId(body.sessionId, at);
  const existing = await tx.message.findUnique({
    where: { projectId_externalId: { projectId, externalId: body.messageId } },
  });
  const fields: Fields = {
    sessionId,
    fromAgent: body.from,
    toAgent: body.to,
    kind: body.kind,
    content: capText(body.content).text,
    context: asJson(body.context),
    replyTo: body.replyTo,
  };
  const metadata = meta(body, MESSAGE_KNOWN);
  if (!existing) {
    await tx.message.create({
      data: {
        ...(defined(fields) as Prisma.MessageUncheckedCreateInput),
        projectId,
        externalId: body.messageId,
        source: ctx.sourceOf(sessionId),
        timestamp: at,
        metadata: asJson(metadata),
      },
    });
    return;
  }
  const newer = isNewer(at, existing.timestamp);
  const data = mergedUpdate(existing, fields, metadata, at, newer, {
    placeholder: false,
    lastEventAt: false,
  }) as Prisma.MessageUncheckedUpdateInput;
  await tx.message.update({ where: { id: existing.id }, data });
}

const TASK_KNOWN = Object.keys(taskBody.shape);

export async function applyTask(ctx: BatchContext, body: TaskBody, at: Date): Promise<void> {
  const { tx, projectId } = ctx;
  const sessionId = await ctx.sessionId(body.sessionId, at);
  const parentTaskId =
    body.parentTaskId && body.parentTaskId !== body.taskId ? await ctx.taskId(body.parentTaskId, sessionId) : undefined;
  const existing = await tx.task.findUnique({
    where: { projectId_externalId: { projectId, externalId: body.taskId } },
  });
  const status = normalizeStatus(body.status);
  const fields: Fields = {
    sessionId,
    name: body.name,
    description: capOptional(body.description),
    status,
    sourceStatus: body.sourceStatus ?? body.status,
    assignee: body.assignee,
    revisionCount: body.revisionCount,
    reviewStatus: body.reviewStatus,
    priority: body.priority,
    kind: body.kind,
    labels: asJson(body.labels),
    parentTaskId,
    closedAt:
      body.closedAt !== undefined ? body.closedAt : status === "completed" || status === "cancelled" ? at : undefined,
  };
  const metadata = meta(body, TASK_KNOWN);
  const newer = existing ? isNewer(at, existing.lastEventAt) : true;
  let id: string;
  if (!existing) {
    id = newId();
    await tx.task.create({
      data: {
        ...(defined(fields) as Prisma.TaskUncheckedCreateInput),
        id,
        projectId,
        externalId: body.taskId,
        source: ctx.sourceOf(sessionId),
        status: status ?? "pending",
        lastEventAt: at,
        createdAt: body.createdAt ?? at,
        updatedAt: at,
        metadata: asJson(metadata),
      },
    });
    ctx.rememberTask(body.taskId, id);
  } else {
    id = existing.id;
    const data = mergedUpdate(existing, fields, metadata, at, newer, {
      updatedAt: true,
    }) as Prisma.TaskUncheckedUpdateInput;
    // the source's creation time is a fact, not a newer-wins field
    if (body.createdAt) data.createdAt = body.createdAt;
    await tx.task.update({ where: { id }, data });
    ctx.rememberTask(body.taskId, id);
  }
  if (body.dependsOn && newer) {
    await tx.taskDependency.deleteMany({ where: { taskId: id } });
    const unique = new Map(body.dependsOn.map((d) => [`${d.id}\u0000${d.type}`, d]));
    if (unique.size > 0) {
      await tx.taskDependency.createMany({
        data: [...unique.values()].map((d) => ({ taskId: id, dependsOnExternalId: d.id, type: d.type })),
      });
    }
  }
  // comments are kept by their own id: a replayed or older event adds missing ones, only a
  // newer one rewrites a comment's text
  for (const c of body.comments ?? []) {
    const text = capText(c.body).text;
    await tx.taskComment.upsert({
      where: { taskId_externalId: { taskId: id, externalId: c.id } },
      create: { taskId: id, externalId: c.id, author: c.author, body: text, createdAt: c.createdAt ?? at },
      update: newer ? { author: c.author ?? null, body: text } : {},
    });
  }
}

const ARTIFACT_KNOWN = Object.keys(artifactBody.shape);

export async function applyArtifact(ctx: BatchContext, body: ArtifactBody, at: Date): Promise<void> {
  const { tx, projectId } = ctx;
  const sessionId = await ctx.sessionId(body.sessionId, at);
  const runId = await ctx.runId(body.runId, sessionId, at);
  const existing = await tx.artifact.findUnique({
    where: { projectId_externalId: { projectId, externalId: body.artifactId } },
  });
  const fields: Fields = {
    sessionId,
    runId,
    type: body.type,
    name: body.name,
    path: body.path,
    contentHash: body.contentHash,
    version: body.version,
    data: asJson(body.data),
    content: capOptional(body.content),
    score: body.score,
    scores: asJson(body.scores),
    status: body.status,
  };
  const metadata = meta(body, ARTIFACT_KNOWN);
  if (!existing) {
    await tx.artifact.create({
      data: {
        ...(defined(fields) as Prisma.ArtifactUncheckedCreateInput),
        projectId,
        externalId: body.artifactId,
        source: ctx.sourceOf(sessionId),
        timestamp: at,
        lastEventAt: at,
        metadata: asJson(metadata),
      },
    });
    return;
  }
  const newer = isNewer(at, existing.lastEventAt);
  const data = mergedUpdate(existing, fields, metadata, at, newer) as Prisma.ArtifactUncheckedUpdateInput;
  await tx.artifact.update({ where: { id: existing.id }, data });
}
