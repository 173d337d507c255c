import type { Db } from '../../db/pool.js';

export interface InAppNotification {
  userIds: string[];
  kind: 'case_resolved' | 'handoff_assigned' | 'handoff_answered' | 'handoff_overdue';
  caseId: string | null;
  data?: Record<string, unknown>;
  at: Date;
}

/**
 * Delivers in-app notifications, in the transaction of the change that causes them (so a
 * rolled-back change notifies nobody). E-mail delivery builds on the same rows later.
 */
export async function notify(db: Db, n: InAppNotification): Promise<void> {
  const recipients = [...new Set(n.userIds)];
  if (recipients.length === 0) return;
  await db
    .insertInto('notifications')
    .values(recipients.map((userId) => ({ user_id: userId, kind: n.kind, case_id: n.caseId, data: JSON.stringify(n.data ?? {}), created_at: n.at })))
    .execute();
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
