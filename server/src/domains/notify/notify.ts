import { type QueryCreator, sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import type { Database } from '../../db/schema.js';
import { queueMail, withQueuedMails } from './mail.js';
import { isMailKind } from './mail-templates.js';

export interface InAppNotification {
  userIds: string[];
  kind: 'case_resolved' | 'handoff_assigned' | 'handoff_answered' | 'handoff_overdue' | 'sla_warning' | 'sla_breached' | 'critical_page' | 'case_assigned' | 'case_waiting' | 'csat_low';
  caseId: string | null;
  data?: Record<string, unknown>;
  at: Date;
}

/**
 * Delivers in-app notifications, in the transaction of the change that causes them (so a
 * rolled-back change notifies nobody). The kinds someone must act on also queue an e-mail.
 */
export async function notify(db: Db, n: InAppNotification): Promise<void> {
  const recipients = [...new Set(n.userIds)];
  if (recipients.length === 0) return;
  await db
    .insertInto('notifications')
    .values(recipients.map((userId) => ({ user_id: userId, kind: n.kind, case_id: n.caseId, data: JSON.stringify(n.data ?? {}), created_at: n.at })))
    .execute();
  // What someone must act on now also goes out by e-mail, in their language.
  if (isMailKind(n.kind)) await queueMail(db, n.at, { userIds: recipients, kind: n.kind, caseId: n.caseId, data: n.data ?? {} });
}

/**
 * notify as part of a caller's statement (rolled back with it): CTE `<as>_n` inserts one in-app
 * notification per row of the CTE `source` (user_id, kind, case_id, data, at), and the kinds someone
 * must act on also queue an e-mail (withQueuedMails). The rows name each user once per cause.
 */
export function withNotifications(qc: QueryCreator<Database>, source: string, as: string): QueryCreator<Database> {
  const notified = qc.with(`${as}_n`, () =>
    sql`(INSERT INTO notifications (user_id, kind, case_id, data, created_at)
      SELECT s.user_id, s.kind, s.case_id, s.data, s.at FROM ${sql.table(source)} s)`,
  ) as unknown as QueryCreator<Database>;
  return withQueuedMails(notified, source, as);
}

/** Active members of the given teams (e.g. a partner department's people). */
export async function teamMemberIds(db: Db, teamIds: string[]): Promise<string[]> {
  if (teamIds.length === 0) return [];
  const rows = await db
    .selectFrom('team_members')
    .innerJoin('users', 'users.id', 'team_members.user_id')
    .select('users.id')
    .where('team_members.team_id', 'in', teamIds)
    .where('users.active', '=', true)
    .execute();
  return rows.map((r) => r.id);
}

/** A person's latest notifications, newest first, and how many are unread. */
export async function listNotifications(db: Db, userId: string, limit: number) {
  const rows = await db
    .selectFrom('notifications as n')
    .leftJoin('cases as c', 'c.id', 'n.case_id')
    .select(['n.id', 'n.kind', 'n.data', 'n.created_at', 'n.read_at', 'c.id as case_id', 'c.number', 'c.title'])
    .where('n.user_id', '=', userId)
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(limit)
    .execute();
  const unread = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      case: r.case_id ? { id: r.case_id, number: r.number!, title: r.title! } : null,
      data: r.data,
      createdAt: r.created_at.toISOString(),
      readAt: r.read_at?.toISOString() ?? null,
    })),
    unread: Number(unread.n),
  };
}

/** Marks one of the person's own notifications read; false when there is no such notification. */
export async function markNotificationRead(db: Db, userId: string, id: number, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Marks the given notifications of a person read, or all of them; returns how many changed. */
export async function markNotificationsRead(db: Db, userId: string, which: { ids?: number[]; all?: boolean }, at: Date): Promise<number> {
  let query = db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (!which.all) query = query.where('id', 'in', which.ids?.length ? which.ids : [0]);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
