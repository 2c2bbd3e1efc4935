// Append-only records (logs, state snapshots, decisions, metrics). They have no id of their
// own, so the event id is their externalId; they are collected and inserted in bulk.
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { asJson, type BatchContext } from "./batch-context";
import { extraFields } from "./merge";
import { decisionBody, logBody, metricBody, stateBody, type DecisionBody, type LogBody, type MetricBody, type StateBody } from "./schemas";
import { normalizeLevel } from "./status";
import { capText } from "./text";

const LOG_KNOWN = Object.keys(logBody.shape);
const STATE_KNOWN = Object.keys(stateBody.shape);
const DECISION_KNOWN = Object.keys(decisionBody.shape);
const METRIC_KNOWN = Object.keys(metricBody.shape);

function metadataOf(body: Record<string, unknown>, known: readonly string[]): Prisma.InputJsonValue | undefined {
  const merged = { ...((body.metadata ?? {}) as Record<string, unknown>), ...extraFields(body, known) };
  return Object.keys(merged).length > 0 ? asJson(merged) : undefined;
}

export class RecordBuffer {
  readonly events: Prisma.EventCreateManyInput[] = [];
  readonly states: Prisma.StateSnapshotCreateManyInput[] = [];
  readonly decisions: Prisma.DecisionCreateManyInput[] = [];
  readonly metrics: Prisma.MetricCreateManyInput[] = [];

  constructor(private readonly ctx: BatchContext) {}

  async addLog(eventId: string, body: LogBody, at: Date): Promise<void> {
    const { ctx } = this;
    const sessionId = body.sessionId ? await ctx.sessionId(body.sessionId, at) : undefined;
    const runId = await ctx.runId(body.runId, sessionId, at);
    const agentId = await ctx.agentId(body.agentId, body.agentType);
    const level = normalizeLevel(body.level);
    if (sessionId && (level === "error" || level === "critical")) ctx.touch(sessionId, at, { errors: 1 });
    const extra: Record<string, unknown> = {};
    if (body.level && body.level !== level) extra.sourceLevel = body.level;
    if (body.runId && !runId) extra.runId = body.runId;
    const metadata = { ...((metadataOf(body, LOG_KNOWN) ?? {}) as Record<string, unknown>), ...extra };
    this.events.push({
      projectId: ctx.projectId,
      sessionId,
      runId,
      agentId,
      externalId: eventId,
      source: ctx.sourceOf(sessionId),
      agentType: body.agentType,
      level,
      kind: body.kind ?? "log",
      component: body.component,
      iteration: body.iteration,
      message: capText(body.message).text,
      details: asJson(body.details),
      timestamp: at,
      metadata: Object.keys(metadata).length > 0 ? asJson(metadata) : undefined,
    });
  }

  async addState(eventId: string, body: StateBody, at: Date): Promise<void> {
    const sessionId = await this.ctx.sessionId(body.sessionId, at);
    this.states.push({
      projectId: this.ctx.projectId,
      sessionId,
      externalId: eventId,
      source: this.ctx.sourceOf(sessionId),
      kind: body.kind,
      data: asJson(body.data) ?? {},
      checkpointId: body.checkpointId,
      parentCheckpointId: body.parentCheckpointId,
      timestamp: at,
      metadata: metadataOf(body, STATE_KNOWN),
    });
  }

  async addDecision(eventId: string, body: DecisionBody, at: Date): Promise<void> {
    const sessionId = await this.ctx.sessionId(body.sessionId, at);
    this.decisions.push({
      projectId: this.ctx.projectId,
      sessionId,
      externalId: eventId,
      source: this.ctx.sourceOf(sessionId),
      iteration: body.iteration,
      decisionType: body.decisionType,
      data: asJson(body.data) ?? {},
      timestamp: at,
      metadata: metadataOf(body, DECISION_KNOWN),
    });
  }

  async addMetric(eventId: string, body: MetricBody, at: Date): Promise<void> {
    const sessionId = body.sessionId ? await this.ctx.sessionId(body.sessionId, at) : undefined;
    this.metrics.push({
      projectId: this.ctx.projectId,
      sessionId,
      agentId: await this.ctx.agentId(body.agentId, undefined),
      runId: await this.ctx.runId(body.runId, sessionId, at),
      externalId: eventId,
      source: this.ctx.sourceOf(sessionId),
      name: body.name,
      value: body.value,
      unit: body.unit,
      labels: asJson(body.labels),
      timestamp: at,
      metadata: metadataOf(body, METRIC_KNOWN),
    });
  }

  async flush(): Promise<void> {
    const { tx } = this.ctx;
    if (this.events.length) await tx.event.createMany({ data: this.events.splice(0) });
    if (this.states.length) await tx.stateSnapshot.createMany({ data: this.states.splice(0) });
    if (this.decisions.length) await tx.decision.createMany({ data: this.decisions.splice(0) });
    if (this.metrics.length) await tx.metric.createMany({ data: this.metrics.splice(0) });
  }
}
