// The SLA sweep: fires the warnings and breaches that have come due, each exactly once,
// however many workers sweep at the same time. Set-based: a round of up to SWEEP_BATCH clocks
// costs a fixed number of statements, so breaches keep pace with what comes due.
import { sql } from 'kysely';
import { insertRows } from '../../db/bulk.js';
import type { Db } from '../../db/pool.js';
import { type BreachAction, PRIORITIES, type Priority, type SlaClockRow } from '../../db/schema.js';
import { systemActor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { insertEvent } from '../cases/queries.js';
import { queueMails } from '../notify/mail.js';
import { raiseEscalation } from '../escalation/critical.js';
import { CalendarCache, caseClocks, clockColumns, clockOf } from './case-clocks.js';
import { summariseCaseClocks } from './queries.js';
import { type Threshold, firing } from './clock.js';

/** How many due clocks one sweep transaction takes on. */
export const SWEEP_BATCH = 500;
/** A round looks this many batches ahead for cases no other worker holds. */
const CANDIDATE_ROUNDS = 4;

interface SweptCase {
  id: string;
  team_id: string | null;
  assignee_id: string | null;
}

/** Active leads per team; under `null`, every active lead (for cases no team holds yet). */
async function leadsByTeam(db: Db, teamIds: Array<string | null>): Promise<Map<string | null, string[]>> {
  const out = new Map<string | null, string[]>();
  const teams = [...new Set(teamIds.filter((t): t is string => t !== null))];
  if (teams.length) {
    const rows = await db
      .selectFrom('team_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.team_id', 'u.id'])
      .where('m.team_id', 'in', teams)
      .where('u.role', '=', 'lead')
      .where('u.active', '=', true)
      .execute();
    for (const r of rows) out.set(r.team_id, [...(out.get(r.team_id) ?? []), r.id]);
  }
  if (teamIds.includes(null)) {
    out.set(null, (await db.selectFrom('users').select('id').where('role', '=', 'lead').where('active', '=', true).execute()).map((r) => r.id));
  }
  return out;
}

/** Raises the priority, moves the case to another team or raises a critical escalation: rare, so one case at a time. */
async function changeCase(db: Db, now: Date, caseId: string, action: Exclude<BreachAction, { action: 'notify' }>): Promise<void> {
  const k = await caseClocks(db, now, caseId);
  const { facts } = k;
  if (action.action === 'raise_priority') {
    const from = facts.priority as Priority;
    const index = PRIORITIES.indexOf(from);
    if (index <= 0) return;
    const to = PRIORITIES[index - 1]!;
    await db.updateTable('cases').set({ priority: to, updated_at: now }).where('id', '=', caseId).execute();
    await insertEvent(db, { caseId, at: now, actorId: null, kind: 'field_changed', data: { changes: { priority: { from, to } }, reason: 'sla_breached' } });
    await recordAudit(db, systemActor, now, { action: 'case.updated', entityType: 'case', entityId: caseId, before: { priority: from }, after: { priority: to, reason: 'sla_breached' } });
    facts.priority = to;
    await k.onRetarget({ priority: { from, to }, cause: 'sla_breached' });
    await k.summarise();
    return;
  }
  if (action.action === 'raise_critical') {
    const authority = await db.selectFrom('escalation_authorities').select('id').where('id', '=', action.authority).executeTakeFirst();
    // An authority removed since the policy was saved: the breach still notifies, nobody is paged.
    if (authority) await raiseEscalation(db, now, { caseId, authorityId: authority.id, reason: 'SLA breached', raisedBy: null });
    return;
  }
  if (facts.teamId === action.team) return;
  const team = await db.selectFrom('teams').select(['id', 'name']).where('id', '=', action.team).executeTakeFirst();
  // A team deleted since the policy was saved: the breach still notifies, the move is skipped.
  if (!team) return;
  const previous = facts.teamId ? await db.selectFrom('teams').select(['id', 'name']).where('id', '=', facts.teamId).executeTakeFirst() : undefined;
  const previousAssignee = facts.assigneeId
    ? await db.selectFrom('users').select(['id', 'display_name as displayName']).where('id', '=', facts.assigneeId).executeTakeFirst()
    : undefined;
  await db.updateTable('cases').set({ team_id: team.id, assignee_id: null, updated_at: now }).where('id', '=', caseId).execute();
  await insertEvent(db, {
    caseId,
    at: now,
    actorId: null,
    kind: 'assigned',
    data: { team, assignee: null, previousTeam: previous ?? null, previousAssignee: previousAssignee ?? null, reason: 'sla_breached' },
  });
  await recordAudit(db, systemActor, now, { action: 'case.updated', entityType: 'case', entityId: caseId, before: { team: facts.teamId }, after: { team: team.id, reason: 'sla_breached' } });
}

/**
 * One sweep round: takes up to `limit` clocks whose next warning or breach is due, fires what
 * is due and moves each clock's next check on. Cases another worker holds are skipped (SKIP
 * LOCKED) and picked up by the next round; the unique key on sla_events is the last guard.
 * Lock order as everywhere: cases, then their clocks.
 */
