// Reading BAZINGA's columns the way its code writes them: timestamps in two conventions,
// status words through the vocabulary, agent types with their original spelling kept.
import { normalizeStatus, statusRule, type Status } from "@/lib/ingest/status";
import { str } from "../sql-reader";
import type { MapContext } from "../types";
import { agentTypeOf, mappedStatus } from "./bazinga-vocabulary";

/** Python `datetime.now().isoformat()`: a `T`, no zone. SQLite CURRENT_TIMESTAMP has a space. */
const PYTHON_LOCAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * A timestamp column. SQLite's CURRENT_TIMESTAMP / datetime('now') (`YYYY-MM-DD HH:MM:SS`) is
 * UTC; Python's datetime.now().isoformat() (`T`, no zone) is local wall time, read in the
 * source's zone; a value with its own zone (JavaScript toISOString) keeps it.
 */
export function bazingaTime(ctx: MapContext, value: unknown, field: string): Date | undefined {
  if (typeof value === "string" && PYTHON_LOCAL_ISO.test(value.trim())) return ctx.localTime(value, field);
  return ctx.optionalTime(value, field);
}

/**
 * A status word through one of the vocabulary's maps; a word not in it goes to the shared
 * synonyms and rules, and is an issue of the row. The word itself is returned as sourceStatus.
 */
export function bazingaStatus(
  ctx: MapContext,
  map: Readonly<Record<string, Status>>,
  value: unknown,
  field: string,
): { status?: Status; sourceStatus?: string } {
  const word = str(value)?.trim();
  if (!word) return {};
  const mapped = mappedStatus(map, word);
  if (mapped) return { status: mapped, sourceStatus: word };
  const status = normalizeStatus(word);
  const rule = statusRule(word);
  ctx.issue(
    status
      ? `unmapped ${field} "${word}" (counted as ${status}${rule ? `: ${rule.why}` : ""})`
      : `unknown ${field} "${word}"`,
  );
  return { status, sourceStatus: word };
}

/** The canonical agent type and, when it differs, the spelling the row used. */
export function bazingaAgent(ctx: MapContext, value: unknown): { agentType?: string; sourceAgentType?: string } {
  const raw = str(value)?.trim();
  if (!raw) return {};
  const { agentType, known } = agentTypeOf(raw);
  if (!known) ctx.issue(`unmapped agent_type "${raw}"`);
  return agentType === raw ? { agentType } : { agentType, sourceAgentType: raw };
}
