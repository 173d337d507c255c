import type { Db } from '../../db/pool.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { enqueueJob } from '../../platform/jobs.js';
import { loadCaseFor } from '../cases/get-case.js';
import { CASE_READERS } from '../cases/policy.js';
import { insertEvent } from '../cases/queries.js';
import { notify, teamMemberIds } from '../notify/notify.js';
import { applySla } from '../sla/case-clocks.js';

/** When the partner team is reminded again after the first overdue reminder, and how often at most. */
export const REMINDER_INTERVAL_MS = 24 * 3600_000;
export const MAX_REMINDERS = 3;

function handoffQuery(db: Db) {
  return db
    .selectFrom('handoffs as h')
    .innerJoin('cases as c', 'c.id', 'h.case_id')
    .innerJoin('teams as t', 't.id', 'h.team_id')
    .leftJoin('users as ans', 'ans.id', 'h.answered_by')
    .leftJoin('users as cr', 'cr.id', 'h.created_by')
    .selectAll('h')
    .select(['c.number as case_number', 'c.title as case_title', 't.name as team_name', 'ans.display_name as answered_by_name', 'cr.display_name as created_by_name']);
}
type HandoffWithRefs = Awaited<ReturnType<ReturnType<typeof handoffQuery>['executeTakeFirstOrThrow']>>;

/** The team asked answers; leads and admins may answer for it. */
export function mayAnswer(actor: Actor, teamId: string): boolean {
  if (actor.via === 'system' || actor.via === 'cli') return true;
  const role = actor.user?.role;
  return (actor.user?.teamIds ?? []).includes(teamId) || role === 'lead' || role === 'admin';
}

export function presentHandoff(row: HandoffWithRefs, now: Date, actor: Actor) {
  return {
    id: row.id,
    case: { id: row.case_id, number: row.case_number, title: row.case_title },
    team: { id: row.team_id, name: row.team_name },
    question: row.question,
    dueAt: row.due_at.toISOString(),
    status: row.status,
    answer: row.answer,
    answeredBy: row.answered_by ? { id: row.answered_by, displayName: row.answered_by_name ?? '' } : null,
    answeredAt: row.answered_at?.toISOString() ?? null,
    remindersSent: row.reminders_sent,
    overdue: row.status === 'open' && row.due_at < now,
    createdBy: row.created_by ? { id: row.created_by, displayName: row.created_by_name ?? '' } : null,
    createdAt: row.created_at.toISOString(),
    abilities: { answer: row.status === 'open' && mayAnswer(actor, row.team_id) },
  };
}
export type HandoffView = ReturnType<typeof presentHandoff>;

