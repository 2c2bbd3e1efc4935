import "server-only";
// Per-request state of an ingest transaction: resolves orchestrator ids to our rows,
// creating placeholders for sessions, runs, agents and tasks that events refer to before
// their own event arrived, and collects per-session activity to write once at the end.
import { randomUUID } from "node:crypto";
import { addSessionActivity, selectByKeys } from "@/lib/db/sql/writes";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import type { Price } from "@/lib/usage/cost";
import { loadPrices } from "@/lib/usage/prices";
import { RollupAccumulator, runContribution } from "@/lib/usage/rollup-math";
import { writeRollups } from "@/lib/usage/rollups";

export type Tx = Prisma.TransactionClient;

export function newId(): string {
  return randomUUID().replace(/-/g, "");
}

export function asJson(value: unknown): Prisma.InputJsonValue | undefined {
  return value === undefined || value === null ? undefined : (value as Prisma.InputJsonValue);
}

type SessionActivity = { first: Date; last: Date; tokens: number; cost: number; errors: number };

export class BatchContext {
  private readonly sessions = new Map<string, string>();
  private readonly sessionSources = new Map<string, string>();
  private readonly runs = new Map<string, string>();
  private readonly agents = new Map<string, string>();
  private readonly tasks = new Map<string, string>();
  private readonly activity = new Map<string, SessionActivity>();
  /** usage rollup deltas of this batch, written by `flush` in the same transaction */
  readonly rollups = new RollupAccumulator();

  constructor(
    readonly tx: Tx,
    readonly projectId: string,
    readonly defaultSource: string,
    /** runs `fn` once the transaction has committed (never after a rollback) */
    readonly afterCommit: (fn: () => void) => void = () => {},
  ) {}

  private priceList?: Promise<Price[]>;

  /** The model prices, read once per batch and only by a batch with LLM calls to cost. */
  prices(): Promise<Price[]> {
    return (this.priceList ??= loadPrices(this.tx));
  }

  /** Loads the rows the batch refers to in one query per kind. */
  async preload(refs: {
    sessions: Set<string>;
    runs: Set<string>;
    agents: Set<string>;
    tasks: Set<string>;
  }): Promise<void> {
    const read = async <C extends "id" | "externalId" | "source">(
      table: "Session" | "Run" | "Agent" | "Task",
      ids: Set<string>,
      columns: C[],
    ) =>
      ids.size
        ? ((await selectByKeys(this.tx, table, columns, this.projectId, "externalId", [...ids])) as Record<C, string>[])
        : [];
    for (const r of await read("Session", refs.sessions, ["id", "externalId", "source"]))
      this.rememberSession(r.externalId, r.id, r.source);
    for (const r of await read("Run", refs.runs, ["id", "externalId"])) this.runs.set(r.externalId, r.id);
    for (const r of await read("Agent", refs.agents, ["id", "externalId"])) this.agents.set(r.externalId, r.id);
    for (const r of await read("Task", refs.tasks, ["id", "externalId"])) this.tasks.set(r.externalId, r.id);
  }

  knownSession(externalId: string): string | undefined {
    return this.sessions.get(externalId);
  }

  /**
   * The row ids of a record's references when the batch already knows each of them, so the
   * record needs no placeholder and can be added without awaiting: what `sessionId`,
   * `runId` and `agentId` would answer then (a run without a session is none); undefined
   * when one of them would have to be created first.
   */
  knownReferences(refs: {
    sessionId?: string;
    runId?: string;
    agentId?: string;
  }): { sessionId?: string; runId?: string; agentId?: string } | undefined {
    const sessionId = refs.sessionId === undefined ? undefined : this.sessions.get(refs.sessionId);
    if (refs.sessionId !== undefined && sessionId === undefined) return undefined;
    const runId = refs.runId === undefined ? undefined : this.runs.get(refs.runId);
    if (refs.runId !== undefined && runId === undefined && sessionId !== undefined) return undefined;
    const agentId = refs.agentId === undefined ? undefined : this.agents.get(refs.agentId);
    if (refs.agentId !== undefined && agentId === undefined) return undefined;
    return { sessionId, runId, agentId };
  }

