// The spans of one export as a forest of nodes: each span with its role, its parent within
// the export (cycles cut), and what the mapping decides about it (run or not, session,
// agent). Pure; map-spans.ts turns the nodes into events.
import { stringAttr } from "./attributes";
import { HANDOFF_TOOL } from "./conventions/conventions";
import { OPENAI_AGENTS_HANDOFF } from "./conventions/openai-agents";
import { nanosToDate } from "./ids";
import type { OtlpSpan, SpanRejection } from "./model";
import { agentNameOf, ownerAgentOf, spanRole, toolNameOf, usageOf, type SpanRole, type Usage } from "./semconv";

export type Node = {
  span: OtlpSpan;
  id: string;
  role: SpanRole;
  usage?: Usage;
  parent?: Node;
  children: Node[];
  isRun: boolean;
  /** usage is carried by some span below this one (in the export or stored) */
  usageBelow: boolean;
  session: string;
  start: Date;
  end: Date;
  /** the agent's name, on agent spans */
  agentName?: string;
  /** the agent a handoff span or transfer_to_* tool hands to */
  handoffTo?: string;
  /** the run a delegated agent's run hangs under, when it is not the run above its span */
  delegatedFrom?: Node;
  /** the agent the span works for, named on the span itself (for when that agent is in another export) */
  ownerHint?: string;
  /** when the parent span was stored earlier and is not a run: the run it hangs under */
  outsideRun?: string;
};

export function hasUsage(usage: Usage | undefined): boolean {
  return usage !== undefined && Object.values(usage).some((v) => v !== undefined && v > 0);
}

/** Links each span to its parent within the export, cutting parent cycles. */
export function buildForest(spans: readonly OtlpSpan[], rejected: SpanRejection[]): Map<string, Node> {
  const nodes = new Map<string, Node>();
  for (const span of spans) {
    const key = `${span.traceId}:${span.spanId}`;
    if (nodes.has(key)) continue; // the same span twice in one export: the first copy counts
    const start = nanosToDate(span.startTimeUnixNano);
    const end = nanosToDate(span.endTimeUnixNano) ?? start;
    if (!end) {
      rejected.push({ index: span.index, reason: "the span's times are not between 1970 and 9999" });
      continue;
    }
    const role = spanRole(span);
    const agentName = role === "agent" ? agentNameOf(span) : undefined;
    nodes.set(key, {
      agentName,
      handoffTo: handoffTarget(span, role),
      ownerHint: role === "agent" ? undefined : ownerAgentOf(span),
      span,
      id: otlpId(span.traceId, span.spanId),
      role,
      usage: usageOf(span.attributes),
      children: [],
      isRun: role === "agent",
      usageBelow: false,
      session: "",
      start: start && start <= end ? start : end,
      end,
    });
  }
  for (const node of nodes.values()) {
    const { traceId, parentSpanId } = node.span;
    node.parent = parentSpanId ? nodes.get(`${traceId}:${parentSpanId}`) : undefined;
  }
  const state = new Map<Node, "walking" | "done">();
  for (const node of nodes.values()) {
    const path: Node[] = [];
    let cur: Node | undefined = node;
    while (cur && !state.has(cur)) {
      state.set(cur, "walking");
      path.push(cur);
      cur = cur.parent;
    }
    if (cur && state.get(cur) === "walking") path[path.length - 1]!.parent = undefined;
    for (const p of path) state.set(p, "done");
  }
  for (const node of nodes.values()) node.parent?.children.push(node);
  return nodes;
}

/** Shallowest first (parents before children), then in request order. */
export function topDown(nodes: Iterable<Node>): Node[] {
  const depth = new Map<Node, number>();
  const depthOf = (n: Node): number => {
    const chain: Node[] = [];
    let cur: Node | undefined = n;
    while (cur && !depth.has(cur)) {
      chain.push(cur);
      cur = cur.parent;
    }
    let d = cur ? depth.get(cur)! : -1;
    for (let i = chain.length - 1; i >= 0; i--) depth.set(chain[i]!, ++d);
    return depth.get(n)!;
  };
  return [...nodes].sort((a, b) => depthOf(a) - depthOf(b) || a.span.index - b.span.index);
}

/** The agent a span hands off to: a handoff span's target, or the tail of a transfer_to_<agent> tool. */
export function handoffTarget(span: OtlpSpan, role: SpanRole): string | undefined {
  if (role === "handoff") return stringAttr(span.attributes, OPENAI_AGENTS_HANDOFF.to);
  if (role !== "tool") return undefined;
  return HANDOFF_TOOL.exec(toolNameOf(span))?.[1];
}

export function hasAgentAbove(n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.role === "agent") return true;
  return false;
}

/**
 * Inside an agent (one above it in the export, or one the span names), a span that is not an
 * agent is never a run: the work below it hangs under the agent's run.
 */
export function insideAgent(n: Node): boolean {
  return n.role !== "agent" && (n.ownerHint !== undefined || hasAgentAbove(n));
}

export function earliest(nodes: readonly Node[]): Node | undefined {
  return [...nodes].sort(
    (a, b) => a.start.getTime() - b.start.getTime() || a.span.spanId.localeCompare(b.span.spanId),
  )[0];
}

export function groupBy<K>(nodes: readonly Node[], key: (n: Node) => K): Map<K, Node[]> {
  const groups = new Map<K, Node[]>();
  for (const n of nodes) {
    const group = groups.get(key(n));
    if (group) group.push(n);
    else groups.set(key(n), [n]);
  }
  return groups;
}

export function isAncestor(ancestor: Node, n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

export function nearestAgent(n: Node): Node | undefined {
  for (let cur: Node | undefined = n; cur; cur = cur.parent) if (cur.role === "agent") return cur;
  return undefined;
}

/** The run, LLM call and event id prefix of a span. */
export function otlpId(traceId: string, spanId: string): string {
  return `otlp:${traceId}:${spanId}`;
}
