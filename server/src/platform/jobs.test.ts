import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testConfig, testDatabase } from '../../test/harness.js';
import { type DbHandle, openDatabase } from '../db/pool.js';
import { createUser } from '../domains/identity/users.js';
import { cliActor } from './actor.js';
import { ManualClock } from './clock.js';
import type { Deps } from './deps.js';
import { type JobHandler, JobRunner, claimJobs, enqueueJob, retryDelayMs } from './jobs.js';
import { sql } from 'kysely';
import { platformJobHandlers, purgeExpired, refreshStatistics, scheduleMaintenance, statisticsAreOurs, statisticsFollowGrowth, vacuumWhereDue } from './maintenance.js';

const SECOND = 1000;
const DAY = 86_400_000;

let database: DbHandle;
let clock: ManualClock;
let deps: Deps;

beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.db.deleteFrom('jobs').execute();
  clock = new ManualClock('2026-11-23T01:00:00Z');
  deps = { db: database.db, clock, config: testConfig() };
});

const jobRows = () => database.db.selectFrom('jobs').selectAll().orderBy('id').execute();
const onlyJob = async () => {
  const rows = await jobRows();
  expect(rows).toHaveLength(1);
  return rows[0]!;
};

/** A promise the test settles by hand: holds a handler "in flight" while the test moves on. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('enqueue and run', () => {
  it('runs a due job once with its payload and marks it done', async () => {
    const seen: unknown[] = [];
    const runner = new JobRunner(deps, { 'test.echo': async (_deps, job) => void seen.push([job.payload, job.attempts]) });
    await enqueueJob(deps.db, clock.now(), { kind: 'test.echo', payload: { case: 42, note: 'hi' } });

    expect(await runner.runOnce()).toBe(1);
    expect(seen).toEqual([[{ case: 42, note: 'hi' }, 1]]);
    const job = await onlyJob();
    expect(job).toMatchObject({ status: 'done', attempts: 1, locked_by: null, locked_until: null, last_error: null });
    expect(job.finished_at).toEqual(clock.now());

    expect(await runner.runOnce(), 'a done job is not run again').toBe(0);
    expect(seen).toHaveLength(1);
  });

  it('does not run a job before its run_at, and runs it from then on', async () => {
    const runner = new JobRunner(deps, { 'test.later': async () => {} });
    await enqueueJob(deps.db, clock.now(), { kind: 'test.later', runAt: new Date(clock.now().getTime() + 60 * SECOND) });
    clock.advance(60 * SECOND - 1);
    expect(await runner.runOnce()).toBe(0);
    clock.advance(1);
    expect(await runner.runOnce()).toBe(1);
  });

  it('claims only the kinds the runner has handlers for', async () => {
    await enqueueJob(deps.db, clock.now(), { kind: 'test.theirs' });
    const runner = new JobRunner(deps, { 'test.mine': async () => {} });
    expect(await runner.runOnce()).toBe(0);
    expect((await onlyJob()).status).toBe('queued');
    expect(await new JobRunner(deps, {}).runOnce(), 'a runner without handlers claims nothing').toBe(0);
  });

  it('claims the oldest due jobs first, at most batchSize per round', async () => {
    const order: number[] = [];
    const runner = new JobRunner(deps, { 'test.n': async (_d, job) => void order.push((job.payload as { n: number }).n) }, { batchSize: 2 });
    const base = clock.now().getTime();
    for (const n of [3, 1, 2]) await enqueueJob(deps.db, clock.now(), { kind: 'test.n', payload: { n }, runAt: new Date(base - n * SECOND) });
    expect(await runner.runOnce()).toBe(2);
    // The batch is the two oldest; the order within one batch is not promised.
    expect([...order].sort()).toEqual([2, 3]);
    expect(await runner.runOnce()).toBe(1);
    expect(order[2]).toBe(1);
  });

  it('keeps one job per dedupe key, however often it is enqueued', async () => {
    for (let i = 0; i < 3; i++) {
      await enqueueJob(deps.db, clock.now(), { kind: 'test.once', payload: { i }, dedupeKey: 'case-7:notify' });
    }
    await enqueueJob(deps.db, clock.now(), { kind: 'test.once', payload: { other: true }, dedupeKey: 'case-8:notify' });
    const rows = await jobRows();
    expect(rows.map((r) => [r.dedupe_key, r.payload])).toEqual([
      ['case-7:notify', { i: 0 }],
      ['case-8:notify', { other: true }],
    ]);
    // Even after it ran: the key still stands, so the side effect cannot happen twice.
    await new JobRunner(deps, { 'test.once': async () => {} }).runOnce();
    await enqueueJob(deps.db, clock.now(), { kind: 'test.once', dedupeKey: 'case-7:notify' });
    expect(await jobRows()).toHaveLength(2);
  });
});

describe('failures', () => {
  it('retries a failed job after the backoff delay: not claimable before run_at, claimable at it', async () => {
    let calls = 0;
    const runner = new JobRunner(deps, {
      'test.flaky': async () => {
        calls++;
        if (calls === 1) throw new Error('smtp timed out');
      },
    });
    await enqueueJob(deps.db, clock.now(), { kind: 'test.flaky' });
    const failedAt = clock.now().getTime();
    expect(await runner.runOnce()).toBe(1);

    const retry = await onlyJob();
    expect(retry).toMatchObject({ status: 'queued', attempts: 1, last_error: 'smtp timed out', locked_by: null, locked_until: null });
    expect(retry.run_at.getTime()).toBe(failedAt + retryDelayMs(1));
    expect(retryDelayMs(1)).toBe(10 * SECOND);

    clock.advance(retryDelayMs(1) - 1);
    expect(await runner.runOnce(), 'claimed before its retry time').toBe(0);
    clock.advance(1);
    expect(await runner.runOnce()).toBe(1);
    expect(calls).toBe(2);
    expect(await onlyJob()).toMatchObject({ status: 'done', attempts: 2, last_error: null });
  });

  it('backs off longer after each failure, then gives up as dead with the last error', async () => {
    let calls = 0;
    const runner = new JobRunner(deps, {
      'test.broken': async () => {
        calls++;
        throw new Error(`failure ${calls}`);
      },
    });
    await enqueueJob(deps.db, clock.now(), { kind: 'test.broken', maxAttempts: 3 });

    for (let attempt = 1; attempt <= 2; attempt++) {
      const before = clock.now().getTime();
      expect(await runner.runOnce()).toBe(1);
      const row = await onlyJob();
      expect(row).toMatchObject({ status: 'queued', attempts: attempt, last_error: `failure ${attempt}` });
      expect(row.run_at.getTime() - before).toBe(retryDelayMs(attempt));
      clock.set(row.run_at);
    }
    expect(await runner.runOnce()).toBe(1);
    const dead = await onlyJob();
    expect(dead).toMatchObject({ status: 'dead', attempts: 3, last_error: 'failure 3', locked_by: null, locked_until: null });
    expect(dead.finished_at).toEqual(clock.now());

    clock.advance(DAY);
    expect(await runner.runOnce(), 'a dead job is never claimed again').toBe(0);
    expect(calls).toBe(3);
  });

  it('records a thrown non-Error as the last error too', async () => {
    const runner = new JobRunner(deps, { 'test.odd': () => Promise.reject('plain string') });
    await enqueueJob(deps.db, clock.now(), { kind: 'test.odd', maxAttempts: 1 });
    await runner.runOnce();
    expect(await onlyJob()).toMatchObject({ status: 'dead', last_error: 'plain string' });
  });

  it('one failing job does not stop the rest of the batch', async () => {
    const done: number[] = [];
    const runner = new JobRunner(deps, {
      'test.mixed': async (_d, job) => {
        const n = (job.payload as { n: number }).n;
        if (n === 2) throw new Error('bad n');
        done.push(n);
      },
    });
    for (const n of [1, 2, 3]) await enqueueJob(deps.db, clock.now(), { kind: 'test.mixed', payload: { n } });
    expect(await runner.runOnce()).toBe(3);
    expect(done).toEqual([1, 3]);
    expect((await jobRows()).map((r) => r.status)).toEqual(['done', 'queued', 'done']);
  });
});

describe('leases', () => {
  it('lets another runner take over a job whose lease ran out; the first runner finishing late changes nothing', async () => {
    const first = deferred();
    const runs: string[] = [];
    const slow = new JobRunner(
      deps,
      {
        'test.lease': async () => {
          runs.push('slow');
          await first.promise;
        },
      },
      { workerId: 'worker-slow', leaseMs: 30 * SECOND },
    );
    const quick = new JobRunner(
      deps,
      { 'test.lease': async () => void runs.push('quick') },
      { workerId: 'worker-quick', leaseMs: 30 * SECOND },
    );
    await enqueueJob(deps.db, clock.now(), { kind: 'test.lease' });

    const slowRound = slow.runOnce();
    await expect.poll(() => runs).toEqual(['slow']);
    expect(await onlyJob()).toMatchObject({ status: 'running', locked_by: 'worker-slow', attempts: 1 });

    clock.advance(30 * SECOND);
    expect(await quick.runOnce(), 'taken over while the lease still holds').toBe(0);
    clock.advance(1);
    expect(await quick.runOnce()).toBe(1);
    expect(await onlyJob()).toMatchObject({ status: 'done', attempts: 2, locked_by: null, last_error: null });

    // The "dead" worker wakes up and reports a failure: the other worker's outcome stands.
    first.reject(new Error('too late'));
    expect(await slowRound).toBe(1);
    expect(await onlyJob()).toMatchObject({ status: 'done', attempts: 2, locked_by: null, last_error: null });
    expect(runs).toEqual(['slow', 'quick']);
  });

  it('a late success does not mark done a job another runner has taken over and is still running', async () => {
    const first = deferred();
    const second = deferred();
    const a = new JobRunner(deps, { 'test.lease2': () => first.promise }, { workerId: 'worker-a', leaseMs: 10 * SECOND });
    const b = new JobRunner(deps, { 'test.lease2': () => second.promise }, { workerId: 'worker-b', leaseMs: 10 * SECOND });
    await enqueueJob(deps.db, clock.now(), { kind: 'test.lease2' });

    const roundA = a.runOnce();
    await expect.poll(async () => (await onlyJob()).locked_by).toBe('worker-a');
    clock.advance(10 * SECOND + 1);
    const roundB = b.runOnce();
    await expect.poll(async () => (await onlyJob()).locked_by).toBe('worker-b');

    first.resolve();
    await roundA;
    expect(await onlyJob(), "worker-a's late success").toMatchObject({ status: 'running', locked_by: 'worker-b', attempts: 2 });

    second.reject(new Error('b failed'));
    await roundB;
    expect(await onlyJob()).toMatchObject({ status: 'queued', attempts: 2, last_error: 'b failed', locked_by: null });
  });

  it('claimJobs does not hand a job with a live lease to anyone else', async () => {
    await enqueueJob(deps.db, clock.now(), { kind: 'test.claim' });
    const opts = { now: clock.now(), leaseMs: 60 * SECOND, limit: 10, kinds: ['test.claim'] };
    const claimed = await claimJobs(deps.db, { ...opts, workerId: 'w1' });
    expect(claimed.map((j) => [j.locked_by, j.attempts, j.locked_until?.getTime()])).toEqual([
      ['w1', 1, clock.now().getTime() + 60 * SECOND],
    ]);
    expect(await claimJobs(deps.db, { ...opts, workerId: 'w2' })).toEqual([]);
    expect(await claimJobs(deps.db, { ...opts, workerId: 'w2', now: new Date(clock.now().getTime() + 59 * SECOND) })).toEqual([]);
  });
});

describe('outbox', () => {
  it('a job enqueued in a transaction that rolls back never exists; one that commits does', async () => {
    await expect(
      deps.db.transaction().execute(async (trx) => {
        await enqueueJob(trx, clock.now(), { kind: 'test.outbox', payload: { n: 1 } });
        await trx.insertInto('teams').values({ name: 'Rolled back', kind: 'service', created_at: clock.now(), updated_at: clock.now() }).execute();
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await jobRows()).toEqual([]);
    expect(await deps.db.selectFrom('teams').where('name', '=', 'Rolled back').selectAll().execute()).toEqual([]);

    await deps.db.transaction().execute((trx) => enqueueJob(trx, clock.now(), { kind: 'test.outbox', payload: { n: 2 } }));
    const handled: unknown[] = [];
    await new JobRunner(deps, { 'test.outbox': async (_d, job) => void handled.push(job.payload) }).runOnce();
    expect(handled).toEqual([{ n: 2 }]);
  });
});

describe('several runners on one database', () => {
  it('handle every one of N jobs exactly once', async () => {
    const N = 60;
    const extra: DbHandle[] = [];
    const connectionString = database.backend === 'postgres' ? database.pool.options.connectionString : undefined;
    // On PostgreSQL each runner gets its own pool (as separate worker processes would), so
    // claims really race; PGlite has one connection, which the runners share.
    const handles: DbHandle[] = [];
    for (let i = 0; i < 4; i++) {
      if (connectionString) {
        const handle = await openDatabase({ databaseUrl: connectionString, dataDir: '', poolSize: 2 });
        extra.push(handle);
        handles.push(handle);
      } else {
        handles.push(database);
      }
    }
    try {
      for (let n = 0; n < N; n++) await enqueueJob(deps.db, clock.now(), { kind: 'test.race', payload: { n } });
      const handledBy = new Map<number, string[]>();
      const handler: JobHandler = async (_d, job) => {
        const n = (job.payload as { n: number }).n;
        await new Promise((resolve) => setTimeout(resolve, n % 3));
        handledBy.set(n, [...(handledBy.get(n) ?? []), String(job.id)]);
      };
      const runners = handles.map(
        (handle, i) => new JobRunner({ ...deps, db: handle.db }, { 'test.race': handler }, { workerId: `racer-${i}`, batchSize: 3 }),
      );
      const perRunner = await Promise.all(
        runners.map(async (runner) => {
          let total = 0;
          for (let handled = -1; handled !== 0; ) {
            handled = await runner.runOnce();
            total += handled;
          }
          return total;
        }),
      );

      expect(perRunner.reduce((a, b) => a + b, 0)).toBe(N);
      expect([...handledBy.keys()].sort((a, b) => a - b)).toEqual([...Array(N).keys()]);
      expect([...handledBy.values()].filter((ids) => ids.length !== 1), 'jobs handled more than once').toEqual([]);
      const rows = await jobRows();
      expect(rows.filter((r) => r.status !== 'done' || r.attempts !== 1)).toEqual([]);
      if (connectionString) expect(perRunner.filter((count) => count > 0).length, 'runners that got work').toBeGreaterThan(1);
    } finally {
      await Promise.all(extra.map((h) => h.close()));
    }
  });

  it('start() keeps claiming until stop(), and stop() waits for the job in hand', async () => {
    const inFlight = deferred();
    let finished = 0;
    const runner = new JobRunner(
      deps,
      {
        'test.loop': async (_d, job) => {
          if ((job.payload as { n: number }).n === 3) await inFlight.promise;
          finished++;
        },
      },
      { pollMs: 5, batchSize: 1 },
    );
    for (let n = 1; n <= 3; n++) await enqueueJob(deps.db, clock.now(), { kind: 'test.loop', payload: { n } });
    runner.start();
    await expect.poll(() => finished).toBe(2);
    await expect.poll(async () => (await jobRows()).map((r) => r.status)).toEqual(['done', 'done', 'running']);

    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped, 'stop() returned with a job still in hand').toBe(false);
    inFlight.resolve();
    await stopping;
    expect((await jobRows()).map((r) => r.status)).toEqual(['done', 'done', 'done']);

    await enqueueJob(deps.db, clock.now(), { kind: 'test.loop', payload: { n: 4 } });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((await jobRows())[3]!.status, 'claimed after stop()').toBe('queued');
  });
});

describe('retryDelayMs', () => {
  it.each([
    [0, 10_000],
    [1, 10_000],
    [2, 20_000],
    [3, 40_000],
    [4, 80_000],
    [9, 2_560_000],
    [10, 3_600_000],
    [11, 3_600_000],
    [1000, 3_600_000],
    [Number.MAX_SAFE_INTEGER, 3_600_000],
  ])('after attempt %i waits %i ms', (attempts, delay) => {
    expect(retryDelayMs(attempts)).toBe(delay);
  });

  it('is between 10 s and one hour, never shrinks, and doubles until the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (n) => {
        const here = retryDelayMs(n);
        const next = retryDelayMs(n + 1);
        expect(here).toBeGreaterThanOrEqual(10_000);
        expect(here).toBeLessThanOrEqual(3_600_000);
        expect(Number.isInteger(here)).toBe(true);
        expect(next).toBe(Math.min(2 * here, 3_600_000));
      }),
    );
  });
});

describe('maintenance', () => {
  it('purgeExpired deletes expired sessions, day-old sign-in attempts and week-old done jobs, and keeps the rest', async () => {
    const now = clock.now().getTime();
    const at = (offsetMs: number) => new Date(now + offsetMs);
    const user = await createUser(deps, cliActor, {
      email: `purge-${now}@example.test`,
      displayName: 'Purge',
      role: 'specialist',
    });
    const session = (id: string, expiresIn: number) => ({
      id_hash: id,
      user_id: user.id,
      csrf_token: 'x',
      created_at: at(-DAY),
      last_seen_at: at(-DAY),
      expires_at: at(expiresIn),
    });
    await deps.db
      .insertInto('sessions')
      .values([session('expired', -1), session('expires-now', 0), session('live', 3_600_000)])
      .execute();
    const attempt = (email: string, ago: number) => ({ email, ip: '10.0.0.1', succeeded: false, at: at(-ago) });
    await deps.db
      .insertInto('login_attempts')
      .values([attempt('old@x', DAY + 1), attempt('edge@x', DAY), attempt('recent@x', 60_000)])
      .execute();
    const job = (kind: string, status: 'queued' | 'running' | 'done' | 'dead', finishedAgo: number | null) => ({
      kind,
      status,
      run_at: at(-8 * DAY),
      created_at: at(-8 * DAY),
      finished_at: finishedAgo === null ? null : at(-finishedAgo),
    });
    await deps.db
      .insertInto('jobs')
      .values([
        job('old-done', 'done', 7 * DAY + 1),
        job('week-done', 'done', 7 * DAY),
        job('recent-done', 'done', DAY),
        job('old-dead', 'dead', 30 * DAY),
        job('old-queued', 'queued', null),
      ])
      .execute();

    await purgeExpired(deps, { id: 0, kind: 'maintenance.purge', payload: {}, attempts: 1 });

    const sessions = await deps.db.selectFrom('sessions').select('id_hash').where('user_id', '=', user.id).orderBy('id_hash').execute();
    expect(sessions.map((s) => s.id_hash)).toEqual(['expires-now', 'live']);
    const attempts = await deps.db.selectFrom('login_attempts').select('email').where('email', 'like', '%@x').orderBy('email').execute();
    expect(attempts.map((a) => a.email)).toEqual(['edge@x', 'recent@x']);
    expect((await jobRows()).map((j) => j.kind)).toEqual(['week-done', 'recent-done', 'old-dead', 'old-queued']);
  });

  it('scheduleMaintenance makes one purge and one statistics job per hour however often it is called, and the runner runs them', async () => {
    await scheduleMaintenance(deps);
    clock.advance(59 * 60_000);
    await scheduleMaintenance(deps);
    const hour = (h: string) => [`maintenance.purge:${h}`, `maintenance.statistics:${h}`, `maintenance.vacuum:${h}`];
    expect((await jobRows()).map((j) => j.dedupe_key)).toEqual(hour('2026-11-23T01'));
    clock.advance(60_000);
    await scheduleMaintenance(deps);
    await scheduleMaintenance(deps);
    expect((await jobRows()).map((j) => j.dedupe_key)).toEqual([...hour('2026-11-23T01'), ...hour('2026-11-23T02')]);

    expect(await new JobRunner(deps, platformJobHandlers).runOnce()).toBe(6);
    expect((await jobRows()).map((j) => j.status)).toEqual(Array(6).fill('done'));
  });

  it('refreshStatistics gives the planner fresh statistics where no autovacuum does', async () => {
    const analyzed = async () =>
      (await sql<{ n: number }>`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'login_attempts'::regclass`.execute(database.db)).rows[0]!.n;
    await database.db.deleteFrom('login_attempts').execute();
    await sql`ANALYZE login_attempts`.execute(database.db);
    const before = await analyzed();
    await sql`INSERT INTO login_attempts (email, ip, at, succeeded) SELECT 'stats-' || i || '@example.test', '127.0.0.1', now(), false FROM generate_series(1, 2000) i`.execute(database.db);
    // The embedded database never has an autovacuum; a server has one unless it is turned off.
    const ours = await statisticsAreOurs(database.db);
    if (!process.env.DATABASE_URL) expect(ours).toBe(true);
    await refreshStatistics(deps, { id: 0, kind: 'maintenance.statistics', payload: {}, attempts: 1 });
    expect(before).toBeLessThan(1);
    if (ours) expect(await analyzed()).toBe(2000);
    await database.db.deleteFrom('login_attempts').execute();
  });

  it('vacuumWhereDue vacuums the tables past autovacuum\'s thresholds where none runs, and leaves the rest', async () => {
    // The test server runs without autovacuum, as the embedded database does.
    if (!(await statisticsAreOurs(database.db))) return;
    const stats = async (table: string) =>
      (await sql<{ dead: number; inserted: number; vacuumed: Date | null }>`
        SELECT n_dead_tup::int AS dead, n_ins_since_vacuum::int AS inserted, last_vacuum AS vacuumed
          FROM pg_stat_user_tables WHERE relname = ${table}`.execute(database.db)).rows[0]!;
    // Tables of this test's own, written on one connection: other connections' statistics reach
    // shared memory when they go idle, up to seconds later, and must not blur the counts.
    await database.db.connection().execute(async (db) => {
      // A connection's statistics reach shared memory when it goes idle, at most once a second: now.
      const flushStatistics = async () => {
        await sql`SELECT pg_stat_force_next_flush()`.execute(db);
        await sql`SELECT 1`.execute(db);
      };
      for (const table of ['vacuum_busy', 'vacuum_quiet']) {
        await sql`CREATE TABLE ${sql.table(table)} (id int PRIMARY KEY, v int NOT NULL)`.execute(db);
        await sql`INSERT INTO ${sql.table(table)} SELECT i, 0 FROM generate_series(1, 3000) i`.execute(db);
        await flushStatistics();
        await sql`VACUUM ANALYZE ${sql.table(table)}`.execute(db);
      }
      // 1,200 dead of 3,000: past 50 + 20 %. The quiet one: 100 rewritten, below it.
      await sql`UPDATE vacuum_busy SET v = 1 WHERE id % 5 < 2`.execute(db);
      await sql`UPDATE vacuum_quiet SET v = 1 WHERE id <= 100`.execute(db);
      await flushStatistics();
    });
    expect(await stats('vacuum_busy')).toMatchObject({ dead: 1200, vacuumed: expect.any(Date) });
    const before = (await stats('vacuum_busy')).vacuumed!;
    expect((await stats('vacuum_quiet')).dead).toBe(100);

    const vacuumed = await vacuumWhereDue(database.db);
    expect(vacuumed).toContain('vacuum_busy');
    expect(vacuumed).not.toContain('vacuum_quiet');
    expect((await stats('vacuum_busy')).dead).toBe(0);
    expect((await stats('vacuum_busy')).vacuumed!.getTime()).toBeGreaterThan(before.getTime());
    expect((await stats('vacuum_quiet')).dead).toBe(100);
    expect(await vacuumWhereDue(database.db)).not.toContain('vacuum_busy');
    await sql`DROP TABLE vacuum_busy, vacuum_quiet`.execute(database.db);
  });

  it('statisticsFollowGrowth analyzes a bulk write once it is under way, then as it doubles, inside its transaction', async () => {
    await database.db.deleteFrom('login_attempts').execute();
    await sql`ANALYZE login_attempts`.execute(database.db);
    await database.db.transaction().execute(async (trx) => {
      const estimate = async () => (await sql<{ n: number }>`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'login_attempts'::regclass`.execute(trx)).rows[0]!.n;
      const statistics = statisticsFollowGrowth(trx, ['login_attempts'], 0);
      let rows = 0;
      const add = async (n: number) => {
        await sql`INSERT INTO login_attempts (email, ip, at, succeeded)
                  SELECT 'grow-' || ${rows} || '-' || i || '@example.test', '127.0.0.1', now(), false FROM generate_series(1, ${n}::int) i`.execute(trx);
        rows += n;
        await statistics.grown(rows);
      };
      await add(600);
      expect(await estimate()).toBeLessThan(1); // not yet: 1,000 rows written first
      await add(900);
      expect(await estimate()).toBe(1500); // the transaction's own rows count
      await add(700);
      expect(await estimate()).toBe(1500); // 2,200 is short of twice 1,500
      await add(1000);
      expect(await estimate()).toBe(3200);
    });
    await database.db.deleteFrom('login_attempts').execute();
  });
});
