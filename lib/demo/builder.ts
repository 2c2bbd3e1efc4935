// Builds one demo session's events on a relative clock (ms since the session started).
// Events are drafted first and turned into ingest events by `finish`, which can cut the
// timeline so a session looks like it is still running.
import type { EventType, IngestEventInput } from "../ingest/schemas";
import { sampleUsage, type CallSize, type ModelId, type Usage } from "./models";
import type { IdSource, Rng } from "./random";

export type DemoSource = "bazinga" | "tac" | "studio" | "agents-orchestrator" | "beads";

export type BodyOf<K extends EventType> = Extract<IngestEventInput, { type: K }>["body"];

type Draft = { [K in EventType]: { type: K; at: number; seq: number; body: BodyOf<K> } }[EventType];

/** Outcomes a style generator plays out; running and awaiting sessions are cut from these. */
export type PlayedOutcome = "completed" | "failed" | "cancelled";

export interface StyleInput {
  b: SessionBuilder;
  outcome: PlayedOutcome;
  /** index of this session among the sessions of its style, to rotate through catalogs */
  ordinal: number;
  parentSessionId?: string;
}

export interface DemoStyle {
  source: DemoSource;
  /** the source's own word for a session that is under way */
  runningStatus: string;
  sessionId(ids: IdSource, startMs: number): string;
  generate(input: StyleInput): void;
}

export interface RunSpec {
  runId: string;
  agentType: string;
  agentId?: string;
  parentRunId?: string;
  model?: string;
  step?: number;
  stepName?: string;
  input?: string;
  metadata?: Record<string, unknown>;
}

export interface RunHandle extends RunSpec {
  startedAt: number;
  calls: number;
  tokens: number;
  costUsd: number;
}

export interface CallSpec {
  model: ModelId;
  size: CallSize;
  callId?: string;
  promptType?: string;
  promptName?: string;
  prompt?: string;
  response?: string;
  thinking?: boolean;
  /** TAC reports a cost per prompt; other sources leave pricing to the pipeline */
  reportCost?: boolean;
  /** makes the call fail with this error (no output, no cost) */
  error?: string;
  metadata?: Record<string, unknown>;
}

export interface LogSpec {
  message: string;
  level?: string;
  kind?: string;
  component?: string;
  iteration?: number;
  runId?: string;
  agentType?: string;
  agentId?: string;
  details?: unknown;
  metadata?: Record<string, unknown>;
}

export interface SessionSpec {
  title?: string;
  mission?: string;
  mode?: string;
  status?: string;
  phase?: string;
  iteration?: number;
  qaPassed?: boolean;
  workDir?: string;
  project?: string;
  kind?: string;
  priority?: number;
  parentSessionId?: string;
  state?: unknown;
  metadata?: Record<string, unknown>;
  startedAt?: string;
  endedAt?: string;
}

