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
      // A short lease: the killed worker's claimed jobs are taken over after five seconds.
      env: { ...process.env, DATABASE_URL: ctx.database.databaseUrl!, CLOSELOOP_DATA_DIR: dir, LOG_LEVEL: 'warn', CLOSELOOP_JOB_LEASE_SECONDS: '5' },
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

  it('critical pages go out once each, in order, while a worker is killed mid-way', { timeout: 120_000 }, async () => {
    const { createTeam } = await import('../src/domains/identity/teams.js');
    const { createUser } = await import('../src/domains/identity/users.js');
    const { cliActor } = await import('../src/platform/actor.js');
    const people = [];
    const team = await createTeam(ctx.deps, cliActor, { name: 'Legal fault test', kind: 'partner' });
    for (const n of [1, 2, 3]) people.push(await createUser(ctx.deps, cliActor, { email: `pager${n}@example.test`, displayName: `Pager ${n}`, role: 'specialist', teamIds: [team.id] }));
    ctx.clock.set(new Date());
    const admin = bearer(ctx.users.admin);
    const ladder = await ctx.app.inject({ method: 'POST', url: '/api/v1/escalation/ladders', headers: admin, payload: { name: 'Fault ladder', levels: people.map((p) => ({ notify: { user: p.id }, timeout: 'PT10S' })) } });
    // Two-second levels for the test (the API's minimum is ten): written straight into the ladder.
    await sql`UPDATE escalation_ladders SET levels = (SELECT jsonb_agg(l || '{"timeoutSeconds": 2}') FROM jsonb_array_elements(levels) l) WHERE id = ${ladder.json().id}`.execute(ctx.deps.db);
    const authority = await ctx.app.inject({ method: 'POST', url: '/api/v1/escalation/authorities', headers: admin, payload: { name: 'Fault authority', riskType: 'legal', ladder: ladder.json().id } });
    const cases = await sql<{ id: string }>`SELECT id FROM cases ORDER BY id LIMIT 30`.execute(ctx.deps.db);
    for (const c of cases.rows) {
      const res = await ctx.app.inject({ method: 'POST', url: `/api/v1/cases/${c.id}/critical-escalations`, headers: bearer(ctx.users.specialist), payload: { authority: authority.json().id, reason: 'fault test' } });
      expect(res.statusCode, res.body).toBe(201);
    }
    const pages = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM critical_pages`.execute(ctx.deps.db)).rows[0]!.n);
    const doomed = worker();
    const other = worker();
    // Level 2 comes due two seconds after raising: kill one worker once some have gone out.
    await waitFor(async () => (await pages()) >= cases.rows.length + 5, 60_000);
    doomed.kill('SIGKILL');
    await new Promise((r) => doomed.once('exit', r));
    // Let the survivor page on through level 3 and repeat it (taking over what the dead worker
    // held once its lease runs out), then stop the paging by acknowledging.
    const fewest = async () =>
      Number((await sql<{ n: number }>`SELECT coalesce(min(pages_sent), 0)::int AS n FROM critical_escalations`.execute(ctx.deps.db)).rows[0]!.n);
    await waitFor(async () => (await fewest()) >= 4, 60_000);
    await sql`UPDATE critical_escalations SET status = 'acknowledged', acknowledged_at = now()`.execute(ctx.deps.db);
    other.kill('SIGTERM');
    await new Promise((r) => (other.exitCode !== null ? r(null) : other.once('exit', r)));

    const rows = await sql<{ escalation_id: string; seqs: number[]; levels: number[]; notes: number }>`
      SELECT p.escalation_id, array_agg(p.seq ORDER BY p.seq) AS seqs, array_agg(p.level ORDER BY p.seq) AS levels,
             (SELECT count(*)::int FROM notifications n WHERE n.kind = 'critical_page' AND n.data->>'escalationId' = p.escalation_id::text) AS notes
        FROM critical_pages p GROUP BY p.escalation_id`.execute(ctx.deps.db);
    expect(rows.rows).toHaveLength(cases.rows.length);
    for (const r of rows.rows) {
      // No page lost (seq 1, 2, 3 … without gaps), none sent twice (one notification per page),
      // up the ladder and then the last level again.
      expect(r.seqs).toEqual(r.seqs.map((_, i) => i + 1));
      expect(r.seqs.length).toBeGreaterThanOrEqual(3);
      expect(r.levels.slice(0, 3)).toEqual([0, 1, 2]);
      expect(r.levels.slice(3).every((l) => l === 2)).toBe(true);
      expect(r.notes).toBe(r.seqs.length);
    }
  });
});
