// Critical escalations: raised on a case for an authority, paged up its ladder until someone
// acknowledges; resolving the case ends them. Paging runs on the job runner, once per page.
import type { Db } from '../../db/pool.js';
import type { CriticalEscalationRow, LadderTarget } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { type JobHandler, enqueueJob } from '../../platform/jobs.js';
import { loadCaseFor } from '../cases/get-case.js';
import { insertEvent } from '../cases/queries.js';
import { authorize } from '../identity/policy.js';
import { notify } from '../notify/notify.js';
import { ESCALATION_OVERSEERS, ESCALATION_RAISERS, ESCALATION_READERS } from './policy.js';

export const PAGE_JOB = 'escalation.page';

/** The people a ladder level pages: the person, a team's active members, or those with a role in it. */
async function recipientsOf(db: Db, target: LadderTarget): Promise<string[]> {
  if ('user' in target) {
    const user = await db.selectFrom('users').select('id').where('id', '=', target.user).where('active', '=', true).executeTakeFirst();
    return user ? [user.id] : [];
  }
  let query = db
    .selectFrom('team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.id')
    .where('m.team_id', '=', target.team)
    .where('u.active', '=', true);
  if (target.role) query = query.where('u.role', '=', target.role);
  return (await query.orderBy('u.id').execute()).map((r) => r.id);
}

/**
 * Sends page number `seq` at `level`, unless it went out already (a retried job), and books
 * the next page for when this level's timeout runs out. Call inside a transaction holding the
 * escalation row.
 */
async function sendPage(db: Db, now: Date, esc: CriticalEscalationRow, seq: number, level: number): Promise<void> {
  const step = esc.levels[level]!;
  const recipients = await recipientsOf(db, step.notify);
  const page = await db
    .insertInto('critical_pages')
    .values({ escalation_id: esc.id, seq, level, recipients, paged_at: now })
    .onConflict((oc) => oc.columns(['escalation_id', 'seq']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!page) return;
  await db.updateTable('critical_escalations').set({ level, pages_sent: seq, last_paged_at: now }).where('id', '=', esc.id).execute();
  await notify(db, { userIds: recipients, kind: 'critical_page', caseId: esc.case_id, data: { escalationId: esc.id, level: level + 1, reason: esc.reason }, at: now });
  await insertEvent(db, { caseId: esc.case_id, at: now, actorId: null, kind: 'critical_paged', data: { escalationId: esc.id, level: level + 1, recipients: recipients.length } });
  await enqueueJob(db, now, {
    kind: PAGE_JOB,
    payload: { escalationId: esc.id, seq: seq + 1 },
    runAt: new Date(now.getTime() + step.timeoutSeconds * 1000),
    dedupeKey: `critical-page:${esc.id}:${seq + 1}`,
  });
}

/**
 * Raises a critical escalation and pages the first level, in the caller's transaction (the
 * API, an SLA breach action, a routing rule). One open escalation per case and authority:
 * raising again returns the one under way. `filedWithId`: raised as the case is filed, under the
 * id its routing record already names (none can be under way on a case being filed).
 */
export async function raiseEscalation(
  db: Db,
  now: Date,
  input: { caseId: string; authorityId: string; reason: string; raisedBy: string | null; filedWithId?: string },
): Promise<string> {
  const authority = await db
    .selectFrom('escalation_authorities as a')
    .innerJoin('escalation_ladders as l', 'l.id', 'a.ladder_id')
    .select(['a.id', 'a.name', 'l.levels'])
    .where('a.id', '=', input.authorityId)
    .executeTakeFirst();
  if (!authority) throw AppError.validation('authority', 'is not an escalation authority', 'unknown_reference');
  const open = input.filedWithId
    ? undefined
    : await db
        .selectFrom('critical_escalations')
        .select('id')
        .where('case_id', '=', input.caseId)
        .where('authority_id', '=', authority.id)
        .where('status', '=', 'open')
        .executeTakeFirst();
  if (open) return open.id;
  const esc = await db
    .insertInto('critical_escalations')
    .values({ ...(input.filedWithId ? { id: input.filedWithId } : {}), case_id: input.caseId, authority_id: authority.id, levels: JSON.stringify(authority.levels), reason: input.reason, status: 'open', raised_by: input.raisedBy, raised_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await insertEvent(db, { caseId: input.caseId, at: now, actorId: input.raisedBy, kind: 'critical_raised', data: { escalationId: esc.id, authority: { id: authority.id, name: authority.name }, reason: input.reason } });
  await sendPage(db, now, esc, 1, 0);
  return esc.id;
}

/** The page job: unacknowledged at the timeout, the next level (or the last one again) is paged. */
export const pageNextLevel: JobHandler = async (deps, job) => {
  const { escalationId, seq } = job.payload as { escalationId: string; seq: number };
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const esc = await trx.selectFrom('critical_escalations').selectAll().where('id', '=', escalationId).forUpdate().executeTakeFirst();
    if (!esc || esc.status !== 'open' || esc.pages_sent >= seq) return;
    await sendPage(trx, now, esc, seq, Math.min(esc.level + 1, esc.levels.length - 1));
  });
};

/** Ends the case's escalations (it was resolved or closed). */
export async function endEscalations(db: Db, now: Date, caseId: string, reason: string): Promise<void> {
  await db.updateTable('critical_escalations').set({ status: 'ended', ended_at: now, end_reason: reason }).where('case_id', '=', caseId).where('status', '<>', 'ended').execute();
}

function escalationQuery(db: Db) {
  return db
    .selectFrom('critical_escalations as e')
    .innerJoin('escalation_authorities as a', 'a.id', 'e.authority_id')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .leftJoin('users as r', 'r.id', 'e.raised_by')
    .leftJoin('users as k', 'k.id', 'e.acknowledged_by')
    .selectAll('e')
    .select(['a.name as authority_name', 'a.risk_type', 'a.region', 'c.number', 'c.title', 'r.display_name as raised_by_name', 'k.display_name as acknowledged_by_name']);
}
type EscalationWithRefs = Awaited<ReturnType<ReturnType<typeof escalationQuery>['executeTakeFirstOrThrow']>>;

async function present(db: Db, rows: EscalationWithRefs[]) {
  const ids = rows.map((r) => r.id);
  const pages = ids.length ? await db.selectFrom('critical_pages').selectAll().where('escalation_id', 'in', ids).orderBy('seq').execute() : [];
  const people = [...new Set(pages.flatMap((p) => p.recipients))];
  const names = new Map(people.length ? (await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', people).execute()).map((u) => [u.id, u.display_name]) : []);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return rows.map((r) => ({
    id: r.id,
    case: { id: r.case_id, number: r.number, title: r.title },
    authority: { id: r.authority_id, name: r.authority_name, riskType: r.risk_type, region: r.region },
    reason: r.reason,
    status: r.status,
    level: r.level + 1,
    levels: r.levels.length,
    raisedAt: r.raised_at.toISOString(),
    raisedBy: r.raised_by ? { id: r.raised_by, displayName: r.raised_by_name ?? '' } : null,
    lastPagedAt: iso(r.last_paged_at),
    acknowledgedAt: iso(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by ? { id: r.acknowledged_by, displayName: r.acknowledged_by_name ?? '' } : null,
    endedAt: iso(r.ended_at),
    endReason: r.end_reason,
    pages: pages
      .filter((p) => p.escalation_id === r.id)
      .map((p) => ({ seq: p.seq, level: p.level + 1, pagedAt: p.paged_at.toISOString(), recipients: p.recipients.map((id) => ({ id, displayName: names.get(id) ?? '' })) })),
  }));
}
export type EscalationView = Awaited<ReturnType<typeof present>>[number];

async function viewEscalation(db: Db, id: string): Promise<EscalationView> {
  const row = await escalationQuery(db).where('e.id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound('critical escalation');
  return (await present(db, [row]))[0]!;
}

export async function getEscalation(deps: Deps, actor: Actor, id: string): Promise<EscalationView> {
  authorize(actor, ESCALATION_READERS);
  return viewEscalation(deps.db, id);
}

/** The board: escalations by status, newest first. */
export async function listEscalations(deps: Deps, actor: Actor, filter: { status: 'open' | 'acknowledged' | 'ended' | 'all'; caseId?: string }): Promise<EscalationView[]> {
  authorize(actor, ESCALATION_READERS);
  let query = escalationQuery(deps.db).orderBy('e.raised_at', 'desc').limit(200);
  if (filter.status !== 'all') query = query.where('e.status', '=', filter.status);
  if (filter.caseId) query = query.where('e.case_id', '=', filter.caseId);
  return present(deps.db, await query.execute());
}

export async function raiseCritical(deps: Deps, actor: Actor, caseId: string, input: { authority: string; reason: string }): Promise<EscalationView> {
  authorize(actor, ESCALATION_RAISERS);
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const { row, access } = await loadCaseFor(trx, actor, caseId);
    if (access !== 'worker') throw new AppError('forbidden', 'only people who work cases raise critical escalations');
    if (row.status === 'resolved' || row.status === 'closed') {
      throw new AppError('illegal_transition', 'a resolved or closed case takes no critical escalation', [{ field: 'case', message: `is ${row.status}` }]);
    }
    const escalationId = await raiseEscalation(trx, now, { caseId: row.id, authorityId: input.authority, reason: input.reason, raisedBy: actor.user?.id ?? null });
    await recordAudit(trx, actor, now, { action: 'critical_escalation.raised', entityType: 'critical_escalation', entityId: escalationId, after: { case: row.number, authority: input.authority, reason: input.reason } });
    return escalationId;
  });
  return getEscalation(deps, actor, id);
}