/** Drops undefined properties so the output is clean JSON and stable to compare. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export class SessionBuilder {
  /** current time, ms after the session start */
  t = 0;
  private readonly drafts: Draft[] = [];
  private seq = 0;
  private readonly phases: Array<{ at: number; phase: string }> = [];
  private readonly marks = new Map<string, number>();
  private readonly noCut: Array<[number, number]> = [];

  constructor(
    readonly source: DemoSource,
    readonly sessionId: string,
    readonly startMs: number,
    readonly rng: Rng,
    readonly ids: IdSource,
  ) {}

  iso(at: number = this.t): string {
    return new Date(this.startMs + Math.round(at)).toISOString();
  }

  /** Epoch ms at a relative time, for sources whose ids embed Date.now(). */
  epoch(at: number = this.t): number {
    return this.startMs + Math.round(at);
  }

  /** Advances the clock by a random duration and returns the new time. */
  wait(minMs: number, maxMs: number): number {
    this.t += this.rng.int(minMs, maxMs);
    return this.t;
  }

  emit<K extends EventType>(type: K, body: BodyOf<K>, at: number = this.t): void {
    this.drafts.push({ type, at: Math.round(at), seq: this.seq++, body: compact(body) } as Draft);
  }

  get span(): number {
    return this.drafts.reduce((m, d) => Math.max(m, d.at), 0);
  }

  // ---- timeline annotations used by the generator to cut sessions ----

  mark(name: string, at: number = this.t): void {
    this.marks.set(name, at);
  }

  markAt(name: string): number | undefined {
    return this.marks.get(name);
  }

  /** A stretch of time a running session must not be cut in (e.g. waiting at a human gate). */
  avoidCut(from: number, to: number): void {
    this.noCut.push([from, to]);
  }

  /** Moves a proposed cut out of the stretches it must avoid. */
  adjustCut(cut: number): number {
    for (const [from, to] of this.noCut) {
      if (cut >= from && cut <= to) return to + 30_000 < this.span ? to + 30_000 : Math.max(1, from - 1_000);
    }
    return cut;
  }

  phaseAt(at: number): string | undefined {
    let phase: string | undefined;
    for (const p of this.phases) if (p.at <= at) phase = p.phase;
    return phase;
  }

  // ---- typed helpers ----

  session(spec: SessionSpec, at: number = this.t): void {
    if (spec.phase !== undefined) this.phases.push({ at, phase: spec.phase });
    this.emit("session", { sessionId: this.sessionId, source: this.source, ...spec }, at);
  }

  log(spec: LogSpec, at: number = this.t): void {
    this.emit("log", { sessionId: this.sessionId, ...spec }, at);
  }

  startRun(spec: RunSpec, status: string): RunHandle {
    const run: RunHandle = { ...spec, startedAt: this.t, calls: 0, tokens: 0, costUsd: 0 };
    this.emit("run", { ...this.runFields(run), status, startedAt: this.iso(run.startedAt) });
    return run;
  }

  endRun(
    run: RunHandle,
    status: string,
    extra: {
      output?: string;
      error?: string;
      reportTokens?: boolean;
      reportCost?: boolean;
      metadata?: Record<string, unknown>;
    } = {},
  ): void {
    this.emit("run", {
      ...this.runFields(run),
      status,
      startedAt: this.iso(run.startedAt),
      endedAt: this.iso(),
      output: extra.output,
      error: extra.error,
      reportedTokens: extra.reportTokens ? run.tokens : undefined,
      reportedCostUsd: extra.reportCost ? Math.round(run.costUsd * 1e6) / 1e6 : undefined,
      metadata: extra.metadata ?? run.metadata,
    });
  }

  private runFields(run: RunHandle): BodyOf<"run"> {
    return compact({
      runId: run.runId,
      sessionId: this.sessionId,
      agentType: run.agentType,
      agentId: run.agentId,
      parentRunId: run.parentRunId,
      status: "",
      model: run.model,
      step: run.step,
      stepName: run.stepName,
      input: run.input,
      metadata: run.metadata,
    });
  }

  /** One LLM request/response inside a run; advances the clock by its latency. */
  call(run: RunHandle, spec: CallSpec): Usage {
    const usage = sampleUsage(this.rng, spec.model, spec.size, { warm: run.calls > 0, thinking: spec.thinking });
    const startedAt = this.t;
    const failed = spec.error !== undefined;
    if (failed) {
      usage.outputTokens = 0;
      usage.reasoningTokens = 0;
      usage.totalTokens = usage.inputTokens;
      usage.costUsd = 0;
      usage.latencyMs = this.rng.int(400, 30_000);
    }
    this.t += usage.latencyMs;
    run.calls += 1;
    run.tokens += usage.totalTokens;
    run.costUsd += usage.costUsd;
    this.emit("llm_call", {
      callId: spec.callId ?? this.ids.uuid(),
      sessionId: this.sessionId,
      runId: run.runId,
      agentType: run.agentType,
      agentId: run.agentId,
      model: spec.model,
      provider: usage.provider,
      promptType: spec.promptType,
      promptName: spec.promptName,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      cacheReadTokens: usage.cacheReadTokens,
      cacheWriteTokens: usage.cacheWriteTokens,
      reasoningTokens: usage.reasoningTokens,
      totalTokens: usage.totalTokens,
      costUsd: spec.reportCost ? usage.costUsd : undefined,
      latencyMs: usage.latencyMs,
      status: failed ? "failed" : "completed",
      prompt: spec.prompt,
      response: failed ? undefined : spec.response,
      error: spec.error,
      startedAt: this.iso(startedAt),
      endedAt: this.iso(),
      metadata: spec.metadata,
    });
    return usage;
  }

  /**
   * The session's ingest events: drafts up to `cut` (inclusive), in time order, with ids
   * numbered in that order.
   */
  finish(cut: number = Number.POSITIVE_INFINITY): IngestEventInput[] {
    return this.drafts
      .filter((d) => d.at <= cut)
      .sort((a, b) => a.at - b.at || a.seq - b.seq)
      .map(
        (d, i) =>
          ({
            id: `demo-${this.sessionId}-${i + 1}`,
            type: d.type,
            timestamp: this.iso(d.at),
            body: d.body,
          }) as IngestEventInput,
      );
  }
}
