/**
 * A large demo history: batches of the demo's 2,000-case, 90-day history, each with another seed
 * and its clock shifted one more day back, until the database holds the cases asked for. Each
 * batch brings its accounts (repeat accounts kept), cases, comments, timeline, handoffs and CSAT
 * surveys, written with multi-row INSERTs; SLA clocks are derived in one statement per batch.
 * Used by `closeloop demo --cases N` and by the benchmark.
 */
import { randomUUID } from 'node:crypto';
import { type Insertable, sql } from 'kysely';
import { insertRows } from '../db/bulk.js';
import type { Db } from '../db/pool.js';
import type { CaseTable } from '../db/schema.js';
import { countCases } from '../domains/cases/queries.js';
import { summariseCaseClocks } from '../domains/sla/queries.js';
import { statisticsFollowGrowth } from '../platform/maintenance.js';
import { DEMO_SEED, type DemoDirectory, buildHistory } from './history.js';
import { DEMO_PEOPLE, DEMO_TEAMS } from './organisation.js';

const DAY = 86_400_000;
/** Cases per batch: one demo history each, so the mix of statuses stays the demo's. */
const BATCH = 2_000;
export const MAX_DEMO_CASES = 1_000_000;

/** The demo's people and teams as a history batch refers to them (after the demo was loaded). */
export async function readDirectory(db: Db): Promise<DemoDirectory> {
  const users = await db.selectFrom('users').select(['id', 'email', 'display_name']).execute();
  const teams = await db.selectFrom('teams').select(['id', 'name']).execute();
  const teamByName = new Map(teams.map((t) => [t.name, t.id]));
  const directory: DemoDirectory = { users: new Map(), teams: new Map() };
  for (const u of users) directory.users.set(u.email, { id: u.id, name: u.display_name });
  for (const t of DEMO_TEAMS) {
    const id = teamByName.get(t.name);
    if (id) directory.teams.set(t.key, { id, name: t.name });
  }
  if (directory.users.size < DEMO_PEOPLE.length || directory.teams.size < DEMO_TEAMS.length) throw new Error('the demo organisation is incomplete');
  return directory;
}

/**
 * Adds history batches until the database holds `target` cases; returns how many were added.
 * Each batch is its own transaction, so an interrupted load keeps what it wrote and a second
 * run carries on from there.
 */
export async function growCases(
  db: Db,
  directory: DemoDirectory,
  target: number,
  opts: { csatDelayMinutes?: number; progress?: (done: number, of: number) => void } = {},
): Promise<number> {
  const start = await countCases(db);
  const missing = Math.max(0, target - start);
  if (missing === 0) return 0;
  const seen = new Map<string, string>();
  for (const a of await db.selectFrom('accounts').select(['id', 'type', 'external_id']).execute()) seen.set(`${a.type}|${a.external_id}`, a.id);
  const now = Date.now();
  // Batches already written (by an earlier, interrupted run) keep their seeds: start after them.
  const first = Math.max(1, Math.floor(start / BATCH));
  let added = 0;
  // The triggers' plans need statistics that keep up with the growth: PostgreSQL's autovacuum
  // sees to that, an embedded database has none, and its loads slowed down batch by batch.
  const statistics = statisticsFollowGrowth(db, GROWN_TABLES, start);
  for (let batch = first; added < missing; batch++) {
    const size = Math.min(BATCH, missing - added);
    await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ n: number }>`SELECT nextval('case_number_seq')::int AS n FROM generate_series(1, ${size})`.execute(trx);
      const numbers = rows.map((r) => r.n).sort((a, b) => a - b);
      const history = buildHistory({ now: new Date(now - batch * DAY), directory, numbers, newId: randomUUID, seed: DEMO_SEED + batch, csatDelayMinutes: opts.csatDelayMinutes });
      const remap = new Map<string, string>();
      const accounts = history.accounts.filter((a) => {
        const key = `${a.type}|${a.external_id}`;
        const existing = seen.get(key);
        if (existing) {
          remap.set(a.id!, existing);
          return false;
        }
        seen.set(key, a.id!);
        return true;
      });
      // Merges are left out: a batch's duplicates stay closed cases of their own.
      const cases: Insertable<CaseTable>[] = history.cases.map((c) => ({ ...c, account_id: remap.get(c.account_id) ?? c.account_id, merged_into_id: null }));
      await insertRows(trx, 'accounts', accounts);
      await insertRows(trx, 'cases', cases);
      await insertRows(trx, 'case_comments', history.comments);
      await insertRows(trx, 'case_events', history.events);
      await insertRows(trx, 'handoffs', history.handoffs);
      await insertRows(trx, 'csat_surveys', history.surveys);
      const ids = cases.map((c) => c.id as string);
      await addClocks(trx, ids);
      // The queue columns (soonest due, SLA state), as every other writer of clocks keeps them.
      await summariseCaseClocks(trx, ids);
    });
    added += size;
    opts.progress?.(start + added, target);
    await statistics.grown(start + added);
  }
  await statistics.analyze();
  return added;
}

const GROWN_TABLES = ['cases', 'accounts', 'sla_clocks', 'metric_units', 'handoffs', 'case_events'];

/**
 * First-response and resolution clocks derived from the cases' timestamps (the demo's own 2,000
 * get theirs from the real backfill, which would take an hour for a million). Working time is
 * taken as a third of wall time (8 working hours a day); targets are the default policies' (P1
 * 8 h … P3/P4 40 h to resolve); a clock past its target breached when it ran out.
 */
async function addClocks(db: Db, caseIds: string[]): Promise<void> {
  await sql`
    INSERT INTO sla_clocks (case_id, kind, policy_name, calendar_id, target_seconds, warn_at, pause_statuses, on_reopen, state,
                            started_at, elapsed_seconds, running_since, due_at, breached_at, stopped_at, stop_reason)
    SELECT c.id, k.kind, 'demo (derived)', cal.id, k.target, '{75,90}', '{waiting_requester}', 'continue',
           CASE WHEN k.stopped IS NULL THEN 'running' ELSE 'stopped' END, c.created_at,
           k.worked, CASE WHEN k.stopped IS NULL THEN c.created_at END,
           CASE WHEN k.stopped IS NULL THEN c.created_at + make_interval(secs => k.target * 3) END,
           CASE WHEN k.worked > k.target THEN c.created_at + make_interval(secs => k.target * 3) END,
           k.stopped, CASE WHEN k.done IS NOT NULL THEN 'met' WHEN k.stopped IS NOT NULL THEN 'closed' END
      FROM cases c
      CROSS JOIN LATERAL (SELECT id FROM calendars ORDER BY name LIMIT 1) cal
      CROSS JOIN LATERAL (VALUES
        ('first_response', CASE c.priority WHEN 'P1' THEN 1800 WHEN 'P2' THEN 7200 ELSE 28800 END, c.first_response_at),
        ('resolution', CASE c.priority WHEN 'P1' THEN 28800 WHEN 'P2' THEN 57600 ELSE 144000 END, c.resolved_at)
      ) AS v(kind, target, done)
      -- A case closed unanswered (a duplicate, spam) stopped its clocks when it closed, as closing does.
      CROSS JOIN LATERAL (SELECT v.kind, v.target, v.done, coalesce(v.done, c.closed_at) AS stopped,
                                 extract(epoch FROM coalesce(v.done, c.closed_at, c.created_at + interval '30 days') - c.created_at) / 3 AS worked) k
     WHERE c.id = ANY(${caseIds}::uuid[])`.execute(db);
}
