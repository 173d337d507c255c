import type { ApiTokenRow, UserRow } from '../../db/schema.js';
import type { TeamRef, TeamWithCount } from './queries.js';

/** The public shape of a user; never includes the password hash. */
export function presentUser(row: UserRow, teams: TeamRef[]) {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    region: row.region,
    languages: row.languages,
    locale: row.locale,
    active: row.active,
    available: row.available,
    skillCategories: row.skill_categories,
    teams,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
export type UserView = ReturnType<typeof presentUser>;

export function presentTeam(row: TeamWithCount) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    region: row.region,
    memberCount: row.member_count,
    assignment: { strategy: row.assignment_strategy, capacity: row.assignment_capacity },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
export type TeamView = ReturnType<typeof presentTeam>;

export function presentToken(row: ApiTokenRow) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}
export type TokenView = ReturnType<typeof presentToken>;
