// The ingest contract: one zod schema per event type. These schemas validate requests,
// generate the OpenAPI document and type the tests and the client. Unknown body fields
// are kept (loose objects) and stored in metadata by the pipeline.
import { z } from "zod";
import { storableJson } from "@/lib/db/storable-text";
import { firstIssue } from "@/lib/validation/zod-issues";

export const LIMITS = {
  /** events per request */
  maxEvents: 1000,
  /** bytes per request body, also after gzip decoding */
  maxBodyBytes: 5 * 1024 * 1024,
  idMaxLength: 256,
  shortTextMaxLength: 1000,
  /** characters kept of prompt, response, message content and log messages */
  textCap: 256 * 1024,
  /** nesting depth of JSON fields (metadata, details, data, ...) */
  jsonMaxDepth: 32,
} as const;

export const TRUNCATION_MARKER = "\n…[truncated by Agent Observatory: {n} more characters]";

/** Ids are the orchestrator's own; numeric ids are accepted and kept as strings. */
export const idSchema = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform((v) => String(v))
  .pipe(z.string().trim().min(1, "must not be empty").max(LIMITS.idMaxLength));

const shortText = z.string().max(LIMITS.shortTextMaxLength);
const longText = z.string();
/** Counts are stored in 32-bit integer columns. */
export const MAX_COUNT = 2_147_483_647;
const count = z
  .number()
  .int("must be an integer")
  .nonnegative("must be non-negative")
  .max(MAX_COUNT, `must be at most ${MAX_COUNT}`);
const amount = z.number().nonnegative("must be non-negative").finite();

function depth(value: unknown, level = 0): number {
  if (level > LIMITS.jsonMaxDepth) return level;
  if (Array.isArray(value)) return value.reduce<number>((m, v) => Math.max(m, depth(v, level + 1)), level + 1);
  if (value !== null && typeof value === "object") {
    return Object.values(value).reduce<number>((m, v) => Math.max(m, depth(v, level + 1)), level + 1);
  }
  return level;
}

/** Any JSON value, bounded in depth. */
export const jsonSchema = z
  .unknown()
  .refine((v) => v !== undefined, "is required")
  .refine((v) => depth(v) <= LIMITS.jsonMaxDepth, `is nested deeper than ${LIMITS.jsonMaxDepth} levels`);
export const jsonObjectSchema = z
  .record(z.string(), z.unknown())
  .refine((v) => depth(v) <= LIMITS.jsonMaxDepth, `is nested deeper than ${LIMITS.jsonMaxDepth} levels`);

/**
 * Timestamps: ISO-8601 with or without a zone (zone-less is UTC), SQLite
 * CURRENT_TIMESTAMP text, or epoch milliseconds.
 */
export function parseTimestamp(value: string | number): Date | undefined {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) return undefined;
    return inStorableRange(new Date(value));
  }
  const text = value.trim();
  if (text === "") return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/.exec(
    text,
  );
  if (!m) return undefined;
  const [, date, time, zone] = m;
  let iso = `${date}T${time ?? "00:00:00"}`;
  if (zone === undefined) iso += "Z";
  else if (/^[+-]\d{4}$/.test(zone)) iso += `${zone.slice(0, 3)}:${zone.slice(3)}`;
  else if (/^[+-]\d{2}$/.test(zone)) iso += `${zone}:00`;
  else iso += zone.toUpperCase();
  return inStorableRange(new Date(iso));
}

/**
 * Years 1970–9999, for text and epoch milliseconds alike: later years print with an
 * extended-year sign ("+275760-…") that PostgreSQL refuses as a timestamp.
 */
function inStorableRange(d: Date): Date | undefined {
  if (Number.isNaN(d.getTime())) return undefined;
  const year = d.getUTCFullYear();
  return year < 1970 || year > 9999 ? undefined : d;
}

export const timestampSchema = z
  .union([z.string(), z.number()])
  .describe("ISO-8601 (a zone-less one is UTC), or epoch milliseconds")
  .transform((v, ctx) => {
    const d = parseTimestamp(v);
    if (!d) {
      ctx.addIssue({ code: "custom", message: "must be an ISO-8601 timestamp" });
      return z.NEVER;
    }
    return d;
  });

