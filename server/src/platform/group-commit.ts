/**
 * Group commit: requests that arrive while a batch is being written wait, and go together in the
 * next one. Writing is then a round trip and a commit per batch rather than per request — on this
 * kind of machine the wake-ups of each round trip, not the rows, are most of a small write's cost.
 * A request that finds nothing running starts a batch as soon as the event loop has taken in what
 * arrived with it (setImmediate: after the I/O callbacks at hand), so an idle desk waits for nothing.
 * Not at once: with an in-process database (PGlite) a batch's work is promise callbacks only, never
 * waiting for I/O, so a batch started at once would run to its end before the next request was read,
 * and every batch would hold one request.
 */

/** One request in a batch: the batch settles it, with its own answer or its own error. */
export interface Job<T, R> {
  readonly item: T;
  /** Answers the request; given a promise, the request follows it (its work goes on outside the batch). */
  settle(result: R | Promise<R>): void;
  fail(error: unknown): void;
}

export interface GroupCommitOptions<T, R> {
  /** Writes a batch; settles each job (a job it leaves unsettled fails). */
  run(jobs: Job<T, R>[]): Promise<void>;
  /** At most this many requests a batch. */
  max: number;
  /** Batches written at the same time. */
  inFlight: number;
  /** What two requests written at once must not share (an account, an idempotency key): the later waits for the earlier's batch to end. */
  keys(item: T): string[];
}

export class GroupCommit<T, R> {
  #waiting: Job<T, R>[] = [];
  #running = 0;
  /** The keys of the requests in running batches. */
  #held = new Set<string>();
  /** A start is scheduled for the event loop's next check phase. */
  #scheduled = false;

  constructor(private readonly opts: GroupCommitOptions<T, R>) {}

  submit(item: T): Promise<R> {
    return this.submitAll([item])[0]!;
  }

  /** Requests that arrive together, as one would: they wait, or start a batch, together. */
  submitAll(items: T[]): Promise<R>[] {
    const answers = items.map((item) => new Promise<R>((resolve, reject) => void this.#waiting.push({ item, settle: resolve, fail: reject })));
    this.#schedule();
    return answers;
  }

  #schedule(): void {
    // Nothing waiting, nothing to start: the next request schedules its own start.
    if (this.#scheduled || this.#waiting.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#start();
    });
  }

  #start(): void {
    while (this.#running < this.opts.inFlight && this.#waiting.length) {
      const batch = this.#take();
      if (batch.length === 0) return; // all that waits shares keys with running batches
      const keys = batch.flatMap((job) => this.opts.keys(job.item));
      for (const k of keys) this.#held.add(k);
      this.#running++;
      void this.#run(batch).finally(() => {
        for (const k of keys) this.#held.delete(k);
        this.#running--;
        this.#schedule();
      });
    }
  }

  async #run(batch: Job<T, R>[]): Promise<void> {
    let settled = 0;
    const jobs = batch.map((job): Job<T, R> => {
      let done = false;
      const once = (f: () => void) => {
        if (done) return;
        done = true;
        settled++;
        f();
      };
      return { item: job.item, settle: (r) => once(() => job.settle(r)), fail: (e) => once(() => job.fail(e)) };
    });
    try {
      await this.opts.run(jobs);
      if (settled < jobs.length) throw new Error('group commit: a batch left a request unanswered');
    } catch (error) {
      for (const job of jobs) job.fail(error);
    }
  }

  /**
   * The next batch: waiting requests in arrival order. A request sharing a key with one a running
   * batch holds, one taken, or one left waiting stays waiting, so requests of a key go one at a
   * time, in the order they came.
   */
  #take(): Job<T, R>[] {
    const batch: Job<T, R>[] = [];
    const rest: Job<T, R>[] = [];
    const blocked = new Set(this.#held);
    for (const job of this.#waiting) {
      const keys = this.opts.keys(job.item);
      if (batch.length < this.opts.max && !keys.some((k) => blocked.has(k))) batch.push(job);
      else rest.push(job);
      for (const k of keys) blocked.add(k);
    }
    this.#waiting = rest;
    return batch;
  }
}