export async function sweepSlaClocks(deps: Deps, limit = SWEEP_BATCH): Promise<{ clocks: number; fired: number }> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    // The cases of the earliest-due clocks, locked as they are taken: a worker skips the cases
    // another holds and takes the next ones, so concurrent workers split the work instead of
    // all reaching for the same first `limit` (and all but one coming back empty).
    const { rows: cases } = await sql<SweptCase>`
      SELECT c.id, c.team_id, c.assignee_id
        FROM (SELECT case_id, min(next_check_at) AS due
                FROM (SELECT case_id, next_check_at FROM sla_clocks WHERE next_check_at <= ${now}
                       ORDER BY next_check_at LIMIT ${limit * CANDIDATE_ROUNDS}) k
               GROUP BY case_id) d
        JOIN cases c ON c.id = d.case_id
       ORDER BY d.due LIMIT ${limit}
         FOR UPDATE OF c SKIP LOCKED`.execute(trx);
    if (cases.length === 0) return { clocks: 0, fired: 0 };
    const caseById = new Map(cases.map((c) => [c.id, c]));
    const rows = await trx
      .selectFrom('sla_clocks')
      .selectAll()
      .where('case_id', 'in', [...caseById.keys()])
      .where('next_check_at', '<=', now)
      .orderBy('id')
      .forUpdate()
      .execute();

    const calendars = new CalendarCache(trx);
    const updates: object[] = [];
    const due: Array<{ row: SlaClockRow; t: Threshold }> = [];
    for (const row of rows) {
      const calendar = await calendars.get(row.calendar_id);
      const { fire, after } = firing(calendar, clockOf(row), now);
      const c = clockColumns(calendar, after);
      updates.push({ id: row.id, warned: c.warned_percent, breached: c.breached_at, due: c.due_at, next: c.next_check_at });
      for (const t of fire) due.push({ row, t });
    }
    if (updates.length) {
      await sql`UPDATE sla_clocks SET warned_percent = u.warned, breached_at = u.breached, due_at = u.due, next_check_at = u.next
                  FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS u(id bigint, warned int, breached timestamptz, due timestamptz, next timestamptz)
                 WHERE sla_clocks.id = u.id`.execute(trx);
    }

    let fired = 0;
    if (due.length) {
      const { rows: inserted } = await sql<{ clock_id: number; kind: string; percent: number }>`
        INSERT INTO sla_events (clock_id, cycle, kind, percent, due_at, fired_at)
        SELECT clock_id, cycle, kind, percent, due_at, ${now} FROM jsonb_to_recordset(${JSON.stringify(
          due.map(({ row, t }) => ({ clock_id: row.id, cycle: row.cycle, kind: t.kind, percent: t.percent, due_at: t.at })),
        )}::jsonb) AS e(clock_id bigint, cycle int, kind text, percent int, due_at timestamptz)
        ON CONFLICT (clock_id, cycle, kind, percent) DO NOTHING
        RETURNING clock_id, kind, percent`.execute(trx);
      const firedKeys = new Set(inserted.map((e) => `${e.clock_id}:${e.kind}:${e.percent}`));
      const firedNow = due.filter(({ row, t }) => firedKeys.has(`${row.id}:${t.kind}:${t.percent}`));
      fired = firedNow.length;

      const policyIds = [...new Set(firedNow.filter(({ t }) => t.kind === 'breach').flatMap(({ row }) => (row.policy_id ? [row.policy_id] : [])))];
      const actionsOf = new Map(
        policyIds.length ? (await trx.selectFrom('sla_policies').select(['id', 'breach_actions']).where('id', 'in', policyIds).execute()).map((p) => [p.id, p.breach_actions]) : [],
      );
      const leads = await leadsByTeam(trx, firedNow.map(({ row }) => caseById.get(row.case_id)!.team_id));
      const events: object[] = [];
      const notifications: object[] = [];
      const mails: Array<{ userIds: string[]; caseId: string; data: Record<string, unknown> }> = [];
      const changes: Array<[string, Exclude<BreachAction, { action: 'notify' }>]> = [];
      for (const { row, t } of firedNow) {
        const c = caseById.get(row.case_id)!;
        const data = JSON.stringify({ clock: row.kind, percent: t.percent, dueAt: (row.due_at ?? t.at).toISOString(), policy: row.policy_name });
        const kind = t.kind === 'warning' ? 'sla_warning' : 'sla_breached';
        events.push({ case_id: c.id, at: now, actor_id: null, kind, data });
        const teamLeads = leads.get(c.team_id) ?? [];
        let to: string[];
        if (t.kind === 'warning') {
          to = c.assignee_id ? [c.assignee_id] : teamLeads;
        } else {
          // A policy deleted since the clock started: its breach still notifies.
          const actions = (row.policy_id && actionsOf.get(row.policy_id)) || [{ action: 'notify' as const }];
          to = actions.some((a) => a.action === 'notify') ? [...new Set([...(c.assignee_id ? [c.assignee_id] : []), ...teamLeads])] : [];
          for (const a of actions) if (a.action !== 'notify') changes.push([c.id, a]);
        }
        for (const userId of to) notifications.push({ user_id: userId, kind, case_id: c.id, data, created_at: now, read_at: null });
        if (t.kind === 'breach' && to.length) mails.push({ userIds: to, caseId: c.id, data: JSON.parse(data) as Record<string, unknown> });
      }
      await insertRows(trx, 'case_events', events);
      await insertRows(trx, 'notifications', notifications);
      await queueMails(trx, now, mails.map((m) => ({ ...m, kind: 'sla_breached' as const })));
      for (const [caseId, action] of changes) await changeCase(trx, now, caseId, action);
    }
    await summariseCaseClocks(trx, [...caseById.keys()]);
    return { clocks: rows.length, fired };
  });
}

/** Sweeps until nothing is due (or `maxRounds`), for the worker's timer. */
export async function sweepUntilDone(deps: Deps, maxRounds = 50): Promise<number> {
  let fired = 0;
  for (let round = 0; round < maxRounds; round++) {
    const result = await sweepSlaClocks(deps);
    fired += result.fired;
    if (result.clocks < SWEEP_BATCH / 2) break;
  }
  return fired;
}