export const sessionBody = z.looseObject({
  sessionId: idSchema,
  title: shortText.optional(),
  mission: longText.optional(),
  mode: shortText.optional(),
  status: shortText.optional(),
  /** the source's own word when `status` is already ours (importers with a status map) */
  sourceStatus: shortText.optional(),
  phase: shortText.optional(),
  iteration: count.optional(),
  qaPassed: z.boolean().optional(),
  workDir: z.string().max(4096).optional(),
  source: shortText.optional(),
  project: shortText.optional(),
  kind: shortText.optional(),
  priority: count.optional(),
  parentSessionId: idSchema.optional(),
  state: jsonSchema.optional(),
  metadata: jsonObjectSchema.optional(),
  startedAt: timestampSchema.optional(),
  endedAt: timestampSchema.optional(),
});

export const agentBody = z.looseObject({
  agentId: idSchema,
  name: shortText.optional(),
  type: shortText.optional(),
  kind: z.enum(["definition", "instance"]).optional(),
  model: shortText.optional(),
  capabilities: jsonSchema.optional(),
  status: shortText.optional(),
  /** the source's own word when `status` is already ours (importers with a status map) */
  sourceStatus: shortText.optional(),
  heartbeatAt: timestampSchema.optional(),
  config: jsonSchema.optional(),
  maxWorkload: count.optional(),
  currentWorkload: count.optional(),
  pid: count.optional(),
  port: count.optional(),
  workspacePath: z.string().max(4096).optional(),
  metadata: jsonObjectSchema.optional(),
});

export const runBody = z.looseObject({
  runId: idSchema,
  sessionId: idSchema,
  agentType: shortText,
  agentId: idSchema.optional(),
  parentRunId: idSchema.optional(),
  status: shortText,
  /** the source's own word when `status` is already ours (importers with a status map) */
  sourceStatus: shortText.optional(),
  startedAt: timestampSchema.optional(),
  endedAt: timestampSchema.optional(),
  input: longText.optional(),
  output: longText.optional(),
  error: longText.optional(),
  model: shortText.optional(),
  step: count.optional(),
  stepName: shortText.optional(),
  reportedTokens: count.optional(),
  reportedCostUsd: amount.optional(),
  metadata: jsonObjectSchema.optional(),
});

const llmCallFields = z.looseObject({
  callId: idSchema,
  sessionId: idSchema,
  runId: idSchema.optional(),
  agentType: shortText.optional(),
  agentId: idSchema.optional(),
  model: shortText.optional(),
  provider: shortText.optional(),
  promptType: shortText.optional(),
  promptName: shortText.optional(),
  inputTokens: count.optional(),
  outputTokens: count.optional(),
  cacheReadTokens: count.optional(),
  cacheWriteTokens: count.optional(),
  reasoningTokens: count.optional(),
  totalTokens: count.optional(),
  estimated: z.boolean().optional(),
  costUsd: amount.optional(),
  latencyMs: count.optional(),
  status: shortText.optional(),
  prompt: longText.optional(),
  response: longText.optional(),
  startedAt: timestampSchema.optional(),
  endedAt: timestampSchema.optional(),
  error: longText.optional(),
  metadata: jsonObjectSchema.optional(),
});

/** The call's total (given, or input + output) is stored in a 32-bit column too. */
export const llmCallBody = llmCallFields.refine(
  (b) => (b.totalTokens ?? (b.inputTokens ?? 0) + (b.outputTokens ?? 0)) <= MAX_COUNT,
  { message: `inputTokens + outputTokens must be at most ${MAX_COUNT}`, path: ["outputTokens"] },
);

export const logBody = z.looseObject({
  sessionId: idSchema.optional(),
  runId: idSchema.optional(),
  agentType: shortText.optional(),
  agentId: idSchema.optional(),
  level: shortText.optional(),
  kind: shortText.optional(),
  component: shortText.optional(),
  iteration: count.optional(),
  message: longText,
  details: jsonSchema.optional(),
  metadata: jsonObjectSchema.optional(),
});

