// Every GenAI telemetry convention the OTLP receiver understands, in order of precedence:
// where two conventions say different things about the same span, the earlier one wins, and
// for each field the first attribute present (in this order, then in each table's order) is
// the one read. The OpenTelemetry GenAI names come first because they are the standard the
// others converge on; the framework conventions follow from the most to the least specific.
import { LANGFUSE } from "./langfuse";
import { OPENAI_AGENTS } from "./openai-agents";
import { OPENINFERENCE } from "./openinference";
import { OTEL_GENAI } from "./otel-genai";
import { TRACELOOP } from "./traceloop";
import type { Convention, UsageKeys } from "./types";
import { VERCEL_AI } from "./vercel-ai";

export const CONVENTIONS: readonly Convention[] = [
  OTEL_GENAI,
  OPENINFERENCE,
  VERCEL_AI,
  LANGFUSE,
  TRACELOOP,
  OPENAI_AGENTS,
];

type ListField = Exclude<
  { [K in keyof Convention]-?: NonNullable<Convention[K]> extends readonly string[] ? K : never }[keyof Convention],
  undefined
>;

/** One field's attributes across all conventions, in precedence order. */
export function keysOf(field: ListField): readonly string[] {
  return CONVENTIONS.flatMap((c) => c[field] ?? []);
}

export function usageKeysOf(field: keyof UsageKeys): readonly string[] {
  return CONVENTIONS.flatMap((c) => c.usage?.[field] ?? []);
}

/** Handoff tools (LangGraph supervisor, OpenAI Agents SDK) are named transfer_to_<agent>. */
export const HANDOFF_TOOL = /^transfer_to_(.+)$/i;

/** How agent names compare with the tail of a handoff tool's name: case and punctuation ignored. */
export function agentKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/** Every attribute the mapping reads, by convention, for the docs and the coverage test. */
export function attributeCatalog(): { convention: string; source: string; attributes: string[] }[] {
  return CONVENTIONS.map((c) => {
    const attrs = new Set<string>();
    for (const rule of c.roles ?? []) attrs.add(rule.attribute);
    for (const [key, value] of Object.entries(c)) {
      if (key === "usage" && value)
        for (const list of Object.values(value as UsageKeys)) for (const a of list ?? []) attrs.add(a);
      else if (Array.isArray(value) && key !== "roles" && key !== "alsoRead")
        for (const a of value as string[]) attrs.add(a);
    }
    if (c.agentNamedBySpan) attrs.add(c.agentNamedBySpan.attribute);
    for (const a of c.alsoRead ?? []) attrs.add(a);
    return { convention: c.name, source: c.source, attributes: [...attrs] };
  });
}
