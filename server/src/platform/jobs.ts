import { hostname } from 'node:os';
import { sql } from 'kysely';
import type { Db } from '../db/pool.js';
import type { JobRow } from '../db/schema.js';
import type { Deps } from './deps.js';

export interface Job {
  id: number;
  kind: string;
  payload: unknown;
  attempts: number;
}

/** Does one job's work; throwing schedules a retry (with backoff) until max attempts. */
export type JobHandler = (deps: Deps, job: Job) => Promise<void>;

export interface NewJob {
  kind: string;
  payload?: unknown;
  runAt?: Date;
  /** At most one job ever exists per key: recurring work and "exactly once" side effects use it. */
  dedupeKey?: string;
  maxAttempts?: number;
}

/**
 * Queues work. Pass the transaction of the change that causes the work: the job (our
 * outbox row) then exists if and only if the change committed.
 */
export async function enqueueJob(db: Db, now: Date, job: NewJob): Promise<void> {
  await enqueueJobs(db, now, [job]);
}

/** Queues many jobs in one statement (a sweep's breach mails): same rules as enqueueJob. */
export async function enqueueJobs(db: Db, now: Date, jobs: NewJob[]): Promise<void> {
  for (let i = 0; i < jobs.length; i += JOBS_PER_STATEMENT) await insertJobs(db, now, jobs.slice(i, i + JOBS_PER_STATEMENT));
}

// Far below the protocol's 65,535 bind parameters.
const JOBS_PER_STATEMENT = 1000;

async function insertJobs(db: Db, now: Date, jobs: NewJob[]): Promise<void> {
  await db
    .insertInto('jobs')
    .values(
      jobs.map((job) => ({
        kind: job.kind,
        payload: JSON.stringify(job.payload ?? {}),
        run_at: job.runAt ?? now,
        max_attempts: job.maxAttempts ?? 5,
        dedupe_key: job.dedupeKey ?? null,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/**
 * Claims up to `limit` due jobs for one worker. SKIP LOCKED lets workers claim side by side
 * without waiting on or double-taking each other's rows; the lease lets another worker take
 * over the job of a worker that died.
 */
export async function claimJobs(
  db: Db,
  opts: { workerId: string; now: Date; leaseMs: number; limit: number; kinds: string[] },
): Promise<JobRow[]> {
  if (opts.kinds.length === 0) return [];
  // A job whose worker died on its last allowed attempt is given up, not retried forever.
  await sql`
    UPDATE jobs SET status = 'dead', finished_at = ${opts.now}, locked_by = NULL, locked_until = NULL,
           last_error = coalesce(last_error, 'lease expired on the last attempt (the worker stopped)')
     WHERE status = 'running' AND locked_until < ${opts.now} AND attempts >= max_attempts
       AND kind = ANY(${opts.kinds})`.execute(db);
  const result = await sql<JobRow>`
    WITH claimed AS (
      UPDATE jobs SET status = 'running', locked_by = ${opts.workerId},
             locked_until = ${new Date(opts.now.getTime() + opts.leaseMs)}, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM jobs
          WHERE kind = ANY(${opts.kinds})
            AND ((status = 'queued' AND run_at <= ${opts.now}) OR (status = 'running' AND locked_until < ${opts.now}))
          ORDER BY run_at, id
          LIMIT ${opts.limit}
          FOR UPDATE SKIP LOCKED)
      RETURNING *)
    -- UPDATE … RETURNING keeps no order; run the batch oldest first.
    SELECT * FROM claimed ORDER BY run_at, id`.execute(db);
  return result.rows;
}

/** Retry delay after the n-th failed attempt: 10 s, 20 s, 40 s … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

async function finish(db: Db, job: JobRow, workerId: string, now: Date, error?: Error): Promise<void> {
  // Guarded by locked_by: if our lease ran out and another worker took the job, its outcome wins.
  const mine = db.updateTable('jobs').where('id', '=', job.id).where('locked_by', '=', workerId);
  if (!error) {
    await mine.set({ status: 'done', finished_at: now, locked_by: null, locked_until: null, last_error: null }).execute();
  } else if (job.attempts >= job.max_attempts) {
    await mine.set({ status: 'dead', finished_at: now, locked_by: null, locked_until: null, last_error: error.message }).execute();
  } else {
    await mine
      .set({
        status: 'queued',
        run_at: new Date(now.getTime() + retryDelayMs(job.attempts)),
        locked_by: null,
        locked_until: null,
        last_error: error.message,
      })
      .execute();
  }
}

export interface RunnerOptions {
  workerId?: string;
  pollMs?: number;
  leaseMs?: number;
  batchSize?: number;
  /** How often the worker's SLA sweep runs (tests shorten it). */
  slaSweepMs?: number;
  log?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/** Claims and runs jobs until stopped; any number of runners may share one database. */
export class JobRunner {
  readonly workerId: string;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> = Promise.resolve();
  #stopped = true;
  readonly #pollMs: number;
  readonly #leaseMs: number;
  readonly #batchSize: number;

  constructor(
    private readonly deps: Deps,
    private readonly handlers: Record<string, JobHandler>,
    private readonly opts: RunnerOptions = {},
  ) {
    this.workerId = opts.workerId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
    this.#pollMs = opts.pollMs ?? 1000;
    this.#leaseMs = opts.leaseMs ?? 5 * 60_000;
    this.#batchSize = opts.batchSize ?? 10;
  }

  /** Runs one claim-and-work round; returns how many jobs it handled. */
  async runOnce(): Promise<number> {
    const now = this.deps.clock.now();
    const jobs = await claimJobs(this.deps.db, {
      workerId: this.workerId,
      now,
      leaseMs: this.#leaseMs,
      limit: this.#batchSize,
      kinds: Object.keys(this.handlers),
    });
    for (const job of jobs) {
      let failure: Error | undefined;
      try {
        await this.handlers[job.kind]!(this.deps, { id: job.id, kind: job.kind, payload: job.payload, attempts: job.attempts });
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
        this.opts.log?.error({ err: failure, jobId: job.id, kind: job.kind }, 'job failed');
      }
      await finish(this.deps.db, job, this.workerId, this.deps.clock.now(), failure);
    }
    return jobs.length;
  }

  start(): void {
    this.#stopped = false;
    const tick = async () => {
      if (this.#stopped) return;
      let handled = 0;
      try {
        this.#running = this.runOnce();
        handled = (await this.#running) as number;
      } catch (error) {
        this.opts.log?.error({ err: error }, 'job runner round failed');
      }
      // A full batch suggests more is waiting: go again at once instead of sleeping.
      if (!this.#stopped) this.#timer = setTimeout(tick, handled >= this.#batchSize ? 0 : this.#pollMs);
    };
    this.#timer = setTimeout(tick, 0);
  }

  /** Stops claiming and waits for the job in hand to finish (graceful shutdown). */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running.catch(() => undefined);
  }
}