export const messageBody = z.looseObject({
  messageId: idSchema,
  sessionId: idSchema,
  from: shortText.min(1, "must not be empty"),
  to: shortText.min(1, "must not be empty"),
  kind: shortText.optional(),
  content: longText,
  context: jsonSchema.optional(),
  replyTo: idSchema.optional(),
  metadata: jsonObjectSchema.optional(),
});

export const stateBody = z.looseObject({
  sessionId: idSchema,
  kind: shortText.min(1, "must not be empty"),
  data: jsonSchema,
  checkpointId: idSchema.optional(),
  parentCheckpointId: idSchema.optional(),
  metadata: jsonObjectSchema.optional(),
});

export const taskDependency = z.union([
  idSchema.transform((id) => ({ id, type: "blocks" })),
  z
    .looseObject({ id: idSchema, type: shortText.optional() })
    .transform((d) => ({ id: d.id, type: d.type ?? "blocks" })),
]);

/** A comment on a task (beads issue comments), upserted by its id within the task. */
export const taskComment = z.looseObject({
  id: idSchema,
  author: shortText.optional(),
  body: longText,
  createdAt: timestampSchema.optional(),
});

export const taskBody = z.looseObject({
  taskId: idSchema,
  sessionId: idSchema,
  name: shortText.min(1, "must not be empty"),
  description: longText.optional(),
  status: shortText.optional(),
  /** the source's own word when `status` is already ours (importers with a status map) */
  sourceStatus: shortText.optional(),
  assignee: shortText.optional(),
  revisionCount: count.optional(),
  reviewStatus: shortText.optional(),
  priority: count.optional(),
  kind: shortText.optional(),
  labels: z.array(shortText).max(200).optional(),
  parentTaskId: idSchema.optional(),
  dependsOn: z.array(taskDependency).max(1000).optional(),
  comments: z.array(taskComment).max(1000).optional(),
  /** when the source created the task (default: the event's time, on first sight) */
  createdAt: timestampSchema.optional(),
  /** when the source closed it; null: not closed (a reopened task); default: the event's time when terminal */
  closedAt: timestampSchema.nullable().optional(),
  metadata: jsonObjectSchema.optional(),
});

export const decisionBody = z.looseObject({
  sessionId: idSchema,
  iteration: count.optional(),
  decisionType: shortText.min(1, "must not be empty"),
  data: jsonSchema,
  metadata: jsonObjectSchema.optional(),
});

export const artifactBody = z.looseObject({
  artifactId: idSchema,
  sessionId: idSchema,
  runId: idSchema.optional(),
  type: shortText.min(1, "must not be empty"),
  name: shortText.min(1, "must not be empty"),
  path: z.string().max(4096).optional(),
  contentHash: shortText.optional(),
  version: count.optional(),
  data: jsonSchema.optional(),
  content: longText.optional(),
  score: amount.optional(),
  scores: z.record(z.string(), amount).optional(),
  status: shortText.optional(),
  metadata: jsonObjectSchema.optional(),
});

export const metricBody = z.looseObject({
  name: shortText.min(1, "must not be empty"),
  value: amount,
  unit: shortText.optional(),
  labels: jsonObjectSchema.optional(),
  sessionId: idSchema.optional(),
  agentId: idSchema.optional(),
  runId: idSchema.optional(),
  metadata: jsonObjectSchema.optional(),
});

export const eventBodies = {
  session: sessionBody,
  agent: agentBody,
  run: runBody,
  llm_call: llmCallBody,
  log: logBody,
  message: messageBody,
  state: stateBody,
  task: taskBody,
  decision: decisionBody,
  artifact: artifactBody,
  metric: metricBody,
} as const;

export type EventType = keyof typeof eventBodies;
export const EVENT_TYPES = Object.keys(eventBodies) as EventType[];

export type SessionBody = z.output<typeof sessionBody>;
export type AgentBody = z.output<typeof agentBody>;
export type RunBody = z.output<typeof runBody>;
export type LlmCallBody = z.output<typeof llmCallBody>;
export type LogBody = z.output<typeof logBody>;
export type MessageBody = z.output<typeof messageBody>;
export type StateBody = z.output<typeof stateBody>;
export type TaskBody = z.output<typeof taskBody>;
export type DecisionBody = z.output<typeof decisionBody>;
export type ArtifactBody = z.output<typeof artifactBody>;
export type MetricBody = z.output<typeof metricBody>;

