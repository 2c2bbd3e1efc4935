// Spans → ingest events, as a pure function. Every id is derived from the trace and span
// ids, so re-sending an export maps to the same events and the pipeline's receipts make it a
// no-op. The rules, in short:
//
// - Session: the span's gen_ai.conversation.id, else its session.id, else its nearest
//   ancestor's, else the conversation seen on its trace (in this export, then in stored
//   runs), else the trace id.
// - Session and roles are read through the convention tables (semconv.ts, conventions/).
// - Runs: agent spans (each invocation of a framework's agent, named by the framework), and,
//   where GenAI work has no agent above it in the export, every span between that work and
//   the top of the export, so that it always hangs under its parent span's run. A child may
//   be exported before its parent; it then refers to the parent's run id, the pipeline keeps
//   a placeholder, and the parent fills it when it arrives (it is a run because a stored run
//   already has its id).
// - LLM calls and tool calls belong to the nearest run above them: the nearest enclosing
//   agent when there is one. An agent inside another agent (an agent run as a tool) is a run
//   below the delegating agent's run, with an agent→agent message.
// - Handoffs (transfer_to_<agent> tools, the OpenAI Agents SDK's handoff spans) become
//   agent→agent messages, and the next run of the agent handed to is a child of the run
//   that handed off.
// - No double counting: usage on a span that became a run (an invoke_agent or
//   invoke_workflow aggregate, or a wrapper around other model calls) is counted as an LLM
//   call of that run only when no span below it carries usage, in this export or stored.
//   Otherwise it is kept as the run's reportedTokens/reportedCostUsd, which totals ignore.
// - Tool calls: execute_tool spans become tool_call log events on their parent's run.
// - Other spans become log events (kind "span") on their session, attributes in details.
import { LIMITS, type IngestEventInput } from "@/lib/ingest/schemas";
import { capText } from "@/lib/ingest/text";
import { boundedForMetadata, remainingAttributes, stringAttr } from "./attributes";
import { nanosToDate } from "./ids";
import { delegatingTool, handoffSource, mergeRepeatedAgents, resolveHandoffs } from "./delegation";
import {
  buildForest,
  earliest,
  groupBy,
  hasUsage,
  insideAgent,
  nearestAgent,
  otlpId,
  topDown,
  type Node,
} from "./span-tree";
import type { AttributeValue, Attributes, OtlpSpan, SpanRejection } from "./model";
import { OPENAI_AGENTS_HANDOFF } from "./conventions/openai-agents";
import {
  agentIdOf,
  billedModelOf,
  CONTENT_ATTRIBUTES,
  contentText,
  errorOf,
  GEN_AI,
  llmOperationOf,
  modelOf,
  operationOf,
  ownSessionOf,
  promptOf,
  providerOf,
  requestModelOf,
  responseOf,
  SERVICE_NAME,
  spanFailed,
  toolArgumentsOf,
  toolCallIdOf,
  toolNameOf,
  toolResultOf,
  usageTotal,
} from "./semconv";

/** What the database already holds for the traces of an export (see stored-trace.ts). */
export type StoredTraceState = {
  /** stored runs by external id (often placeholders a child's reference created), with their session */
  runs: ReadonlyMap<string, { sessionId: string }>;
  /** runs with LLM usage stored below them (not counting the run's own call) */
  runsWithUsage: ReadonlySet<string>;
  /** stored runs by the external id of their parent run, for the export's own spans */
  childRuns?: ReadonlyMap<string, readonly StoredChildRun[]>;
  /**
   * parent spans stored earlier as something other than a run (a tool call, a step inside an
   * agent): the run their own event hangs under, by the span's run-style id
   */
  spanRuns?: ReadonlyMap<string, string>;
};

export type StoredChildRun = { runId: string; sessionId: string; agentType?: string; isAgent: boolean; status: string };

export const NO_STORED_STATE: StoredTraceState = { runs: new Map(), runsWithUsage: new Set() };

export { otlpId };

