import "server-only";
// Read-only better-sqlite3 connections on worker threads. better-sqlite3 runs a query on the
// thread that calls it, so a read that takes half a second on the server's main thread holds
// every other request (health, ingest) for that long. In WAL mode readers on other connections
// run beside the writer and see every transaction committed before their statement starts,
// so a read sent here after a write returned sees that write. Writes and transactions stay
// on the main connection (sqlite-adapter.ts); read-routing.ts decides which reads come here.
import { Worker } from "node:worker_threads";
import {
  READ_WORKER_SOURCE,
  type ReadColumn,
  type ReadReply,
  type ReadRequest,
  type ReadWorkerData,
} from "./sqlite-read-worker";

export type ReadPoolOptions = {
  file: string;
  /** workers at most; they start on first use */
  size: number;
  /** the folder whose node_modules has better-sqlite3 */
  resolveFrom: string;
  busyTimeoutMs: number;
};

export type PooledRows = { columns: ReadColumn[] | undefined; rows: unknown[]; ms: number };

/** The pool cannot serve (its workers could not start, or it is closed): read on the main thread. */
export class ReadPoolUnavailableError extends Error {}

type Pending = {
  request: ReadRequest;
  resolve: (rows: PooledRows) => void;
  reject: (error: Error) => void;
  /** times a worker died with this read in hand */
  lost: number;
};

type Slot = { worker: Worker; pending: Map<number, Pending>; ready: boolean };

/** A read is sent again once if its worker dies under it: reads have no effects to repeat. */
const RETRIES_AFTER_CRASH = 1;
const STATEMENTS_PER_WORKER = 500;

/** The error better-sqlite3 would have thrown on this thread: the same code and message. */
function sqliteError(error: { code: string | undefined; message: string }): Error {
  return Object.assign(new Error(error.message), { name: "SqliteError", code: error.code });
}

export class SqliteReadPool {
  private readonly slots: (Slot | undefined)[];
  private nextId = 1;
  private closed = false;
  private failure?: ReadPoolUnavailableError;

  constructor(private readonly options: ReadPoolOptions) {
    this.slots = Array.from({ length: Math.max(0, options.size) }, () => undefined);
  }

  get available(): boolean {
    return !this.closed && !this.failure && this.slots.length > 0;
  }

  /** The workers running now (tests stop one to check that the pool recovers). */
  get workers(): Worker[] {
    return this.slots.flatMap((slot) => (slot ? [slot.worker] : []));
  }

  read(sql: string, args: unknown[], shape: ReadRequest["shape"]): Promise<PooledRows> {
    if (!this.available)
      return Promise.reject(this.failure ?? new ReadPoolUnavailableError("sqlite read pool: closed"));
    return new Promise((resolve, reject) =>
      this.dispatch({ request: { id: this.nextId++, sql, args, shape }, resolve, reject, lost: 0 }),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private dispatch(pending: Pending): void {
    const slot = this.leastBusy();
    slot.pending.set(pending.request.id, pending);
    // an idle worker does not keep the process alive; one with a read in hand does
    if (slot.pending.size === 1) slot.worker.ref();
    slot.worker.postMessage(pending.request);
  }

  /** An idle worker, else a new one while there is room, else the one with the fewest reads. */
  private leastBusy(): Slot {
    let best: Slot | undefined;
    for (const slot of this.slots) if (slot && (!best || slot.pending.size < best.pending.size)) best = slot;
    if (best && best.pending.size === 0) return best;
    const free = this.slots.indexOf(undefined);
    if (free >= 0) return (this.slots[free] = this.spawn(free));
    return best!;
  }

  private spawn(index: number): Slot {
    const workerData: ReadWorkerData = {
      file: this.options.file,
      resolveFrom: this.options.resolveFrom,
      busyTimeoutMs: this.options.busyTimeoutMs,
      statementLimit: STATEMENTS_PER_WORKER,
    };
    // execArgv []: not the parent's loaders (tsx), which the plain script does not need
    const worker = new Worker(READ_WORKER_SOURCE, { eval: true, workerData, execArgv: [] });
    worker.unref();
    const slot: Slot = { worker, pending: new Map(), ready: false };
    let crash: Error | undefined;
    worker.on("message", (message: ReadReply | { ready: true }) => {
      if ("ready" in message) {
        slot.ready = true;
        return;
      }
      const pending = slot.pending.get(message.id);
      if (!pending) return;
      slot.pending.delete(message.id);
      if (slot.pending.size === 0) worker.unref();
      if ("error" in message) pending.reject(sqliteError(message.error));
      else pending.resolve({ columns: message.columns, rows: message.rows, ms: message.ms });
    });
    worker.on("error", (error) => (crash = error));
    worker.on("exit", () => {
      if (this.slots[index] === slot) this.slots[index] = undefined;
      const orphans = [...slot.pending.values()];
      slot.pending.clear();
      if (this.closed) {
        for (const p of orphans) p.reject(new ReadPoolUnavailableError("sqlite read pool: closed"));
        return;
      }
      if (!slot.ready) {
        // it never opened the database (driver or file missing): the main thread reads, as before
        this.failure = new ReadPoolUnavailableError(
          `sqlite read pool: a worker could not start (${crash?.message ?? "it exited"}); reads stay on the main thread`,
        );
        console.warn(`[db] ${this.failure.message}`);
        for (const p of orphans) p.reject(this.failure);
        return;
      }
      for (const p of orphans) {
        if (p.lost++ < RETRIES_AFTER_CRASH) this.dispatch(p);
        else p.reject(new Error(`sqlite read pool: the worker stopped during the read (${crash?.message ?? "exit"})`));
      }
    });
    return slot;
  }
}
