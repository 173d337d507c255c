// Clocks for cases that arrive with their history (CSV imports, the demo): their SLA outcomes
// follow from their timestamps, so reports count them like cases worked here.
import { sql } from 'kysely';
import { insertRows } from '../../db/bulk.js';
import type { Db } from '../../db/pool.js';
import type { ClockKind, PolicyWhy } from '../../db/schema.js';
import type { CaseStatus } from '../cases/status-machine.js';
import { type Calendar, addWorkingTime, workingSecondsBetween } from './calendar.js';
import { CalendarCache, type PolicyWithRule, enabledPolicies, targetSeconds } from './case-clocks.js';
import { type Clock, caseSlaState, dueOf, nextCheckOf } from './clock.js';
import { choosePolicy } from './policy-match.js';

export interface HistoricalCase {
  id: string;
  priority: string;
  category: string;
  accountTier: string;
  region: string | null;
  status: CaseStatus;
  createdAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

/** One clock as its case's timestamps imply it. */
export interface HistoricalClock {
  kind: ClockKind;
  policy: PolicyWithRule;
  why: PolicyWhy;
  clock: Clock;
  startedAt: Date;
  stoppedAt: Date | null;
  stopReason: string | null;
}

/**
 * The clocks a case's timestamps imply at `now`. Pure but for the calendars it is given.
 * The first response ends at the first reply, or at the resolution if none was recorded; the
 * resolution at resolved (or closed). Open clocks run from creation — except a resolution
 * clock of a case waiting in a pausing status, counted up to now and paused (the history does
 * not say when the wait began).
 */
export function historicalClocks(c: HistoricalCase, policies: PolicyWithRule[], calendarOf: (id: string) => Calendar, now: Date): HistoricalClock[] {
  const facts = { priority: c.priority, category: c.category, accountTier: c.accountTier, region: c.region };
  const done = c.status === 'resolved' || c.status === 'closed';
  const end = done ? (c.resolvedAt ?? c.closedAt ?? now) : null;
  const plans: Array<[ClockKind, Date | null, string]> = [
    ['first_response', c.firstResponseAt ?? end, c.firstResponseAt ? 'responded' : done ? c.status : ''],
    ['resolution', end, done ? c.status : ''],
  ];
  const out: HistoricalClock[] = [];
  for (const [kind, stop, reason] of plans) {
    const chosen = choosePolicy(policies, facts, kind);
    if (!chosen) continue;
    const calendar = calendarOf(chosen.policy.calendar_id);
    const target = targetSeconds(chosen.policy.rule, kind);
    const base: Clock = { state: 'running', targetSeconds: target, warnAt: chosen.policy.warn_at, elapsedSeconds: 0, runningSince: c.createdAt, warnedPercent: 0, breachedAt: null };
    const paused = !stop && kind === 'resolution' && chosen.policy.pause_statuses.includes(c.status);
    const until = stop ?? (paused ? now : null);
    let clock = base;
    if (until) {
      const elapsed = workingSecondsBetween(calendar, c.createdAt, until < c.createdAt ? c.createdAt : until);
      const breached = elapsed > target;
      clock = {
        ...base,
        state: stop ? 'stopped' : 'paused',
        runningSince: null,
        elapsedSeconds: elapsed,
        // What the thresholds passed: history records them as passed, it does not fire them now.
        warnedPercent: Math.max(0, ...base.warnAt.filter((p) => elapsed >= (target * p) / 100)),
        breachedAt: breached ? addWorkingTime(calendar, c.createdAt, target) : null,
      };
    }
    out.push({ kind, policy: chosen.policy, why: chosen.why, clock, startedAt: c.createdAt, stoppedAt: stop, stopReason: stop ? reason : null });
  }
  return out;
}

/**
 * Replaces the clocks of the given cases with those their timestamps imply. Bulk: a few
 * statements per call, whatever the number of cases (imports pass a chunk at a time).
 */
export async function backfillClocks(db: Db, now: Date, caseIds: string[]): Promise<void> {
  if (caseIds.length === 0) return;
  const old = db.selectFrom('sla_clocks').select('id').where('case_id', 'in', caseIds);
  await db.deleteFrom('sla_events').where('clock_id', 'in', old).execute();
  await db.deleteFrom('sla_clock_segments').where('clock_id', 'in', old).execute();
  await db.deleteFrom('sla_clocks').where('case_id', 'in', caseIds).execute();

  const rows = await db
    .selectFrom('cases as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .select(['c.id', 'c.priority', 'c.category_code', 'c.status', 'c.created_at', 'c.first_response_at', 'c.resolved_at', 'c.closed_at', 'a.tier', 'a.region'])
    .where('c.id', 'in', caseIds)
    .execute();
  const policies = await enabledPolicies(db);
  const cache = new CalendarCache(db);
  const calendars = new Map<string, Calendar>();
  for (const id of new Set(policies.map((p) => p.calendar_id))) calendars.set(id, await cache.get(id));

  const planned = rows.map((r) => ({
    caseId: r.id,
    clocks: historicalClocks(
      { id: r.id, priority: r.priority, category: r.category_code, accountTier: r.tier, region: r.region, status: r.status, createdAt: r.created_at, firstResponseAt: r.first_response_at, resolvedAt: r.resolved_at, closedAt: r.closed_at },
      policies,
      (id) => calendars.get(id)!,
      now,
    ),
  }));
  const count = planned.reduce((n, p) => n + p.clocks.length, 0);
  if (count > 0) {
    // Ids first, so segments and events can name their clock in the same bulk insert.
    const { rows: ids } = await sql<{ id: number }>`SELECT nextval('sla_clocks_id_seq')::bigint AS id FROM generate_series(1, ${count}::int)`.execute(db);
    const clockRows: object[] = [];
    const segments: object[] = [];
    const events: object[] = [];
    let next = 0;
    for (const { caseId, clocks } of planned) {
      for (const h of clocks) {
        const id = Number(ids[next++]!.id);
        const calendar = calendars.get(h.policy.calendar_id)!;
        const { clock } = h;
        clockRows.push({
          id,
          case_id: caseId,
          kind: h.kind,
          policy_id: h.policy.id,
          policy_name: h.policy.name,
          calendar_id: h.policy.calendar_id,
          target_seconds: clock.targetSeconds,
          warn_at: clock.warnAt,
          pause_statuses: h.policy.pause_statuses,
          on_reopen: h.policy.on_reopen,
          state: clock.state,
          cycle: 1,
          started_at: h.startedAt,
          elapsed_seconds: clock.elapsedSeconds,
          running_since: clock.runningSince,
          due_at: dueOf(calendar, clock),
          next_check_at: nextCheckOf(calendar, clock),
          warned_percent: clock.warnedPercent,
          why: JSON.stringify(h.why),
          breached_at: clock.breachedAt,
          stopped_at: h.stoppedAt,
          stop_reason: h.stopReason,
        });
        const endOfRun = h.stoppedAt ?? (clock.state === 'paused' ? now : null);
        segments.push({ clock_id: id, cycle: 1, state: 'running', from_at: h.startedAt, to_at: endOfRun, reason: 'imported', detail: '{}' });
        if (endOfRun) segments.push({ clock_id: id, cycle: 1, state: clock.state, from_at: endOfRun, to_at: null, reason: h.stopReason ?? 'paused', detail: '{}' });
        if (clock.breachedAt) events.push({ clock_id: id, cycle: 1, kind: 'breach', percent: 100, due_at: clock.breachedAt, fired_at: clock.breachedAt });
      }
    }
    await insertRows(db, 'sla_clocks', clockRows);
    await insertRows(db, 'sla_clock_segments', segments);
    await insertRows(db, 'sla_events', events);
  }
  // The queue columns, from the same plan.
  const summary = planned.map(({ caseId, clocks }) => {
    const dues = clocks.filter((h) => h.clock.state === 'running').map((h) => dueOf(calendars.get(h.policy.calendar_id)!, h.clock)!.getTime());
    return { id: caseId, due: dues.length ? new Date(Math.min(...dues)).toISOString() : null, state: caseSlaState(clocks.map((h) => h.clock)) };
  });
  await sql`UPDATE cases SET sla_due_at = s.due, sla_state = s.state
              FROM jsonb_to_recordset(${JSON.stringify(summary)}::jsonb) AS s(id uuid, due timestamptz, state text)
             WHERE cases.id = s.id`.execute(db);
}
