// sla_sweep: N running clocks come due over a window while 1 (or 4) `closeloop worker`
// processes sweep; how late each breach fired (p50, p99, max) and whether every breach fired
// exactly once. On PGlite the sweep runs in this process (an embedded database has one).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { startWorker } from '../../server/src/worker.js';
import type { Backend } from '../lib/backend.js';
import { spawnCli, stopProcess } from '../lib/processes.js';
import { type Result, percentile, round } from '../lib/report.js';

export interface SweepOptions {
  clocks: number;
  /** The dues are spread evenly over this many seconds. */
  windowSeconds: number;
  workerCounts: number[];
  /** Seconds between setting the clocks up and the first due: the workers start meanwhile. */
  leadSeconds: number;
}

/** How long after the last due to wait for stragglers before giving up. */
const GRACE_SECONDS = 60;

async function armClocks(backend: Backend, clocks: number, windowSeconds: number, leadSeconds: number): Promise<Date> {
  const db = backend.deps.db;
  const started = performance.now();
  // The first N cases get one clock each in place of theirs; the other cases keep their
  // (stopped or unchecked) clocks, so the sweep works in a table of realistic size.
  await sql`DELETE FROM sla_events`.execute(db);
  // (Each statement names them again: a pooled connection may not be the one before.)
  const armed = sql`(SELECT id FROM cases ORDER BY id LIMIT ${clocks})`;
  await sql`DELETE FROM sla_clock_segments WHERE clock_id IN (SELECT id FROM sla_clocks WHERE case_id IN ${armed})`.execute(db);
  await sql`DELETE FROM sla_clocks WHERE case_id IN ${armed}`.execute(db);
  // 24×7 calendar, no warnings: one breach per clock. Written first with no check time (the
  // sweep does not see them: the insert's triggers take a while at 100,000), then timed in one
  // update, so the first due is still ahead of the workers however long the insert took.
  await sql`
    INSERT INTO sla_clocks (case_id, kind, policy_id, policy_name, calendar_id, target_seconds, warn_at, pause_statuses, on_reopen,
                            state, started_at, elapsed_seconds, running_since, due_at, next_check_at, why)
    SELECT c.id, 'resolution', NULL, 'bench', (SELECT id FROM calendars WHERE always_open LIMIT 1), 3600, '{}', '{waiting_requester}', 'continue',
           'running', now(), 0, now(), now() + interval '1 day', NULL, '[]'
      FROM ${armed} c`.execute(db);
  // The demo's own running clocks are overdue by now: muted, so only the armed ones fire.
  await sql`UPDATE sla_clocks SET next_check_at = NULL WHERE next_check_at IS NOT NULL`.execute(db);
  // The demo history queues the auto-close of cases still resolved, due days after resolving: one
  // coming due while the workers sweep would close its case, and closing rightly stops the armed
  // clock, so its breach would not be owed. The armed cases stay as they are.
  await sql`DELETE FROM jobs WHERE kind = 'cases.auto_close' AND status = 'queued'`.execute(db);
  // What autovacuum does after such a rewrite (this machine's server runs without it, and the
  // embedded database has none): without it every breach's trigger wades through dead rows.
  if (backend.kind === 'postgres') await sql`VACUUM (ANALYZE) sla_clocks, sla_clock_segments, metric_units`.execute(db);
  else await sql`ANALYZE sla_clocks`.execute(db);
  const first = new Date(Date.now() + leadSeconds * 1000 + (performance.now() - started) / 2);
  // Due at first + i × window / N.
  await sql`
    UPDATE sla_clocks k SET due_at = d.due, next_check_at = d.due, started_at = d.due - interval '1 hour', running_since = d.due - interval '1 hour'
      FROM (SELECT id, row_number() OVER (ORDER BY case_id) - 1 AS i FROM sla_clocks WHERE policy_name = 'bench') n
     CROSS JOIN LATERAL (SELECT ${first}::timestamptz + (n.i * ${(windowSeconds * 1000) / clocks}::float8 || ' milliseconds')::interval AS due) d
     WHERE k.id = n.id`.execute(db);
  if (Date.now() > first.getTime()) throw new Error('sla_sweep: arming the clocks took longer than the lead; the lateness would be the arming time');
  return first;
}