/** Asks another department a question about a case, with its own due time (an OLA). */
export async function createHandoff(deps: Deps, actor: Actor, caseId: string, input: { team: string; question: string; dueAt: string }): Promise<HandoffView> {
  const now = deps.clock.now();
  const dueAt = new Date(input.dueAt);
  if (dueAt <= now) throw AppError.validation('dueAt', 'must be in the future');
  return deps.db.transaction().execute(async (trx) => {
    const { row, access } = await loadCaseFor(trx, actor, caseId);
    if (access !== 'worker') throw new AppError('forbidden', 'only people who work cases hand them off');
    if (row.status === 'closed') throw new AppError('illegal_transition', 'a closed case takes no new handoffs', [{ field: 'case', message: 'is closed' }]);
    const team = await trx.selectFrom('teams').select(['id', 'name']).where('id', '=', input.team).executeTakeFirst();
    if (!team) throw AppError.validation('team', 'unknown team');
    const { id } = await trx
      .insertInto('handoffs')
      .values({ case_id: row.id, team_id: team.id, question: input.question, due_at: dueAt, created_by: actor.user?.id ?? null, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertEvent(trx, { caseId: row.id, at: now, actorId: actor.user?.id ?? null, kind: 'handoff_created', data: { handoffId: id, team, question: input.question, dueAt: dueAt.toISOString() } });
    await trx.updateTable('cases').set({ updated_at: now }).where('id', '=', row.id).execute();
    await applySla(trx, now, row.id, { type: 'handoff_created', handoffId: id, teamId: team.id });
    await notify(trx, { userIds: await teamMemberIds(trx, [team.id]), kind: 'handoff_assigned', caseId: row.id, data: { handoffId: id, question: input.question }, at: now });
    // The first reminder fires when the answer is due; the dedupe key keeps it to one job.
    await enqueueJob(trx, now, { kind: 'handoffs.remind', payload: { handoffId: id }, runAt: dueAt, dedupeKey: `handoff-remind:${id}:1` });
    const view = presentHandoff(await handoffQuery(trx).where('h.id', '=', id).executeTakeFirstOrThrow(), now, actor);
    await recordAudit(trx, actor, now, { action: 'handoff.created', entityType: 'handoff', entityId: id, after: view });
    return view;
  });
}

/** A partner's inbox (their teams' handoffs) or, for staff, every handoff. */
export async function listHandoffs(deps: Deps, actor: Actor, filter: { status: 'open' | 'answered' | 'all'; caseId?: string }): Promise<HandoffView[]> {
  let query = handoffQuery(deps.db);
  const role = actor.user?.role;
  if (filter.caseId) {
    const { row, access } = await loadCaseFor(deps.db, actor, filter.caseId);
    // Handoffs are the service's internal conversation with other departments.
    if (access === 'requester') return [];
    query = query.where('h.case_id', '=', row.id);
    if (access === 'partner') query = query.where('h.team_id', 'in', actor.user!.teamIds);
  } else if (role === 'partner') {
    if (!actor.user!.teamIds.length) return [];
    query = query.where('h.team_id', 'in', actor.user!.teamIds);
  } else if (!role || !CASE_READERS.includes(role)) {
    throw new AppError('forbidden', 'your role has no handoff inbox');
  }
  if (filter.status !== 'all') query = query.where('h.status', '=', filter.status);
  const rows = await query.orderBy('h.due_at', filter.status === 'open' ? 'asc' : 'desc').limit(500).execute();
  const now = deps.clock.now();
  return rows.map((r) => presentHandoff(r, now, actor));
}

/** The department answers; the case's assignee hears about it. */
export async function answerHandoff(deps: Deps, actor: Actor, handoffId: string, answer: string): Promise<HandoffView> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const handoff = await trx.selectFrom('handoffs').selectAll().where('id', '=', handoffId).forUpdate().executeTakeFirst();
    const allowed = handoff !== undefined && mayAnswer(actor, handoff.team_id);
    // A partner of another department learns nothing about the handoff, not even that it exists.
    if (!handoff || (!allowed && actor.user?.role === 'partner')) throw AppError.notFound('handoff');
    if (!allowed) throw new AppError('forbidden', 'only the team asked (or a lead) answers a handoff');
    if (handoff.status !== 'open') throw new AppError('conflict', `this handoff is ${handoff.status} already`);
    await trx
      .updateTable('handoffs')
      .set({ status: 'answered', answer, answered_by: actor.user?.id ?? null, answered_at: now })
      .where('id', '=', handoffId)
      .execute();
    const team = await trx.selectFrom('teams').select(['id', 'name']).where('id', '=', handoff.team_id).executeTakeFirstOrThrow();
    await insertEvent(trx, { caseId: handoff.case_id, at: now, actorId: actor.user?.id ?? null, kind: 'handoff_answered', data: { handoffId, team, answer } });
    const owner = await trx.selectFrom('cases').select(['assignee_id']).where('id', '=', handoff.case_id).executeTakeFirstOrThrow();
    await trx.updateTable('cases').set({ updated_at: now }).where('id', '=', handoff.case_id).execute();
    await applySla(trx, now, handoff.case_id, { type: 'handoff_closed', handoffId: handoff.id, reason: 'handoff_answered' });
    if (owner.assignee_id) {
      await notify(trx, { userIds: [owner.assignee_id], kind: 'handoff_answered', caseId: handoff.case_id, data: { handoffId, team: team.name }, at: now });
    }
    const view = presentHandoff(await handoffQuery(trx).where('h.id', '=', handoffId).executeTakeFirstOrThrow(), now, actor);
    await recordAudit(trx, actor, now, { action: 'handoff.answered', entityType: 'handoff', entityId: handoffId, after: view });
    return view;
  });
}
