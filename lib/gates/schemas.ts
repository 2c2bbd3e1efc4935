// Contracts of human gates: what an agent sends to open one, what it reads back while it
// waits, and what a reviewer submits to decide one. The same schemas validate requests,
// generate the OpenAPI document and check responses in tests.
import { z } from "zod";
import { jsonSchema } from "@/lib/ingest/schemas";
import { storable } from "@/lib/validation/storable";

export const GATE_STATUSES = ["pending", "approved", "rejected", "expired", "cancelled"] as const;
export type GateStatus = (typeof GATE_STATUSES)[number];

/** What the session becomes when a gate closes without approval (rejected or expired). */
export const ON_REJECT = ["fail", "resume"] as const;
export type OnReject = (typeof ON_REJECT)[number];

export const DECIDE_ACTIONS = ["approve", "reject", "edit_approve"] as const;
export type DecideAction = (typeof DECIDE_ACTIONS)[number];

export const GATE_LIMITS = {
  defaultExpiresInSeconds: 24 * 60 * 60,
  maxExpiresInSeconds: 30 * 24 * 60 * 60,
  maxWaitSeconds: 60,
  maxBodyBytes: 256 * 1024,
  /** an edited payload, as JSON text */
  maxPayloadChars: 256 * 1024,
  maxCommentChars: 5_000,
  idMaxLength: 256,
} as const;

const isoDate = z.string().describe("ISO-8601 timestamp (UTC)");

// storable: the agent's text reaches the database (and PostgreSQL refuses NUL)
export const createGateRequestSchema = storable(
  z.object({
    gateId: z
      .string()
      .min(1)
      .max(GATE_LIMITS.idMaxLength)
      .optional()
      .describe(
        "Client-chosen id, unique in the project. Sending the same gateId again returns the existing gate (200) and changes nothing.",
      ),
    title: z.string().trim().min(1).max(500),
    summary: z.string().max(20_000).optional(),
    payload: jsonSchema.optional().describe("Any JSON the reviewer should see (and may edit when allowEdit is true)"),
    phase: z.string().max(200).optional(),
    expiresInSeconds: z
      .number()
      .int()
      .min(1)
      .max(GATE_LIMITS.maxExpiresInSeconds)
      .default(GATE_LIMITS.defaultExpiresInSeconds)
      .describe("Default 24 h, at most 30 days. An expired gate counts as not approved."),
    allowEdit: z.boolean().default(false).describe("Lets the reviewer edit the payload before approving"),
    onReject: z
      .enum(ON_REJECT)
      .default("fail")
      .describe(
        "Session status after a rejection or expiry: fail → failed (default), resume → running (the agent handles the refusal)",
      ),
  }),
);
export type CreateGateRequest = z.output<typeof createGateRequestSchema>;

export const deciderSchema = z.object({ email: z.string(), name: z.string() });

export const gateResponseSchema = z.object({
  gateId: z.string(),
  sessionId: z.string(),
  status: z.enum(GATE_STATUSES),
  title: z.string(),
  summary: z.string().nullable(),
  payload: z.unknown().describe("the payload the agent sent"),
  phase: z.string().nullable(),
  allowEdit: z.boolean(),
  onReject: z.enum(ON_REJECT),
  createdAt: isoDate,
  expiresAt: isoDate,
  decision: z
    .object({
      by: deciderSchema.nullable(),
      comment: z.string().nullable(),
      decidedAt: isoDate,
      payload: z.unknown().describe("on approval: the payload to act on (edited or as sent); null on rejection"),
      edited: z.boolean(),
    })
    .nullable()
    .describe("null until a person approves or rejects; expired and cancelled gates have none"),
});
export type GateResponse = z.infer<typeof gateResponseSchema>;

export const waitQuerySchema = z.object({
  wait: z.coerce
    .number()
    .min(0)
    .max(GATE_LIMITS.maxWaitSeconds)
    .default(0)
    .describe("Long-poll: hold the request up to this many seconds until the gate is decided"),
});

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A reviewer's decision as the UI submits it; the edited payload is the textarea's JSON text. */
export const decideGateInputSchema = z
  .object({
    action: z.enum(DECIDE_ACTIONS),
    comment: z.string().trim().max(GATE_LIMITS.maxCommentChars).optional(),
    payload: z.string().max(GATE_LIMITS.maxPayloadChars).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.action === "reject" && !input.comment) {
      ctx.addIssue({ code: "custom", path: ["comment"], message: "a rejection needs a comment saying why" });
    }
    if (input.action === "edit_approve") {
      if (input.payload === undefined)
        ctx.addIssue({ code: "custom", path: ["payload"], message: "edit and approve needs the edited payload" });
      else if (!isJsonText(input.payload))
        ctx.addIssue({ code: "custom", path: ["payload"], message: "the edited payload is not valid JSON" });
    } else if (input.payload !== undefined) {
      ctx.addIssue({ code: "custom", path: ["payload"], message: "a payload is only accepted with edit_approve" });
    }
  });
export type DecideGateFields = z.input<typeof decideGateInputSchema>;