/** Stops the paging. The people paged may acknowledge, and leads, managers and admins. */
export async function acknowledgeEscalation(deps: Deps, actor: Actor, id: string): Promise<EscalationView> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const esc = await trx.selectFrom('critical_escalations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!esc) throw AppError.notFound('critical escalation');
    const userId = actor.user?.id;
    const paged = userId
      ? await trx.selectFrom('critical_pages').select('id').where('escalation_id', '=', id).where(({ eb, val }) => eb(val(userId), '=', eb.fn.any('recipients'))).executeTakeFirst()
      : undefined;
    if (!paged && !(actor.user && ESCALATION_OVERSEERS.includes(actor.user.role))) {
      throw new AppError('forbidden', 'only the people paged, leads, managers and admins acknowledge an escalation');
    }
    if (esc.status !== 'open') {
      throw new AppError('conflict', esc.status === 'acknowledged' ? 'this escalation was acknowledged already' : 'this escalation has ended', [{ field: 'id', message: `is ${esc.status}` }]);
    }
    await trx.updateTable('critical_escalations').set({ status: 'acknowledged', acknowledged_by: userId ?? null, acknowledged_at: now }).where('id', '=', id).execute();
    await insertEvent(trx, { caseId: esc.case_id, at: now, actorId: userId ?? null, kind: 'critical_acknowledged', data: { escalationId: id, level: esc.level + 1, afterSeconds: (now.getTime() - esc.raised_at.getTime()) / 1000 } });
    await recordAudit(trx, actor, now, { action: 'critical_escalation.acknowledged', entityType: 'critical_escalation', entityId: id, after: { level: esc.level + 1 } });
  });
  // Whoever was paged sees what they acknowledged, partner departments included.
  return viewEscalation(deps.db, id);
}
