import "server-only";
// Append-only records (logs, state snapshots, decisions, metrics). They have no id of their
// own, so the event id is their externalId, and that unique key is also what makes a replay
// harmless: they are inserted in bulk with ON CONFLICT DO NOTHING, and only the rows really
// inserted count as new (no ingest receipt needed, which halves the writes of a log batch).
import type { Insertable } from "kysely";
import { jsonText, type DB, type JsonText } from "@/lib/db/sql/schema";
import { insertRows } from "@/lib/db/sql/writes";
import { largestEventId, recordEventCounts } from "@/lib/sessions/session-counts";
import { recordLogFacets } from "@/lib/sessions/log-facets";
import type { BatchContext } from "./batch-context";
import { extraFields } from "./merge";
import {
  decisionBody,
  logBody,
  metricBody,
  stateBody,
  type DecisionBody,
  type LogBody,
  type MetricBody,
  type StateBody,
} from "./schemas";
import { normalizeLevel } from "./status";
import { capText } from "./text";

const LOG_KNOWN = Object.keys(logBody.shape);
const STATE_KNOWN = Object.keys(stateBody.shape);
const DECISION_KNOWN = Object.keys(decisionBody.shape);
const METRIC_KNOWN = Object.keys(metricBody.shape);

function metadataOf(
  body: Record<string, unknown>,
  known: readonly string[],
  extra: Record<string, unknown> = {},
): JsonText | null {
  const merged = { ...((body.metadata ?? {}) as Record<string, unknown>), ...extraFields(body, known), ...extra };
  return Object.keys(merged).length > 0 ? jsonText(merged) : null;
}

/** The record tables; rows are typed by the generated schema (lib/db/sql/schema.ts). */
type RecordTable = "Event" | "StateSnapshot" | "Decision" | "Metric";
type Pending = { [T in RecordTable]: Insertable<DB[T]>[] };

export class RecordBuffer {
  private pending: Pending = { Event: [], StateSnapshot: [], Decision: [], Metric: [] };
  /** error logs count on their session only when they are really inserted */
  private readonly errorLogs = new Map<string, { sessionId: string; at: Date }>();

  constructor(private readonly ctx: BatchContext) {}

  /**
   * A log whose references the batch already knows (the usual case after the preload),
   * added without a single await: false when a placeholder must be created first (addLog).
   */
  addKnownLog(eventId: string, body: LogBody, at: Date): boolean {
    const known = this.ctx.knownReferences(body);
    if (!known) return false;
    if (known.sessionId) this.ctx.touch(known.sessionId, at);
    this.pushLog(eventId, body, at, known.sessionId, known.runId, known.agentId);
    return true;
  }

  async addLog(eventId: string, body: LogBody, at: Date): Promise<void> {
    const { ctx } = this;
    const sessionId = body.sessionId ? await ctx.sessionId(body.sessionId, at) : undefined;
    const runId = await ctx.runId(body.runId, sessionId, at);
    const agentId = await ctx.agentId(body.agentId, body.agentType);
    this.pushLog(eventId, body, at, sessionId, runId, agentId);
  }

  private pushLog(
    eventId: string,
    body: LogBody,
    at: Date,
    sessionId: string | undefined,
    runId: string | undefined,
    agentId: string | undefined,
  ): void {
    const { ctx } = this;
    const level = normalizeLevel(body.level);
    if (sessionId && (level === "error" || level === "critical")) this.errorLogs.set(eventId, { sessionId, at });
    const extra: Record<string, unknown> = {};
    if (body.level && body.level !== level) extra.sourceLevel = body.level;
    if (body.runId && !runId) extra.runId = body.runId;
    this.pending.Event.push({
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
      details: jsonText(body.details),
      timestamp: at,
      metadata: metadataOf(body, LOG_KNOWN, extra),
    });
  }

  async addState(eventId: string, body: StateBody, at: Date): Promise<void> {
    const sessionId = await this.ctx.sessionId(body.sessionId, at);
    this.pending.StateSnapshot.push({
      projectId: this.ctx.projectId,
      sessionId,
      externalId: eventId,
      source: this.ctx.sourceOf(sessionId),
      kind: body.kind,
      data: jsonText(body.data ?? {})!,
      checkpointId: body.checkpointId,
      parentCheckpointId: body.parentCheckpointId,
      timestamp: at,
      metadata: metadataOf(body, STATE_KNOWN),
    });
  }

  async addDecision(eventId: string, body: DecisionBody, at: Date): Promise<void> {
    const sessionId = await this.ctx.sessionId(body.sessionId, at);
    this.pending.Decision.push({
      projectId: this.ctx.projectId,
      sessionId,
      externalId: eventId,
      source: this.ctx.sourceOf(sessionId),
      iteration: body.iteration,
      decisionType: body.decisionType,
      data: jsonText(body.data ?? {})!,
      timestamp: at,
      metadata: metadataOf(body, DECISION_KNOWN),
    });
  }

  async addMetric(eventId: string, body: MetricBody, at: Date): Promise<void> {
    const sessionId = body.sessionId ? await this.ctx.sessionId(body.sessionId, at) : undefined;
    this.pending.Metric.push({
      projectId: this.ctx.projectId,
      sessionId,
      agentId: await this.ctx.agentId(body.agentId, undefined),
      runId: await this.ctx.runId(body.runId, sessionId, at),
      externalId: eventId,
      source: this.ctx.sourceOf(sessionId),
      name: body.name,
      value: body.value,
      unit: body.unit,
      labels: jsonText(body.labels),
      timestamp: at,
      metadata: metadataOf(body, METRIC_KNOWN),
    });
  }

  /** Inserts the collected records; answers the event ids that were new (not replays). */
  async flush(): Promise<Set<string>> {
    const { tx } = this.ctx;
    const inserted = new Set<string>();
    const createdAt = new Date();
    // our own row objects: stamped in place, not copied
    const stamped = <R extends { createdAt?: Date }>(rows: R[]) => {
      for (const row of rows) row.createdAt = createdAt;
      return rows;
    };
    const { Event, StateSnapshot, Decision, Metric } = this.pending;
    this.pending = { Event: [], StateSnapshot: [], Decision: [], Metric: [] };
    const options = { onConflictDoNothing: ["projectId", "externalId"], returning: "externalId" } as const;
    // one after another: statements of a transaction do not overlap
    const firstPossibleId = Event.length > 0 ? (await largestEventId(tx)) + 1 : 0;
    const events = await insertRows(tx, "Event", stamped(Event), options);
    const ids = [
      ...events,
      ...(await insertRows(tx, "StateSnapshot", stamped(StateSnapshot), options)),
      ...(await insertRows(tx, "Decision", stamped(Decision), options)),
      ...(await insertRows(tx, "Metric", stamped(Metric), options)),
    ];
    await recordLogFacets(tx, Event, this.ctx.afterCommit);
    await recordEventCounts(tx, Event, events, firstPossibleId);
    for (const id of ids) inserted.add(String(id));
    for (const [eventId, { sessionId, at }] of this.errorLogs)
      if (inserted.has(eventId)) this.ctx.touch(sessionId, at, { errors: 1 });
    this.errorLogs.clear();
    return inserted;
  }
}