export type MappedTraces = {
  events: IngestEventInput[];
  /** for each event, the index of the span it came from */
  spanOfEvent: number[];
  rejected: SpanRejection[];
};

/**
 * Runs the mapping wants to know about: each span's own and its parent's (`runIds`); usage
 * stored below them is only needed for the spans' own (`usageRoots`).
 */
export function storedRunCandidates(spans: readonly OtlpSpan[]): { runIds: string[]; usageRoots: string[] } {
  const own = new Set(spans.map((s) => otlpId(s.traceId, s.spanId)));
  const all = new Set(own);
  for (const s of spans) if (s.parentSpanId) all.add(otlpId(s.traceId, s.parentSpanId));
  return { runIds: [...all], usageRoots: [...own] };
}

const SHORT = LIMITS.shortTextMaxLength;
const short = (text: string | undefined) => (text === undefined ? undefined : text.slice(0, SHORT));
const SPAN_KIND_NAMES = ["unspecified", "internal", "server", "client", "producer", "consumer"];
const MAX_DETAIL_EVENTS = 20;

function markRuns(nodes: readonly Node[], stored: StoredTraceState): void {
  for (const node of nodes) if (stored.runs.has(node.id) && !insideAgent(node)) node.isRun = true;
  for (const node of nodes) {
    if ((node.role === "other" || node.role === "handoff") && !node.isRun) continue;
    for (let p = node.parent; p && !p.isRun && !insideAgent(p); p = p.parent) p.isRun = true;
  }
}

/** Usage a span adds to the totals somewhere in its subtree: its own call's, or a descendant's. */
function contributesUsage(n: Node): boolean {
  return n.usageBelow || (hasUsage(n.usage) && (n.role === "llm" || n.isRun));
}

function markUsageBelow(topDownOrder: readonly Node[], stored: StoredTraceState): void {
  for (const node of [...topDownOrder].reverse()) {
    node.usageBelow = stored.runsWithUsage.has(node.id) || node.children.some(contributesUsage);
  }
}

function resolveSessions(nodes: readonly Node[], stored: StoredTraceState): void {
  const storedByTrace = new Map<string, string>();
  for (const [runId, run] of stored.runs) {
    const traceId = runId.split(":")[1] ?? "";
    if (run.sessionId !== traceId && !storedByTrace.has(traceId)) storedByTrace.set(traceId, run.sessionId);
  }
  for (const [traceId, members] of groupBy(nodes, (n) => n.span.traceId)) {
    const named = earliest(members.filter((n) => ownSessionOf(n.span.attributes) !== undefined));
    const traceSession = (named && ownSessionOf(named.span.attributes)) ?? storedByTrace.get(traceId) ?? traceId;
    for (const n of members) {
      let session: string | undefined;
      for (let cur: Node | undefined = n; cur && session === undefined; cur = cur.parent) {
        session = ownSessionOf(cur.span.attributes);
      }
      n.session = session ?? traceSession;
    }
  }
}

function iso(date: Date): string {
  return date.toISOString();
}

function durationMs(n: Node): number {
  return Math.max(0, n.end.getTime() - n.start.getTime());
}

/**
 * The run a GenAI span belongs to: the nearest run above it in the export, else the run of
 * the parent span of the export's topmost ancestor (stored, or to come).
 */
function parentRunId(n: Node): string | undefined {
  if (n.delegatedFrom) return n.delegatedFrom.id;
  let top = n;
  for (let p = n.parent; p; p = p.parent) {
    if (p.isRun) return p.id;
    top = p;
  }
  const { traceId, parentSpanId } = top.span;
  return top.outsideRun ?? (parentSpanId ? otlpId(traceId, parentSpanId) : undefined);
}

/** The run an ordinary span's event attaches to: the nearest run above it that is known. */
function enclosingRunId(n: Node, stored: StoredTraceState): string | undefined {
  let top = n;
  for (let p = n.parent; p; p = p.parent) {
    if (p.isRun) return p.id;
    top = p;
  }
  const { traceId, parentSpanId } = top.span;
  const outside = parentSpanId ? otlpId(traceId, parentSpanId) : undefined;
  return outside && stored.runs.has(outside) ? outside : undefined;
}

