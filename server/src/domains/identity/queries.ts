import { sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import type { Role, TeamKind, TeamRow, UserRow } from '../../db/schema.js';

// The only place in the identity domain that writes SQL.

export interface TeamRef {
  id: string;
  name: string;
  kind: TeamKind;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function emailTaken(db: Db, email: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom('users').select('id').where(sql`lower(email)`, '=', email.toLowerCase());
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Teams of each given user, in one query. */
export async function teamsOfUsers(db: Db, userIds: string[]): Promise<Map<string, TeamRef[]>> {
  const result = new Map<string, TeamRef[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return result;
  const rows = await db
    .selectFrom('team_members')
    .innerJoin('teams', 'teams.id', 'team_members.team_id')
    .select(['team_members.user_id', 'teams.id', 'teams.name', 'teams.kind'])
    .where('team_members.user_id', 'in', userIds)
    .orderBy('teams.name')
    .execute();
  for (const row of rows) result.get(row.user_id)?.push({ id: row.id, name: row.name, kind: row.kind });
  return result;
}

export interface UserFilter {
  q?: string;
  role?: Role;
  teamId?: string;
  active?: boolean;
  after?: { displayName: string; id: string };
  limit: number;
}

/** A page of users ordered by display name, keyset-paginated. */
export async function listUsers(db: Db, filter: UserFilter): Promise<UserRow[]> {
  let query = db.selectFrom('users').selectAll('users');
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('display_name', 'ilike', pattern), eb('email', 'ilike', pattern)]));
  }
  if (filter.role) query = query.where('role', '=', filter.role);
  if (filter.active !== undefined) query = query.where('active', '=', filter.active);
  if (filter.teamId) {
    const teamId = filter.teamId;
    query = query.where('id', 'in', (eb) =>
      eb.selectFrom('team_members').select('user_id').where('team_id', '=', teamId),
    );
  }
  if (filter.after) {
    const { displayName, id } = filter.after;
    query = query.where(sql<boolean>`(display_name, id) > (${displayName}, ${id}::uuid)`);
  }
  return query.orderBy('display_name').orderBy('id').limit(filter.limit).execute();
}

/** Active admins other than `exceptId`; locked so two demotions can't both pass the check. */
export async function countActiveAdmins(db: Db, exceptId: string): Promise<number> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .where('id', '<>', exceptId)
    .forUpdate()
    .execute();
  return rows.length;
}

export async function replaceUserTeams(db: Db, userId: string, teamIds: string[]): Promise<void> {
  await db.deleteFrom('team_members').where('user_id', '=', userId).execute();
  if (teamIds.length > 0) {
    await db
      .insertInto('team_members')
      .values(teamIds.map((teamId) => ({ team_id: teamId, user_id: userId })))
      .execute();
  }
}

export async function existingTeamIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('teams').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function regionExists(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

export async function listRegions(db: Db) {
  return db.selectFrom('regions').selectAll().orderBy('code').execute();
}

export type TeamWithCount = TeamRow & { member_count: number };

function teamsWithCount(db: Db) {
  return db
    .selectFrom('teams')
    .selectAll('teams')
    .select((eb) =>
      eb
        .selectFrom('team_members')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('team_members.team_id', '=', 'teams.id')
        .as('member_count'),
    );
}

/** Service teams first, then partner departments, each by name. */
export async function listTeams(db: Db): Promise<TeamWithCount[]> {
  return teamsWithCount(db).orderBy('kind', 'desc').orderBy('name').execute() as Promise<TeamWithCount[]>;
}

export async function findTeam(db: Db, id: string): Promise<TeamWithCount | undefined> {
  return teamsWithCount(db).where('id', '=', id).executeTakeFirst() as Promise<TeamWithCount | undefined>;
}

export async function teamNameTaken(db: Db, name: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom('teams').select('id').where(sql`lower(name)`, '=', name.toLowerCase());
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}