export async function slaSweepScenario(backend: Backend, opts: SweepOptions, log: (msg: string) => void): Promise<Result[]> {
  const db = backend.deps.db;
  const available = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases`.execute(db)).rows[0]!.n);
  const clocks = Math.min(opts.clocks, available);
  const counts = backend.kind === 'pglite' ? [1] : opts.workerCounts;
  const results: Result[] = [];
  for (const workers of counts) {
    const first = await armClocks(backend, clocks, opts.windowSeconds, opts.leadSeconds);
    const dir = mkdtempSync(join(tmpdir(), 'closeloop-bench-worker-'));
    const children: ChildProcess[] = [];
    const inProcess = backend.kind === 'pglite' ? startWorker(backend.deps) : null;
    if (!inProcess) for (let i = 0; i < workers; i++) children.push(spawnCli(backend, 'worker', dir));
    try {
      const deadline = first.getTime() + (opts.windowSeconds + GRACE_SECONDS) * 1000;
      let fired = 0;
      let lastLog = 0;
      while (Date.now() < deadline) {
        fired = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM sla_events`.execute(db)).rows[0]!.n);
        if (fired >= clocks) break;
        if (Date.now() - lastLog > 5000) {
          lastLog = Date.now();
          log(`sla_sweep ${backend.kind} ×${workers}: ${fired} / ${clocks} breaches fired`);
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      await inProcess?.stop();
      await Promise.all(children.map(stopProcess));
      rmSync(dir, { recursive: true, force: true });
    }
    const { rows } = await sql<{ late: number }>`SELECT extract(epoch FROM fired_at - due_at)::float8 AS late FROM sla_events`.execute(db);
    const distinct = Number((await sql<{ n: number }>`SELECT count(DISTINCT clock_id)::int AS n FROM sla_events`.execute(db)).rows[0]!.n);
    const late = rows.map((r) => Number(r.late)).sort((a, b) => a - b);
    const label = `×${workers}`;
    log(`sla_sweep ${backend.kind} ${label}: ${rows.length} events for ${distinct} clocks of ${clocks} due`);
    if (distinct < clocks) {
      // Evidence for a breach not fired, before the scratch database goes: the clocks left unfired.
      const { rows: unfired } = await sql<Record<string, unknown>>`
        SELECT k.id, k.case_id, c.status, k.state, k.due_at, k.next_check_at, k.breached_at, k.running_since, k.elapsed_seconds
          FROM sla_clocks k JOIN cases c ON c.id = k.case_id
         WHERE k.policy_name = 'bench' AND NOT EXISTS (SELECT 1 FROM sla_events e WHERE e.clock_id = k.id)
         LIMIT 5`.execute(db);
      log(`sla_sweep ${backend.kind} ${label}: unfired clocks ${JSON.stringify(unfired)}`);
    }
    results.push(
      { name: 'sla_sweep', backend: backend.kind, size: clocks, metric: `lateness p50 ${label}`, value: round(percentile(late, 50), 2), unit: 's' },
      { name: 'sla_sweep', backend: backend.kind, size: clocks, metric: `lateness p99 ${label}`, value: round(percentile(late, 99), 2), unit: 's' },
      { name: 'sla_sweep', backend: backend.kind, size: clocks, metric: `lateness max ${label}`, value: round(late.at(-1) ?? 0, 2), unit: 's' },
      { name: 'sla_sweep', backend: backend.kind, size: clocks, metric: `fired ${label}`, value: rows.length, unit: `of ${clocks}` },
      { name: 'sla_sweep', backend: backend.kind, size: clocks, metric: `duplicates ${label}`, value: rows.length - distinct, unit: 'events' },
    );
  }
  return results;
}