function agentIdentity(n: Node): { agentType?: string; agentId?: string } {
  const agent = nearestAgent(n);
  const name = agent ? agent.agentName : n.ownerHint;
  const id = agent ? agentIdOf(agent.span.attributes) : undefined;
  return {
    agentType: short(name ?? stringAttr(n.span.resource, SERVICE_NAME)),
    agentId: id ?? name,
  };
}

function otlpMetadata(n: Node): Record<string, AttributeValue> {
  const { span } = n;
  const otlp: Record<string, AttributeValue> = {
    traceId: span.traceId,
    spanId: span.spanId,
    spanKind: SPAN_KIND_NAMES[span.kind] ?? String(span.kind),
  };
  if (span.parentSpanId) otlp.parentSpanId = span.parentSpanId;
  const operation = operationOf(span);
  if (operation) otlp.operation = operation;
  if (span.scope.name) otlp.scope = span.scope.version ? `${span.scope.name}@${span.scope.version}` : span.scope.name;
  const service = stringAttr(span.resource, SERVICE_NAME);
  return { otlp, ...(service ? { service } : {}) };
}

function withAttributes(
  base: Record<string, AttributeValue>,
  attributes: Attributes,
  extra: Record<string, AttributeValue> = {},
): Record<string, AttributeValue> {
  const rest = remainingAttributes(attributes, CONTENT_ATTRIBUTES);
  return { ...base, ...extra, ...(rest ? { attributes: rest } : {}) };
}

function bounded(value: AttributeValue | undefined, cap: number = LIMITS.textCap): AttributeValue | undefined {
  if (value === undefined) return undefined;
  return typeof value === "string" ? capText(value, cap).text : boundedForMetadata(value, cap);
}

type Emit = (n: Node, event: IngestEventInput) => void;

function emitSession(emit: Emit, members: readonly Node[]): void {
  const roots = members.filter((m) => !m.span.parentSpanId);
  const latestRoot = [...roots].sort(
    (a, b) => b.end.getTime() - a.end.getTime() || a.span.spanId.localeCompare(b.span.spanId),
  )[0];
  const first = earliest(members)!;
  const anchor = latestRoot ?? first;
  const resource = Object.keys(anchor.span.resource).length > 0 ? boundedForMetadata(anchor.span.resource) : undefined;
  const service = stringAttr(anchor.span.resource, SERVICE_NAME);
  emit(anchor, {
    id: `${anchor.id}:session`,
    type: "session",
    timestamp: iso(latestRoot ? latestRoot.end : first.start),
    body: {
      sessionId: anchor.session,
      startedAt: iso(first.start),
      ...(latestRoot
        ? { status: spanFailed(latestRoot.span) ? "failed" : "completed", endedAt: iso(latestRoot.end) }
        : {}),
      metadata: { ...(service ? { service } : {}), ...(resource ? { resource } : {}) },
    },
  });
}

function emitAgent(emit: Emit, n: Node): void {
  const a = n.span.attributes;
  const name = n.agentName;
  const agentId = agentIdOf(a) ?? name;
  if (!agentId) return;
  const description = stringAttr(a, GEN_AI.agentDescription);
  const version = stringAttr(a, GEN_AI.agentVersion);
  const service = stringAttr(n.span.resource, SERVICE_NAME);
  emit(n, {
    id: `${n.id}:agent`,
    type: "agent",
    timestamp: iso(n.end),
    body: {
      agentId,
      name: short(name ?? agentId),
      type: short(name),
      model: short(modelOf(a)),
      metadata: {
        ...(description ? { description: capText(description, 4096).text } : {}),
        ...(version ? { version } : {}),
        ...(service ? { service } : {}),
      },
    },
  });
}