  rememberSession(externalId: string, id: string, source: string): void {
    this.sessions.set(externalId, id);
    this.sessionSources.set(id, source);
  }

  /** Records inherit their session's source system. */
  sourceOf(sessionId: string | undefined): string {
    return (sessionId && this.sessionSources.get(sessionId)) || this.defaultSource;
  }

  rememberRun(externalId: string, id: string): void {
    this.runs.set(externalId, id);
  }

  rememberAgent(externalId: string, id: string): void {
    this.agents.set(externalId, id);
  }

  rememberTask(externalId: string, id: string): void {
    this.tasks.set(externalId, id);
  }

  /** The session's row id, creating a placeholder when it has not been seen yet. */
  async sessionId(externalId: string, at: Date): Promise<string> {
    let id = this.sessions.get(externalId);
    if (!id) {
      id = newId();
      await this.tx.session.create({
        data: {
          id,
          projectId: this.projectId,
          externalId,
          source: this.defaultSource,
          placeholder: true,
          // the source has no row for it (yet): not running until one says so
          status: "unknown",
          startedAt: at,
          updatedAt: at,
        },
      });
      this.rememberSession(externalId, id, this.defaultSource);
    }
    this.touch(id, at);
    return id;
  }

  async agentId(externalId: string | undefined, type: string | undefined): Promise<string | undefined> {
    if (externalId === undefined) return undefined;
    let id = this.agents.get(externalId);
    if (!id) {
      id = newId();
      await this.tx.agent.create({
        data: {
          id,
          projectId: this.projectId,
          externalId,
          source: this.defaultSource,
          type,
          name: externalId,
          placeholder: true,
        },
      });
      this.agents.set(externalId, id);
    }
    return id;
  }

  /** A run referred to by another event. Without a session we cannot create one. */
  async runId(externalId: string | undefined, sessionId: string | undefined, at: Date): Promise<string | undefined> {
    if (externalId === undefined) return undefined;
    let id = this.runs.get(externalId);
    if (!id && sessionId) {
      id = newId();
      const source = this.sourceOf(sessionId);
      await this.tx.run.create({
        data: { id, projectId: this.projectId, sessionId, externalId, source, placeholder: true, startedAt: at },
      });
      this.rollups.add(
        runContribution({
          startedAt: at,
          createdAt: at,
          source,
          agentType: null,
          model: null,
          status: "running",
          durationMs: null,
        }),
      );
      this.runs.set(externalId, id);
    }
    return id;
  }

  async taskId(externalId: string | undefined, sessionId: string | undefined): Promise<string | undefined> {
    if (externalId === undefined) return undefined;
    let id = this.tasks.get(externalId);
    if (!id) {
      id = newId();
      await this.tx.task.create({
        data: {
          id,
          projectId: this.projectId,
          sessionId,
          externalId,
          source: this.sourceOf(sessionId),
          name: externalId,
          placeholder: true,
        },
      });
      this.tasks.set(externalId, id);
    }
    return id;
  }

  /** Records activity on a session; written once per session by `flush`. */
  touch(sessionId: string, at: Date, delta: { tokens?: number; cost?: number; errors?: number } = {}): void {
    const a = this.activity.get(sessionId) ?? { first: at, last: at, tokens: 0, cost: 0, errors: 0 };
    if (at < a.first) a.first = at;
    if (at > a.last) a.last = at;
    a.tokens += delta.tokens ?? 0;
    a.cost += delta.cost ?? 0;
    a.errors += delta.errors ?? 0;
    this.activity.set(sessionId, a);
  }

  /** Writes the collected activity: counters, last activity time and earliest time seen. */
  async flush(): Promise<void> {
    const rows = [...this.activity].map(([id, a]) => ({ id, ...a }));
    this.activity.clear();
    await addSessionActivity(this.tx, rows);
    await writeRollups(this.tx, this.projectId, this.rollups.entries());
    this.rollups.clear();
  }
}
