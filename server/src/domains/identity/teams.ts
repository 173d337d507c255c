import type { AssignmentStrategy, TeamKind } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { type Deps, isUniqueViolation } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { ACCESS, authorize } from './policy.js';
import * as q from './queries.js';
import { type TeamView, presentTeam } from './present.js';
import { identityChanged } from './identity-cache.js';

export interface TeamInput {
  name: string;
  kind: TeamKind;
  region?: string | null;
  /** Automatic assignment for a service team: the strategy, and the open cases an agent may hold. */
  assignment?: { strategy: AssignmentStrategy; capacity?: number | null };
}

function nameTaken(): AppError {
  return new AppError('team_name_taken', 'a team with this name exists already', [
    { field: 'name', message: 'is already used by another team', code: 'taken' },
  ]);
}

export async function listTeams(deps: Deps, actor: Actor): Promise<TeamView[]> {
  authorize(actor, ACCESS.readDirectory);
  return (await q.listTeams(deps.db)).map(presentTeam);
}

/** Creates a service team or a partner department. */
export async function createTeam(deps: Deps, actor: Actor, input: TeamInput): Promise<TeamView> {
  authorize(actor, ACCESS.manageTeams);
  const now = deps.clock.now();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      if (input.region && !(await q.regionExists(trx, input.region))) {
        throw AppError.validation('region', `unknown region ${input.region}`, 'unknown_reference');
      }
      if (await q.teamNameTaken(trx, input.name)) throw nameTaken();
      const { id } = await trx
        .insertInto('teams')
        .values({
          name: input.name.trim(),
          kind: input.kind,
          region: input.region ?? null,
          ...(input.assignment ? { assignment_strategy: input.assignment.strategy, assignment_capacity: input.assignment.capacity ?? null } : {}),
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const team = presentTeam((await q.findTeam(trx, id))!);
      await recordAudit(trx, actor, now, { action: 'team.created', entityType: 'team', entityId: id, after: team });
      return team;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'teams_name_key')) throw nameTaken();
    throw error;
  }
}

export async function updateTeam(deps: Deps, actor: Actor, id: string, patch: Partial<TeamInput>): Promise<TeamView> {
  authorize(actor, ACCESS.manageTeams);
  const now = deps.clock.now();
  try {
    const updated = await deps.db.transaction().execute(async (trx) => {
      const existing = await q.findTeam(trx, id);
      if (!existing) throw AppError.notFound('team');
      if (patch.region && !(await q.regionExists(trx, patch.region))) {
        throw AppError.validation('region', `unknown region ${patch.region}`, 'unknown_reference');
      }
      if (patch.name && (await q.teamNameTaken(trx, patch.name, id))) throw nameTaken();
      await trx
        .updateTable('teams')
        .set({
          ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
          ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
          ...(patch.region !== undefined ? { region: patch.region } : {}),
          ...(patch.assignment !== undefined ? { assignment_strategy: patch.assignment.strategy, assignment_capacity: patch.assignment.capacity ?? null } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      const team = presentTeam((await q.findTeam(trx, id))!);
      await recordAudit(trx, actor, now, {
        action: 'team.updated',
        entityType: 'team',
        entityId: id,
        before: presentTeam(existing),
        after: team,
      });
      return team;
    });
    // A team's name orders the teams an actor carries.
    identityChanged();
    return updated;
  } catch (error) {
    if (isUniqueViolation(error, 'teams_name_key')) throw nameTaken();
    throw error;
  }
}

/**
 * Turns an agent's availability for automatic assignment on or off. People set their own; leads
 * set it for the members of their teams, admins for anyone.
 */
export async function setAvailability(deps: Deps, actor: Actor, userId: string, available: boolean): Promise<{ id: string; available: boolean }> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'available']).where('id', '=', userId).forUpdate().executeTakeFirst();
    if (!user) throw AppError.notFound('user');
    const self = actor.user?.id === userId;
    const role = actor.user?.role;
    const teamIds = actor.user?.teamIds ?? [];
    const leadsThem =
      role === 'lead' &&
      teamIds.length > 0 &&
      (await trx.selectFrom('team_members').select('user_id').where('user_id', '=', userId).where('team_id', 'in', teamIds).executeTakeFirst()) !== undefined;
    if (!self && !leadsThem && role !== 'admin' && actor.via !== 'cli' && actor.via !== 'system') {
      throw new AppError('forbidden', 'you set your own availability; leads set it for their teams, admins for anyone');
    }
    await trx.updateTable('users').set({ available, updated_at: now }).where('id', '=', userId).execute();
    await recordAudit(trx, actor, now, { action: 'user.availability', entityType: 'user', entityId: userId, before: { available: user.available }, after: { available } });
    return { id: userId, available };
  });
}