function emitRun(emit: Emit, n: Node, countsOwnUsage: boolean): void {
  const { span } = n;
  const a = span.attributes;
  const agent = nearestAgent(n);
  const agentName = agent ? agent.agentName : n.ownerHint;
  const agentId = n.role === "agent" ? (agentIdOf(a) ?? n.agentName) : undefined;
  const extra: Record<string, AttributeValue> = {};
  if (Object.keys(span.resource).length > 0) extra.resource = boundedForMetadata(span.resource);
  // usageOf leaves out absent counts, so every value is a number
  if (n.usage && !countsOwnUsage) extra.uncountedUsage = { ...(n.usage as Record<string, number>) };
  emit(n, {
    id: `${n.id}:run`,
    type: "run",
    timestamp: iso(n.end),
    body: {
      runId: n.id,
      sessionId: n.session,
      agentType: short(
        (n.role === "agent" ? n.agentName : undefined) ??
          stringAttr(a, GEN_AI.workflowName) ??
          agentName ??
          stringAttr(span.resource, SERVICE_NAME) ??
          (span.name || "span"),
      )!,
      agentId,
      parentRunId: parentRunId(n),
      status: spanFailed(span) ? "failed" : "completed",
      startedAt: iso(n.start),
      endedAt: iso(n.end),
      input: promptOf(span),
      output: responseOf(span),
      error: errorOf(span),
      model: short(modelOf(a)),
      stepName: short(span.name || undefined),
      reportedTokens:
        n.usage?.inputTokens !== undefined || n.usage?.outputTokens !== undefined ? usageTotal(n.usage) : undefined,
      reportedCostUsd: n.usage?.costUsd,
      metadata: withAttributes(otlpMetadata(n), a, extra),
    },
  });
}

function emitLlmCall(emit: Emit, n: Node, runId: string | undefined): void {
  const { span } = n;
  const a = span.attributes;
  const usage = n.usage ?? {};
  const failed = spanFailed(span);
  // Billed by the model that answered; the one asked for is kept beside it.
  const model = billedModelOf(a);
  const requestModel = requestModelOf(a);
  const asked: Record<string, AttributeValue> =
    requestModel !== undefined && requestModel !== model ? { requestModel } : {};
  emit(n, {
    id: `${n.id}:llm`,
    type: "llm_call",
    timestamp: iso(n.end),
    body: {
      callId: n.id,
      sessionId: n.session,
      runId,
      ...agentIdentity(n),
      model: short(model),
      provider: short(providerOf(a)),
      promptType: short(n.role === "llm" ? llmOperationOf(span) : operationOf(span)),
      promptName: short(stringAttr(a, GEN_AI.promptName)),
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      cacheReadTokens: usage.cacheReadTokens,
      cacheWriteTokens: usage.cacheWriteTokens,
      reasoningTokens: usage.reasoningTokens,
      costUsd: usage.costUsd,
      latencyMs: durationMs(n),
      status: failed ? "failed" : "completed",
      error: errorOf(span),
      prompt: promptOf(span),
      response: responseOf(span),
      startedAt: iso(n.start),
      endedAt: iso(n.end),
      metadata: n.isRun
        ? { ...otlpMetadata(n), ...asked, ...(n.role === "llm" ? {} : { aggregate: true }) }
        : withAttributes(otlpMetadata(n), a, asked),
    },
  });
}

/** Tool arguments worth showing as a message: not empty, not an empty JSON object. */
function meaningful(text: string | undefined): string | undefined {
  const t = text?.trim();
  return t && t !== "{}" && t !== "null" ? t : undefined;
}

function agentLabel(n: Node | undefined): string {
  return short(n?.agentName ?? (n ? stringAttr(n.span.resource, SERVICE_NAME) : undefined) ?? "agent")!;
}

