import "server-only";
// Append-only records (logs, state snapshots, decisions, metrics). They have no id of their
// own, so the event id is their externalId, and that unique key is also what makes a replay
// harmless: they are inserted in bulk with ON CONFLICT DO NOTHING, and only the rows really
// inserted count as new (no ingest receipt needed, which halves the writes of a log batch).
import { bulkInsert, type Column } from "@/lib/db/bulk-sql";
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

const col = (name: string, type: Column["type"] = "text"): Column => ({ name, type });
const COMMON = [col("projectId"), col("externalId"), col("source"), col("timestamp", "timestamp"), col("metadata", "json"), col("createdAt", "timestamp")];
const TABLES = {
  Event: [...COMMON, col("sessionId"), col("runId"), col("agentId"), col("agentType"), col("level"), col("kind"), col("component"), col("iteration", "int"), col("message"), col("details", "json")],
  StateSnapshot: [...COMMON, col("sessionId"), col("kind"), col("data", "json"), col("checkpointId"), col("parentCheckpointId")],
  Decision: [...COMMON, col("sessionId"), col("iteration", "int"), col("decisionType"), col("data", "json")],
  Metric: [...COMMON, col("sessionId"), col("agentId"), col("runId"), col("name"), col("value", "float"), col("unit"), col("labels", "json")],
} as const;

type Pending = { table: keyof typeof TABLES; row: Record<string, unknown> };

export class RecordBuffer {
  private readonly pending: Pending[] = [];
  /** error logs count on their session only when they are really inserted */
  private readonly errorLogs = new Map<string, { sessionId: string; at: Date }>();

  constructor(private readonly ctx: BatchContext) {}

  async addLog(eventId: string, body: LogBody, at: Date): Promise<void> {
    const { ctx } = this;
    const sessionId = body.sessionId ? await ctx.sessionId(body.sessionId, at) : undefined;
    const runId = await ctx.runId(body.runId, sessionId, at);
    const agentId = await ctx.agentId(body.agentId, body.agentType);
    const level = normalizeLevel(body.level);
    if (sessionId && (level === "error" || level === "critical")) this.errorLogs.set(eventId, { sessionId, at });
    const extra: Record<string, unknown> = {};
    if (body.level && body.level !== level) extra.sourceLevel = body.level;
    if (body.runId && !runId) extra.runId = body.runId;
    const metadata = { ...((metadataOf(body, LOG_KNOWN) ?? {}) as Record<string, unknown>), ...extra };
    this.push("Event", {
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
    this.push("StateSnapshot", {
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
    this.push("Decision", {
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
    this.push("Metric", {
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

  private push(table: Pending["table"], row: Prisma.EventCreateManyInput | Prisma.StateSnapshotCreateManyInput | Prisma.DecisionCreateManyInput | Prisma.MetricCreateManyInput): void {
    this.pending.push({ table, row });
  }

  /** Inserts the collected records; answers the event ids that were new (not replays). */
  async flush(): Promise<Set<string>> {
    const { tx, kind, driver } = this.ctx;
    const inserted = new Set<string>();
    const createdAt = new Date();
    for (const table of Object.keys(TABLES) as Pending["table"][]) {
      const columns = TABLES[table];
      const rows = this.pending.filter((p) => p.table === table).map((p) => columns.map((c) => (c.name === "createdAt" ? createdAt : p.row[c.name])));
      const ids = await bulkInsert(tx, kind, table, columns, rows, { conflictKey: ["projectId", "externalId"], returning: "externalId", driver });
      for (const id of ids) inserted.add(String(id));
    }
    this.pending.length = 0;
    for (const [eventId, { sessionId, at }] of this.errorLogs) if (inserted.has(eventId)) this.ctx.touch(sessionId, at, { errors: 1 });
    this.errorLogs.clear();
    return inserted;
  }
}
