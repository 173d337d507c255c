// The SLA sweep: fires the warnings and breaches that have come due, each exactly once,
// however many workers sweep at the same time.
import type { Db } from '../../db/pool.js';
import { PRIORITIES, type Priority, type SlaClockRow } from '../../db/schema.js';
import { systemActor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { insertEvent } from '../cases/queries.js';
import { notify } from '../notify/notify.js';
import { type CaseClocks, caseClocks, clockColumns, clockOf } from './case-clocks.js';
import { type Threshold, firing } from './clock.js';

/** How many due clocks one sweep transaction takes on. */
export const SWEEP_BATCH = 200;

/** The leads of the case's team, or every active lead when the case has no team yet. */
async function leadIds(db: Db, teamId: string | null): Promise<string[]> {
  let query = db.selectFrom('users as u').select('u.id').where('u.role', '=', 'lead').where('u.active', '=', true);
  if (teamId) query = query.innerJoin('team_members as m', 'm.user_id', 'u.id').where('m.team_id', '=', teamId);
  return (await query.execute()).map((r) => r.id);
}

/** Runs what a fired warning or breach calls for, in the sweep's transaction. */
async function act(k: CaseClocks, row: SlaClockRow, t: Threshold): Promise<void> {
  const { db, now, caseId, facts } = k;
  const data = { clock: row.kind, percent: t.percent, dueAt: (row.due_at ?? t.at).toISOString(), policy: row.policy_name };
  if (t.kind === 'warning') {
    await insertEvent(db, { caseId, at: now, actorId: null, kind: 'sla_warning', data });
    const to = facts.assigneeId ? [facts.assigneeId] : await leadIds(db, facts.teamId);
    await notify(db, { userIds: to, kind: 'sla_warning', caseId, data, at: now });
    return;
  }
  await insertEvent(db, { caseId, at: now, actorId: null, kind: 'sla_breached', data });
  const policy = row.policy_id ? await db.selectFrom('sla_policies').select('breach_actions').where('id', '=', row.policy_id).executeTakeFirst() : undefined;
  const actions = policy?.breach_actions ?? [{ action: 'notify' as const }];
  for (const action of actions) {
    if (action.action === 'notify') {
      const to = [...(facts.assigneeId ? [facts.assigneeId] : []), ...(await leadIds(db, facts.teamId))];
      await notify(db, { userIds: to, kind: 'sla_breached', caseId, data, at: now });
    } else if (action.action === 'raise_priority') {
      const from = facts.priority as Priority;
      const index = PRIORITIES.indexOf(from);
      if (index <= 0) continue;
      const to = PRIORITIES[index - 1]!;
      await db.updateTable('cases').set({ priority: to, updated_at: now }).where('id', '=', caseId).execute();
      await insertEvent(db, { caseId, at: now, actorId: null, kind: 'field_changed', data: { changes: { priority: { from, to } }, reason: 'sla_breached' } });
      await recordAudit(db, systemActor, now, { action: 'case.updated', entityType: 'case', entityId: caseId, before: { priority: from }, after: { priority: to, reason: 'sla_breached' } });
      facts.priority = to;
      await k.onRetarget({ priority: { from, to }, cause: 'sla_breached' });
    } else if (action.action === 'move_to_team') {
      if (facts.teamId === action.team) continue;
      const team = await db.selectFrom('teams').select(['id', 'name']).where('id', '=', action.team).executeTakeFirst();
      // A team deleted since the policy was saved: the breach still notifies, the move is skipped.
      if (!team) continue;
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
      facts.teamId = team.id;
      facts.assigneeId = null;
    }
  }
}

/**
 * One sweep round: takes up to `limit` clocks whose next warning or breach is due, fires what
 * is due and moves each clock's next check on. Cases another worker holds are skipped (SKIP
 * LOCKED) and picked up by the next round; the unique key on sla_events is the last guard.
 */
export async function sweepSlaClocks(deps: Deps, limit = SWEEP_BATCH): Promise<{ clocks: number; fired: number }> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const candidates = await trx
      .selectFrom('sla_clocks')
      .select(['id', 'case_id'])
      .where('next_check_at', '<=', now)
      .orderBy('next_check_at')
      .limit(limit)
      .execute();
    if (candidates.length === 0) return { clocks: 0, fired: 0 };
    const caseIds = [...new Set(candidates.map((r) => r.case_id))].sort();
    const locked = await trx.selectFrom('cases').select('id').where('id', 'in', caseIds).orderBy('id').forUpdate().skipLocked().execute();
    let clocks = 0;
    let fired = 0;
    for (const { id: caseId } of locked) {
      const k = await caseClocks(trx, now, caseId);
      for (const row of k.clocks.filter((r) => r.next_check_at && r.next_check_at <= now)) {
        clocks += 1;
        const calendar = await k.calendars.get(row.calendar_id);
        const { fire, after } = firing(calendar, clockOf(row), now);
        const updated = await trx.updateTable('sla_clocks').set(clockColumns(calendar, after)).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
        k.clocks.splice(k.clocks.indexOf(row), 1, updated);
        for (const t of fire) {
          const inserted = await trx
            .insertInto('sla_events')
            .values({ clock_id: row.id, cycle: row.cycle, kind: t.kind, percent: t.percent, due_at: t.at, fired_at: now })
            .onConflict((oc) => oc.columns(['clock_id', 'cycle', 'kind', 'percent']).doNothing())
            .returning('id')
            .executeTakeFirst();
          if (!inserted) continue;
          fired += 1;
          await act(k, row, t);
        }
      }
      await k.summarise();
    }
    return { clocks, fired };
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