/** What a client sends for one event (input side of the schemas). */
export type IngestEventInput = {
  [K in EventType]: { id: string; type: K; timestamp: string; body: z.input<(typeof eventBodies)[K]> };
}[EventType];

/** A validated event, bodies parsed (timestamps are Dates, ids strings). */
export type IngestEvent = {
  [K in EventType]: { id: string; type: K; timestamp: Date; body: z.output<(typeof eventBodies)[K]> };
}[EventType];

export const envelopeSchema = z.object({
  id: idSchema.describe("Client-chosen unique id. Re-sending it is safe: the answer is 200 and nothing changes."),
  type: z.enum(EVENT_TYPES as [EventType, ...EventType[]]),
  timestamp: timestampSchema,
  // bodies are loose objects: unknown fields are kept in metadata, so they are bounded too.
  // A check, not z.record: the body's own schema copies it next, once is enough.
  body: z
    .custom<Record<string, unknown>>(
      (v) => v !== null && typeof v === "object" && !Array.isArray(v),
      "must be an object",
    )
    .superRefine((v, ctx) => {
      for (const [key, field] of Object.entries(v)) {
        if (depth(field) > LIMITS.jsonMaxDepth)
          ctx.addIssue({ code: "custom", path: [key], message: `is nested deeper than ${LIMITS.jsonMaxDepth} levels` });
      }
    }),
});

/**
 * One event of a type, as the API documents it: the envelope with that type's body. parseEvent
 * checks the same two parts one after the other, to tell a bad envelope from a bad body.
 */
export function eventSchema<K extends EventType>(type: K) {
  return envelopeSchema.extend({ type: z.literal(type), body: eventBodies[type] });
}

/**
 * The ingest request as the route validates it. Each event is only checked to be there: it
 * is validated (and made storable) on its own by parseEvent, so one bad event is refused in
 * its result and the others are stored. The OpenAPI document shows each event's schema.
 */
export const ingestRequestSchema = z.object({
  events: z
    .array(
      z.unknown().meta({
        description:
          "One event; it is validated on its own, and a bad one is refused in its result without refusing the others.",
        oneOf: EVENT_TYPES.map((type) => ({ $ref: `#/components/schemas/Event_${type}` })),
      }),
      { error: "must be an array of events" },
    )
    .max(LIMITS.maxEvents, {
      error: (issue) => `at most ${LIMITS.maxEvents} events per request, got ${(issue.input as unknown[]).length}`,
    }),
});

/** A refused event's error: the same fields as an API error (lib/api/errors.ts). */
export const ingestErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
});

export const ingestResultSchema = z.object({
  id: z.string().nullable(),
  status: z.number().int(),
  error: ingestErrorSchema.optional(),
});

export const ingestResponseSchema = z.object({ results: z.array(ingestResultSchema) });

export type IngestError = z.infer<typeof ingestErrorSchema>;
export type IngestResult = z.infer<typeof ingestResultSchema>;

export type ParsedEvent = { ok: true; event: IngestEvent } | { ok: false; id: string | null; error: IngestError };

/**
 * Validates one raw event: the envelope, then the body of its type. Text the databases
 * cannot store (NUL, lone surrogates) is replaced first, so such an event is stored, not lost.
 */
export function parseEvent(input: unknown): ParsedEvent {
  const raw = storableJson(input);
  const rawId = (raw as { id?: unknown } | null)?.id;
  const id = typeof rawId === "string" || typeof rawId === "number" ? String(rawId) : null;
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) {
    const issue = firstIssue(envelope.error, { whole: "event" });
    return { ok: false, id, error: { code: "invalid_event", message: issue.text, field: issue.field } };
  }
  const { type } = envelope.data;
  const body = eventBodies[type].safeParse(envelope.data.body);
  if (!body.success) {
    const issue = firstIssue(body.error, { prefix: ["body"] });
    return {
      ok: false,
      id: envelope.data.id,
      error: { code: "invalid_field", message: issue.text, field: issue.field },
    };
  }
  return { ok: true, event: { ...envelope.data, body: body.data } as IngestEvent };
}
