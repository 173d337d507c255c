// Fault test on PostgreSQL: a `closeloop worker` killed with SIGKILL while a batch of SLA
// clocks comes due; after other workers take over, every breach has fired exactly once and its
// actions ran once. (PGlite is one process's database: there is nothing to kill.)
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestContext, bearer, testApp } from './harness.js';

const CASES = 150;
const WINDOW_MS = 4_000;
let ctx: TestContext;
const children: ChildProcess[] = [];
const dirs: string[] = [];

describe.skipIf(!process.env.DATABASE_URL)('SLA sweep across worker processes (PostgreSQL)', () => {
  beforeAll(async () => {
    ctx = await testApp();
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await ctx?.close();
  });

  function worker(): ChildProcess {
    const dir = mkdtempSync(join(tmpdir(), 'closeloop-fault-'));
    dirs.push(dir);
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', 'worker'], {
      env: { ...process.env, DATABASE_URL: ctx.database.databaseUrl!, CLOSELOOP_DATA_DIR: dir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  }
  const breaches = async () =>
    Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM sla_events WHERE kind = 'breach'`.execute(ctx.deps.db)).rows[0]!.n);
  async function waitFor(done: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await done()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  }

  it('a worker killed mid-batch loses nothing and doubles nothing', { timeout: 120_000 }, async () => {
    ctx.clock.set(new Date());
    for (let i = 0; i < CASES; i += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, CASES - i) }, (_, j) =>
          ctx.app.inject({
            method: 'POST',
            url: '/api/v1/cases',
            headers: bearer(ctx.users.requester),
            payload: { title: `Payout ${i + j}`, description: 'Stuck payout', category: 'payments/payout-hold', account: { type: 'seller', externalId: `F-${i + j}`, name: 'Shop' }, source: 'crm' },
          }),
        ),
      );
    }
    // One clock per case in the 24×7 calendar, breach only, due over the next few seconds
    // (after the first worker has had time to start).
    const first = new Date(Date.now() + 3_000);
    await sql`DELETE FROM sla_clock_segments`.execute(ctx.deps.db);
    await sql`DELETE FROM sla_clocks`.execute(ctx.deps.db);
    await sql`
      INSERT INTO sla_clocks (case_id, kind, policy_name, calendar_id, target_seconds, warn_at, pause_statuses, on_reopen, state, started_at, running_since, due_at, next_check_at, why)
      SELECT c.id, 'resolution', 'fault test', (SELECT id FROM calendars WHERE always_open LIMIT 1), 60, '{}', '{waiting_requester}', 'continue', 'running',
             d.due - interval '60 seconds', d.due - interval '60 seconds', d.due, d.due, '[]'
        FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i FROM cases) c
       CROSS JOIN LATERAL (SELECT ${first}::timestamptz + (c.i * ${WINDOW_MS / CASES}::float8 || ' milliseconds')::interval AS due) d`.execute(ctx.deps.db);
    expect(Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM sla_clocks`.execute(ctx.deps.db)).rows[0]!.n)).toBe(CASES);

    const doomed = worker();
    await waitFor(async () => (await breaches()) >= 10, 60_000);
    doomed.kill('SIGKILL');
    await new Promise((r) => doomed.once('exit', r));
    const before = await breaches();
    expect(before).toBeGreaterThanOrEqual(10);
    // Killed mid-way: most of the batch is still to come.
    expect(before).toBeLessThan(CASES);

    const survivors = [worker(), worker()];
    await waitFor(async () => (await breaches()) >= CASES, 60_000);
    for (const child of survivors) child.kill('SIGTERM');
    await Promise.all(survivors.map((child) => new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)))));

    const events = await sql<{ clock_id: number; n: number }>`SELECT clock_id, count(*)::int AS n FROM sla_events GROUP BY clock_id`.execute(ctx.deps.db);
    expect(events.rows).toHaveLength(CASES);
    expect(events.rows.every((r) => r.n === 1)).toBe(true);
    // The breach's actions ran once per case: one notification to the one lead, one timeline entry.
    const notices = await sql<{ n: number }>`SELECT count(*)::int AS n FROM notifications WHERE kind = 'sla_breached' GROUP BY case_id`.execute(ctx.deps.db);
    expect(notices.rows).toHaveLength(CASES);
    expect(notices.rows.every((r) => r.n === 1)).toBe(true);
    const timeline = await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_events WHERE kind = 'sla_breached' GROUP BY case_id`.execute(ctx.deps.db);
    expect(timeline.rows.every((r) => r.n === 1) && timeline.rows.length === CASES).toBe(true);
  });
});
