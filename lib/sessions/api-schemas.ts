// Response contracts of the read API: they type the handlers, generate the OpenAPI
// document and check responses in tests.
import { z } from "zod";
import { STATUSES } from "@/lib/ingest/status";
import { sessionFiltersSchema } from "./session-filters";
import { SESSION_SORTS } from "./session-list-url";

const json = z.unknown();
const isoDate = z.string().describe("ISO-8601 timestamp (UTC)");

export const sessionSchema = z.object({
  sessionId: z.string(),
  source: z.string(),
  title: z.string().nullable(),
  mission: z.string().nullable(),
  mode: z.string().nullable(),
  kind: z.string().nullable(),
  status: z.enum(STATUSES),
  sourceStatus: z.string().nullable(),
  phase: z.string().nullable(),
  phaseHistory: z.array(z.object({ phase: z.string(), at: isoDate })),
  iteration: z.number().int().nullable(),
  qaPassed: z.boolean().nullable(),
  workDir: z.string().nullable(),
  priority: z.number().int().nullable(),
  parentSessionId: z.string().nullable(),
  placeholder: z.boolean().describe("true while only other events have referred to this session"),
  startedAt: isoDate,
  endedAt: isoDate.nullable(),
  updatedAt: isoDate,
  totalTokens: z.number().int(),
  costUsd: z.number(),
  errorCount: z.number().int(),
  metadata: json,
});

export const sessionListSchema = z.object({
  data: z.array(sessionSchema),
  nextCursor: z.string().nullable(),
});

export const sessionDetailSchema = sessionSchema.extend({
  counts: z.object({
    runs: z.number().int(),
    llmCalls: z.number().int(),
    logs: z.number().int(),
    messages: z.number().int(),
    states: z.number().int(),
    tasks: z.number().int(),
    decisions: z.number().int(),
    artifacts: z.number().int(),
  }),
  usage: z.object({
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    cacheReadTokens: z.number().int(),
    cacheWriteTokens: z.number().int(),
    reasoningTokens: z.number().int(),
    totalTokens: z.number().int(),
    costUsd: z.number().describe("sum of the known costs; calls of unknown cost add nothing"),
    unknownCostCalls: z.number().int(),
  }),
});

export const logEventSchema = z.object({
  id: z.string().describe("the ingest event id"),
  timestamp: isoDate,
  level: z.string(),
  kind: z.string(),
  component: z.string().nullable(),
  iteration: z.number().int().nullable(),
  agentType: z.string().nullable(),
  agentId: z.string().nullable(),
  runId: z.string().nullable(),
  message: z.string(),
  details: json,
  metadata: json,
});

export const logEventListSchema = z.object({ data: z.array(logEventSchema), nextCursor: z.string().nullable() });

/**
 * GET /api/v1/sessions: the sessions list's filters (one schema with the sessions page), less
 * the project (a key reads one project), newest started first unless `sort` says otherwise.
 */
export const sessionListQuery = sessionFiltersSchema.omit({ project: true }).extend({
  sort: z.enum(SESSION_SORTS).default("started"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const eventListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(500).optional(),
  level: z.string().max(50).optional(),
  kind: z.string().max(100).optional(),
});

export type SessionResponse = z.infer<typeof sessionSchema>;
export type SessionDetailResponse = z.infer<typeof sessionDetailSchema>;
export type LogEventResponse = z.infer<typeof logEventSchema>;
