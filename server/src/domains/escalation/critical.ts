// Critical escalations: raised on a case for an authority, paged up its ladder until someone
// acknowledges; resolving the case ends them. Paging runs on the job runner, once per page.
import { randomUUID } from 'node:crypto';
import { type QueryCreator, type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import type { JobHandler } from '../../platform/jobs.js';
import { loadCaseFor } from '../cases/get-case.js';
import { insertEvent, insertEventsSql } from '../cases/queries.js';
import { authorize } from '../identity/policy.js';
import { withNotifications } from '../notify/notify.js';
import { ESCALATION_OVERSEERS, ESCALATION_RAISERS, ESCALATION_READERS } from './policy.js';

export const PAGE_JOB = 'escalation.page';

/** The people a page source's level (its `step`) pages: the person, a team's active members, or those with a role in it. */
const recipientsSql = sql`array(
  SELECT id FROM (
    SELECT u.id FROM users u WHERE u.id = (s.step #>> '{notify,user}')::uuid AND u.active
    UNION
    SELECT u.id FROM team_members m JOIN users u ON u.id = m.user_id
     WHERE m.team_id = (s.step #>> '{notify,team}')::uuid AND u.active
       AND (s.step #>> '{notify,role}' IS NULL OR u.role = s.step #>> '{notify,role}')
  ) r ORDER BY id)`;

/**
 * Sends the pages the CTE `xs` names (escalation_id, case_id, seq, level, step, reason, at, ord),
 * each unless it went out already (a retried job): CTEs that insert the page (`xg`, and `xpg`: the
 * pages sent, with their source), notify and mail the people paged, and book the next page for
 * when the level's timeout runs out. The `critical_paged` events are the caller's to insert, from
 * pagedEventsSql, with the statement's other events.
 */
function withPages(qc: QueryCreator<Database>): QueryCreator<Database> {
  const paged = qc
    .with('xg', () =>
      sql`(INSERT INTO critical_pages (escalation_id, seq, level, recipients, paged_at)
        SELECT s.escalation_id, s.seq, s.level, ${recipientsSql}, s.at FROM xs s
        ON CONFLICT (escalation_id, seq) DO NOTHING
        RETURNING escalation_id, seq, level, recipients)`,
    )
    .with('xpg', () => sql`(SELECT g.escalation_id, g.seq, g.level, g.recipients, s.case_id, s.step, s.reason, s.at, s.ord FROM xg g JOIN xs s USING (escalation_id))`)
    .with('xpn', () =>
      sql`(SELECT r.user_id, 'critical_page' AS kind, p.case_id, jsonb_build_object('escalationId', p.escalation_id, 'level', p.level + 1, 'reason', p.reason) AS data, p.at
            FROM xpg p CROSS JOIN unnest(p.recipients) AS r (user_id))`,
    ) as unknown as QueryCreator<Database>;
  return withNotifications(paged, 'xpn', 'page').with('xpj', () =>
    sql`(INSERT INTO jobs (kind, payload, run_at, created_at, dedupe_key)
      SELECT ${PAGE_JOB}, jsonb_build_object('escalationId', escalation_id, 'seq', seq + 1),
             at + make_interval(secs => (step ->> 'timeoutSeconds')::int), at,
             'critical-page:' || escalation_id || ':' || (seq + 1)
        FROM xpg
      ON CONFLICT (dedupe_key) DO NOTHING)`,
  ) as unknown as QueryCreator<Database>;
}

/** The `critical_paged` events of the pages withPages sent, as rows for insertEventsSql (after their source's `ord`). */
const pagedEventsSql = sql`SELECT case_id, at, NULL::uuid AS actor_id, 'critical_paged' AS kind,
             jsonb_build_object('escalationId', escalation_id, 'level', level + 1, 'recipients', cardinality(recipients)) AS data, ord + 1 AS ord
        FROM xpg`;

/** A critical escalation to raise, under an id chosen before (intake's routing record names it). */
export interface Raise {
  id: string;
  caseId: string;
  authorityId: string;
  reason: string;
  raisedBy: string | null;
  /** When it is raised and first paged: its case's filing time at intake. */
  at: Date;
  /** Where its events go among the statement's others (critical_raised at ord, critical_paged at ord + 1). */
  ord: number;
}

/**
 * Raising escalations as part of a caller's statement, in its transaction or with its case: CTEs
 * that insert each escalation (`xe`, with its authority's ladder as it is now) and page its first
 * level (withPages). An authority that does not exist fails the statement (its foreign key).
 * `raises` is raisesJson's. Returns the statement and its events (critical_raised, critical_paged) as rows for
 * insertEventsSql, which the caller inserts with its own.
 */
export function withRaisedEscalations(qc: QueryCreator<Database>, raises: string): { creator: QueryCreator<Database>; events: RawBuilder<unknown> } {
  const raised = qc
    .with('xr', () => sql`(SELECT * FROM jsonb_to_recordset(${raises}::jsonb) AS r (id uuid, case_id uuid, authority_id uuid, reason text, raised_by uuid, at timestamptz, ord int))`)
    .with('xe', () =>
      sql<{ id: string }>`(INSERT INTO critical_escalations (id, case_id, authority_id, levels, reason, status, level, pages_sent, raised_by, raised_at, last_paged_at)
        SELECT r.id, r.case_id, r.authority_id,
               (SELECT l.levels FROM escalation_authorities a JOIN escalation_ladders l ON l.id = a.ladder_id WHERE a.id = r.authority_id),
               r.reason, 'open', 0, 1, r.raised_by, r.at, r.at
          FROM xr r
        RETURNING id, case_id, levels, reason)`,
    )
    .with('xs', () => sql`(SELECT e.id AS escalation_id, e.case_id, 1 AS seq, 0 AS level, e.levels -> 0 AS step, e.reason, r.at, r.ord FROM xe e JOIN xr r USING (id))`) as unknown as QueryCreator<Database>;
  const events = sql`SELECT r.case_id, r.at, r.raised_by AS actor_id, 'critical_raised' AS kind,
                            jsonb_build_object('escalationId', r.id, 'authority', jsonb_build_object('id', a.id, 'name', a.name), 'reason', r.reason) AS data, r.ord
                       FROM xr r JOIN escalation_authorities a ON a.id = r.authority_id
                     UNION ALL ${pagedEventsSql}`;
  return { creator: withPages(raised), events };
}

/** Raises as withRaisedEscalations takes them: one parameter however many, so intake's statement keeps one text (see recordsetSql). */
export const raisesJson = (raises: Raise[]) =>
  JSON.stringify(raises.map((r) => ({ id: r.id, case_id: r.caseId, authority_id: r.authorityId, reason: r.reason, raised_by: r.raisedBy, at: r.at, ord: r.ord })));

/**
 * Raises a critical escalation and pages the first level, in the caller's transaction (the API,
 * an SLA breach action, a routing rule after the case changed): one statement. One open
 * escalation per case and authority: raising again returns the one under way. (Intake raises
 * with the case's own statement: withRaisedEscalations.)
 */
export async function raiseEscalation(db: Db, now: Date, input: { caseId: string; authorityId: string; reason: string; raisedBy: string | null }): Promise<string> {
  const authority = await db.selectFrom('escalation_authorities').select('id').where('id', '=', input.authorityId).executeTakeFirst();
  if (!authority) throw AppError.validation('authority', 'is not an escalation authority', 'unknown_reference');
  const open = await db
    .selectFrom('critical_escalations')
    .select('id')
    .where('case_id', '=', input.caseId)
    .where('authority_id', '=', authority.id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (open) return open.id;
  const id = randomUUID();
  const { creator, events } = withRaisedEscalations(db, raisesJson([{ ...input, id, at: now, ord: 0 }]));
  await creator.with('xv', () => insertEventsSql([events])).selectNoFrom(sql.lit(1).as('done')).execute();
  return id;
}

/** The page job: unacknowledged at the timeout, the next level (or the last one again) is paged. */
export const pageNextLevel: JobHandler = async (deps, job) => {
  const { escalationId, seq } = job.payload as { escalationId: string; seq: number };
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const esc = await trx.selectFrom('critical_escalations').selectAll().where('id', '=', escalationId).forUpdate().executeTakeFirst();
    if (!esc || esc.status !== 'open' || esc.pages_sent >= seq) return;
    const level = Math.min(esc.level + 1, esc.levels.length - 1);
    const source = trx.with('xs', () =>
      sql`(SELECT ${esc.id}::uuid AS escalation_id, ${esc.case_id}::uuid AS case_id, ${seq}::int AS seq, ${level}::int AS level, ${JSON.stringify(esc.levels[level])}::jsonb AS step, ${esc.reason}::text AS reason, ${now}::timestamptz AS at, 0 AS ord)`,
    ) as unknown as QueryCreator<Database>;
    await withPages(source)
      .with('xu', () => sql`(UPDATE critical_escalations e SET level = p.level, pages_sent = p.seq, last_paged_at = p.at FROM xpg p WHERE e.id = p.escalation_id)`)
      .with('xv', () => insertEventsSql([pagedEventsSql]))
      .selectNoFrom(sql.lit(1).as('done'))
      .execute();
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
