// Who delegated to whom, from the span tree: handoffs (transfer_to_<agent> tools, handoff
// spans) and agents run inside another agent's tool. Pure; map-spans.ts emits the messages.
import { stringAttr } from "./attributes";
import { agentKey } from "./conventions/conventions";
import { OPENAI_AGENTS_HANDOFF } from "./conventions/openai-agents";
import { isAncestor, nearestAgent, type Node } from "./span-tree";

/**
 * One invocation, one run: an agent span directly inside a span of the same agent (a
 * LangGraph node running its compiled subgraph, which the instrumentation traces twice) is
 * a step of that invocation. Through a tool it would be the agent calling itself: a new run.
 */
export function mergeRepeatedAgents(topDownOrder: readonly Node[]): void {
  for (const n of topDownOrder) {
    if (n.role !== "agent" || !n.agentName) continue;
    for (let p = n.parent; p && p.role !== "tool"; p = p.parent) {
      if (p.role !== "agent") continue;
      if (p.agentName && agentKey(p.agentName) === agentKey(n.agentName)) {
        n.role = "other";
        n.isRun = false;
        n.agentName = undefined;
        n.ownerHint = p.agentName;
      }
      break;
    }
  }
}

/** The agent that hands off: the one the handoff runs in, else the latest of the name the handoff span gives. */
export function handoffSource(h: Node, agents: readonly Node[]): Node | undefined {
  const own = nearestAgent(h);
  if (own) return own;
  const from = stringAttr(h.span.attributes, OPENAI_AGENTS_HANDOFF.from);
  if (from === undefined) return undefined;
  const named = agents.filter(
    (a) =>
      a.span.traceId === h.span.traceId &&
      a.agentName &&
      agentKey(a.agentName) === agentKey(from) &&
      a.start <= h.start,
  );
  return named.sort((x, y) => y.start.getTime() - x.start.getTime())[0];
}

/**
 * The run of an agent handed to hangs under the run that handed off: the latest handoff to
 * its name in the same trace that started before it, from another agent it is not inside.
 */
export function resolveHandoffs(nodes: readonly Node[]): void {
  const agents = nodes.filter((n) => n.role === "agent");
  const handoffs = nodes.filter((n) => n.handoffTo !== undefined);
  for (const b of agents) {
    if (!b.agentName) continue;
    const key = agentKey(b.agentName);
    const candidates = handoffs
      .filter((h) => h.span.traceId === b.span.traceId && agentKey(h.handoffTo!) === key && h.start <= b.start)
      .sort((x, y) => y.start.getTime() - x.start.getTime());
    for (const h of candidates) {
      const source = handoffSource(h, agents);
      if (!source || source === b || isAncestor(b, source) || isAncestor(source, b)) continue;
      b.delegatedFrom = source;
      break;
    }
  }
}

/** An agent inside another agent, reached through a tool that is not a handoff: the tool span, else undefined. */
export function delegatingTool(b: Node): { from: Node; tool?: Node } | undefined {
  let tool: Node | undefined;
  for (let p = b.parent; p; p = p.parent) {
    if (p.role === "tool" && p.handoffTo === undefined) tool ??= p;
    if (p.role === "agent") return tool ? { from: p, tool } : undefined;
  }
  return undefined;
}
