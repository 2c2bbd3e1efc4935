// A coalescing write queue: jobs submitted while a write is running wait, and the next write
// takes all of them (up to a size cap) in one go. Under load this turns many small requests
// into one transaction, which is where ingest spends its time (a commit, the per-batch
// lookups and the session counter updates are paid once per write, not once per request).
// The queue is bounded: a submitter that asks to be shed gets QueueFullError instead of
// waiting behind more than `maxQueued` units, so memory cannot grow without limit.

export class QueueFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("the ingest queue is full");
  }
}

export type QueueLimits = {
  /** units (events) waiting, beyond which shedding submitters are refused */
  maxQueued: number;
  /** units one write takes at most (a single larger job is still written alone) */
  maxPerWrite: number;
  /** writes running at once */
  writers: number;
};

type Waiting<J, R> = { job: J; size: number; resolve: (r: R) => void; reject: (e: unknown) => void };

export class CoalescingQueue<J, R> {
  private readonly waiting: Waiting<J, R>[] = [];
  private queued = 0;
  private active = 0;

  constructor(
    /** writes the jobs together; answers one result per job, in order */
    private readonly write: (jobs: J[]) => Promise<R[]>,
    private readonly limits: QueueLimits,
  ) {}

  /** Units waiting for a writer. */
  get depth(): number {
    return this.queued;
  }

  submit(job: J, size: number, options: { shed?: boolean } = {}): Promise<R> {
    if (options.shed && this.queued > 0 && this.queued + size > this.limits.maxQueued) {
      return Promise.reject(new QueueFullError(1));
    }
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ job, size, resolve, reject });
      this.queued += size;
      this.pump();
    });
  }

  private pump(): void {
    while (this.active < this.limits.writers && this.waiting.length > 0) {
      const taken: Waiting<J, R>[] = [];
      let units = 0;
      while (
        this.waiting.length > 0 &&
        (taken.length === 0 || units + this.waiting[0]!.size <= this.limits.maxPerWrite)
      ) {
        const next = this.waiting.shift()!;
        taken.push(next);
        units += next.size;
      }
      this.queued -= units;
      this.active++;
      void this.run(taken);
    }
  }

  private async run(taken: Waiting<J, R>[]): Promise<void> {
    try {
      const results = await this.write(taken.map((t) => t.job));
      taken.forEach((t, i) => t.resolve(results[i]!));
    } catch (error) {
      for (const t of taken) t.reject(error);
    } finally {
      this.active--;
      this.pump();
    }
  }
}
