// Column shapes both TAC models share: JSON-or-text columns, capability lists, chat rows.
import { str } from "../sql-reader";
import type { Row } from "../source";
import type { MapContext, Mapped } from "../types";

/**
 * A TEXT column that holds JSON in the documented model but plain text in real rows: the ADW
 * bridge writes the bare phase name (`adw_plan_iso`) as context. Only text that looks like
 * JSON ({…} or […]) is parsed (and reported when broken); other text is kept as it is.
 */
export function textOrJson(ctx: MapContext, value: unknown, field: string): unknown {
  if (typeof value !== "string") return ctx.json(value, field);
  const text = value.trim();
  if (text === "") return undefined;
  return /^[[{]/.test(text) ? ctx.json(text, field) : value;
}

/** Capabilities: a JSON list, or the comma-separated list the CRUD API stores (`a,b`). */
export function capabilityList(ctx: MapContext, value: unknown): unknown {
  const parsed = textOrJson(ctx, value, "capabilities");
  if (typeof parsed !== "string") return parsed;
  return parsed
    .split(",")
    .map((c) => c.trim())
    .filter((c) => c !== "");
}

/** A chat row as a message (both models). */
export function chatMessage(
  ctx: MapContext,
  r: Row,
  sessionId: string,
  at: Date,
  meta: Record<string, unknown>,
): Mapped["events"][number] {
  const agent = str(r.agent_id);
  const party = (type: unknown) => {
    const t = str(type) ?? "unknown";
    return t === "agent" && agent ? `agent:${str(r._agent_name) ?? agent}` : t;
  };
  const extra = textOrJson(ctx, r.metadata, "metadata");
  return {
    id: ctx.eventId("message"),
    type: "message",
    timestamp: at.toISOString(),
    body: {
      messageId: String(r.id),
      sessionId,
      from: party(r.sender_type),
      to: party(r.receiver_type),
      kind: "chat",
      content: str(r.message) ?? "",
      metadata: {
        ...meta,
        ...(str(r.summary) ? { summary: str(r.summary) } : {}),
        ...(agent ? { agentId: agent } : {}),
        ...(extra !== undefined && !(typeof extra === "object" && extra !== null && Object.keys(extra).length === 0)
          ? { chatMetadata: extra }
          : {}),
        ...(str(r.updated_at) ? { updatedAt: str(r.updated_at) } : {}),
      },
    },
  };
}