/** A handoff or an agent run as a tool, as an agent→agent message. */
function emitDelegation(emit: Emit, n: Node, agents: readonly Node[]): void {
  if (n.handoffTo !== undefined) {
    const source = handoffSource(n, agents);
    const from = source ? agentLabel(source) : stringAttr(n.span.attributes, OPENAI_AGENTS_HANDOFF.from);
    emit(n, {
      id: `${n.id}:handoff`,
      type: "message",
      timestamp: iso(n.end),
      body: {
        messageId: `${n.id}:handoff`,
        sessionId: n.session,
        from: short(from ?? "agent")!,
        to: short(n.handoffTo)!,
        kind: "handoff",
        content: capText(
          meaningful(contentText(toolArgumentsOf(n.span.attributes))) ?? `handoff to ${n.handoffTo}`,
          LIMITS.textCap,
        ).text,
        metadata: otlpMetadata(n),
      },
    });
    return;
  }
  if (n.role !== "agent") return;
  const delegation = delegatingTool(n);
  if (!delegation) return;
  const input =
    (delegation.tool ? contentText(toolArgumentsOf(delegation.tool.span.attributes)) : undefined) ?? promptOf(n.span);
  emit(n, {
    id: `${n.id}:delegation`,
    type: "message",
    timestamp: iso(n.start),
    body: {
      messageId: `${n.id}:delegation`,
      sessionId: n.session,
      from: agentLabel(delegation.from),
      to: agentLabel(n),
      kind: "delegation",
      content: capText(input || `delegated to ${agentLabel(n)}`, LIMITS.textCap).text,
      metadata: { ...otlpMetadata(n), ...(delegation.tool ? { tool: toolNameOf(delegation.tool.span) } : {}) },
    },
  });
}

/**
 * A span inside an agent that earlier exports' runs already hang under (their parent span
 * came later): those runs move up to the run above it, and an agent reached through a tool
 * gets its delegation message, as when both arrive together.
 */
function emitHandOn(emit: Emit, n: Node, stored: StoredTraceState): void {
  const children = stored.childRuns?.get(n.id) ?? [];
  if (children.length === 0 || n.isRun || !insideAgent(n)) return;
  const parent = parentRunId(n);
  for (const child of children) {
    emit(n, {
      id: `${child.runId}:parent:${n.id}`,
      type: "run",
      timestamp: iso(n.end),
      body: {
        runId: child.runId,
        sessionId: child.sessionId,
        agentType: child.agentType ?? "agent",
        status: child.status,
        ...(parent ? { parentRunId: parent } : {}),
      },
    });
    if (child.isAgent && n.role === "tool" && n.handoffTo === undefined) {
      const from = nearestAgent(n)?.agentName ?? n.ownerHint ?? "agent";
      emit(n, {
        id: `${child.runId}:delegation`,
        type: "message",
        timestamp: iso(n.start),
        body: {
          messageId: `${child.runId}:delegation`,
          sessionId: child.sessionId,
          from: short(from)!,
          to: short(child.agentType ?? "agent")!,
          kind: "delegation",
          content: capText(
            contentText(toolArgumentsOf(n.span.attributes)) || `delegated to ${child.agentType ?? "agent"}`,
            LIMITS.textCap,
          ).text,
          metadata: { ...otlpMetadata(n), tool: toolNameOf(n.span) },
        },
      });
    }
  }
}

function emitToolCall(emit: Emit, n: Node): void {
  const { span } = n;
  const a = span.attributes;
  const tool = toolNameOf(span);
  const error = errorOf(span);
  const details: Record<string, AttributeValue> = {
    tool,
    status: error ? "failed" : "completed",
    durationMs: durationMs(n),
    startedAt: iso(n.start),
  };
  const optional: [string, AttributeValue | undefined][] = [
    ["toolCallId", toolCallIdOf(a)],
    ["toolType", stringAttr(a, GEN_AI.toolType)],
    ["description", bounded(a[GEN_AI.toolDescription], 4096)],
    ["arguments", bounded(toolArgumentsOf(a))],
    ["result", bounded(toolResultOf(a))],
    ["error", error],
  ];
  for (const [k, v] of optional) if (v !== undefined && v !== null) details[k] = v;
  emit(n, {
    id: `${n.id}:tool`,
    type: "log",
    timestamp: iso(n.end),
    body: {
      sessionId: n.session,
      runId: parentRunId(n),
      ...agentIdentity(n),
      level: error ? "error" : "info",
      kind: "tool_call",
      component: short(tool),
      message: error ? `${tool} failed: ${error}` : tool,
      details,
      metadata: withAttributes(otlpMetadata(n), a),
    },
  });
}

