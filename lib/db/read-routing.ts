// Which SQLite reads leave the server's main thread for the read pool (sqlite-read-pool.ts).
// A read runs on a worker when it may take long. Whether it does, we learn from its own runs:
// a statement stays on the main thread while its recent runs were cheap, because handing a
// query to a worker and its rows back costs more than a small read (an API key's lookup, a
// session by id). A statement seen for the first time goes to the pool: one slow first run
// there stalls nobody.

export type ReadLane = "main" | "pool";

/**
 * A statement a read connection of its own answers as the main connection would: a plain
 * SELECT or WITH. PRAGMAs (data_version) and the functions that report this connection's own
 * last write are bound to the connection that ran them.
 */
export function isPoolableRead(sql: string): boolean {
  return /^\s*(?:SELECT|WITH)\b/i.test(sql) && !/\b(?:last_insert_rowid|changes|total_changes)\s*\(/i.test(sql);
}

export type ReadRouterOptions = {
  /** a run this long or longer counts as slow, in ms */
  slowMs: number;
  /** how many recent runs of a statement decide its lane */
  window: number;
  /** how many of those may be slow for the statement to stay on the main thread */
  slowAllowed: number;
  /** statements remembered at most (the least recently used are forgotten) */
  limit: number;
};

export const READ_ROUTER_DEFAULTS: ReadRouterOptions = { slowMs: 1, window: 5, slowAllowed: 1, limit: 2_000 };

/** The lane of each statement text, from the durations of its recent runs on either lane. */
export class ReadRouter {
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly options: ReadRouterOptions = READ_ROUTER_DEFAULTS) {}

  lane(sql: string): ReadLane {
    const runs = this.recent.get(sql);
    if (!runs || runs.length < this.options.window) return "pool";
    let slow = 0;
    for (const ms of runs) if (ms >= this.options.slowMs) slow++;
    return slow <= this.options.slowAllowed ? "main" : "pool";
  }

  /** How long one run of `sql` took (on a worker: its own execution, not its wait in the queue). */
  record(sql: string, ms: number): void {
    let runs = this.recent.get(sql);
    if (runs) this.recent.delete(sql);
    else {
      runs = [];
      if (this.recent.size >= this.options.limit) this.recent.delete(this.recent.keys().next().value!);
    }
    runs.push(ms);
    if (runs.length > this.options.window) runs.shift();
    this.recent.set(sql, runs);
  }
}