function emitSpanEvent(emit: Emit, n: Node, stored: StoredTraceState): void {
  const { span } = n;
  const error = errorOf(span);
  const attributes = remainingAttributes(span.attributes, new Set());
  const events = span.events.slice(0, MAX_DETAIL_EVENTS).map((e) => {
    const at = nanosToDate(e.timeUnixNano);
    const attrs = remainingAttributes(e.attributes, new Set());
    return { name: e.name, ...(at ? { at: iso(at) } : {}), ...(attrs ? { attributes: attrs } : {}) };
  });
  emit(n, {
    id: `${n.id}:span`,
    type: "log",
    timestamp: iso(n.end),
    body: {
      sessionId: n.session,
      runId: enclosingRunId(n, stored),
      level: error ? "error" : "debug",
      kind: "span",
      component: short(span.scope.name),
      message: error ? `${span.name || "span"} failed: ${error}` : span.name || "(unnamed span)",
      details: {
        durationMs: durationMs(n),
        startedAt: iso(n.start),
        ...(attributes ? { attributes } : {}),
        ...(events.length > 0 ? { events } : {}),
      },
      metadata: otlpMetadata(n),
    },
  });
}

/** Sessions first, then agents, then runs (parents first), then calls and logs. */
const EMIT_ORDER: Partial<Record<IngestEventInput["type"], number>> = { session: 0, agent: 1, run: 2 };

export function mapSpans(spans: readonly OtlpSpan[], stored: StoredTraceState = NO_STORED_STATE): MappedTraces {
  const rejected: SpanRejection[] = [];
  const nodes = [...buildForest(spans, rejected).values()];
  const ordered = topDown(nodes);
  mergeRepeatedAgents(ordered);
  markRuns(nodes, stored);
  markUsageBelow(ordered, stored);
  resolveSessions(nodes, stored);
  resolveHandoffs(nodes);
  for (const n of nodes) {
    const { traceId, parentSpanId } = n.span;
    const outside = !n.parent && parentSpanId ? otlpId(traceId, parentSpanId) : undefined;
    if (outside && !stored.runs.has(outside)) n.outsideRun = stored.spanRuns?.get(outside);
  }
  const agents = nodes.filter((n) => n.role === "agent");

  const out: { node: Node; event: IngestEventInput }[] = [];
  const emit: Emit = (node, event) => out.push({ node, event });
  for (const members of groupBy(nodes, (n) => n.session).values()) emitSession(emit, members);
  for (const n of ordered) {
    if (n.role === "agent") emitAgent(emit, n);
    // A run's own usage (or a wrapped model call) counts only when nothing below carries usage.
    const countsOwnUsage = !n.usageBelow && (n.role === "llm" || hasUsage(n.usage));
    if (n.isRun) {
      emitRun(emit, n, countsOwnUsage);
      if (countsOwnUsage) emitLlmCall(emit, n, n.id);
    } else if (n.role === "llm") {
      // A model span wrapping other model spans (inside an agent, so not a run): the inner ones count.
      if (n.usageBelow) emitSpanEvent(emit, n, stored);
      else emitLlmCall(emit, n, parentRunId(n));
    }
    if (n.role === "tool") emitToolCall(emit, n);
    else if ((n.role === "other" || n.role === "handoff") && !n.isRun) emitSpanEvent(emit, n, stored);
    emitDelegation(emit, n, agents);
    emitHandOn(emit, n, stored);
  }

  const rank = (e: IngestEventInput) => EMIT_ORDER[e.type] ?? 3;
  out.sort((a, b) => rank(a.event) - rank(b.event)); // stable: keeps the top-down order within a rank
  return { events: out.map((o) => o.event), spanOfEvent: out.map((o) => o.node.span.index), rejected };
}
