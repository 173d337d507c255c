import type { Locale, Role, UserRow } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { type Deps, isUniqueViolation } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, encodeCursor, isUuid } from '../../platform/cursor.js';
import { hashPassword } from '../../platform/secrets.js';
import type { Db } from '../../db/pool.js';
import { ACCESS, authorize } from './policy.js';
import * as q from './queries.js';
import { type UserView, presentUser } from './present.js';
import { identityChanged } from './identity-cache.js';

export interface UserInput {
  email: string;
  displayName: string;
  role: Role;
  teamIds?: string[];
  region?: string | null;
  languages?: string[];
  locale?: Locale;
  password?: string;
  active?: boolean;
}

/** Loads a user with teams in the public shape. */
export async function viewUser(db: Db, id: string): Promise<UserView> {
  const row = await q.findUserById(db, id);
  if (!row) throw AppError.notFound('user');
  return presentUser(row, (await q.teamsOfUsers(db, [id])).get(id) ?? []);
}

/** Checks region and teams exist; returns the team ids as the database prints them (lower case, once each). */
async function checkReferences(db: Db, input: Partial<UserInput>): Promise<string[] | undefined> {
  const teamIds = input.teamIds && [...new Set(input.teamIds.map((id) => id.toLowerCase()))];
  if (input.region && !(await q.regionExists(db, input.region))) {
    throw AppError.validation('region', `unknown region ${input.region}`, 'unknown_reference');
  }
  if (teamIds?.length) {
    const found = await q.existingTeamIds(db, teamIds);
    const missing = input.teamIds!.findIndex((id) => !found.has(id.toLowerCase()));
    if (missing >= 0) throw AppError.validation(`teamIds[${missing}]`, 'unknown team', 'unknown_reference');
  }
  return teamIds;
}

function auditable(user: UserView) {
  return { ...user, teams: user.teams.map((t) => t.id) };
}

/**
 * Creates a person (admins, or the CLI for the first admin). Bulk loaders that give many
 * people one password pass its hash once in `opts.passwordHash` instead of paying scrypt per person.
 */
export async function createUser(
  deps: Deps,
  actor: Actor,
  input: UserInput,
  opts: { passwordHash?: string } = {},
): Promise<UserView> {
  authorize(actor, ACCESS.manageUsers);
  const now = deps.clock.now();
  const passwordHash = opts.passwordHash ?? (input.password ? await hashPassword(input.password) : null);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const teamIds = await checkReferences(trx, input);
      if (await q.emailTaken(trx, input.email)) throw emailTaken();
      const row = await trx
        .insertInto('users')
        .values({
          email: input.email.trim(),
          display_name: input.displayName.trim(),
          role: input.role,
          region: input.region ?? null,
          languages: input.languages ?? [],
          locale: input.locale ?? 'en',
          active: input.active ?? true,
          password_hash: passwordHash,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await q.replaceUserTeams(trx, row.id, teamIds ?? []);
      const user = await viewUser(trx, row.id);
      await recordAudit(trx, actor, now, { action: 'user.created', entityType: 'user', entityId: row.id, after: auditable(user) });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_key')) throw emailTaken();
    throw error;
  }
}

function emailTaken(): AppError {
  return new AppError('email_taken', 'a user with this e-mail exists already', [
    { field: 'email', message: 'is already used by another user', code: 'taken' },
  ]);
}

/** Changes a person; deactivating one also ends their sessions (their tokens stop working too). */
export async function updateUser(deps: Deps, actor: Actor, id: string, patch: Partial<UserInput>): Promise<UserView> {
  authorize(actor, ACCESS.manageUsers);
  const now = deps.clock.now();
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  try {
    const updated = await deps.db.transaction().execute(async (trx) => {
      const before = await viewUser(trx, id);
      const teamIds = await checkReferences(trx, patch);
      if (patch.email && (await q.emailTaken(trx, patch.email, id))) throw emailTaken();
      const losesAdmin = before.role === 'admin' && before.active && ((patch.role && patch.role !== 'admin') || patch.active === false);
      if (losesAdmin && (await q.countActiveAdmins(trx, id)) === 0) {
        throw new AppError('last_admin', 'this is the last active admin; make someone else admin first', [
          { field: patch.active === false ? 'active' : 'role', message: 'would leave nobody able to administer Closeloop' },
        ]);
      }
      const changes: Partial<UserRow> = {};
      if (patch.email !== undefined) changes.email = patch.email.trim();
      if (patch.displayName !== undefined) changes.display_name = patch.displayName.trim();
      if (patch.role !== undefined) changes.role = patch.role;
      if (patch.region !== undefined) changes.region = patch.region;
      if (patch.languages !== undefined) changes.languages = patch.languages;
      if (patch.locale !== undefined) changes.locale = patch.locale;
      if (patch.active !== undefined) changes.active = patch.active;
      if (passwordHash) changes.password_hash = passwordHash;
      await trx.updateTable('users').set({ ...changes, updated_at: now }).where('id', '=', id).execute();
      if (teamIds !== undefined) await q.replaceUserTeams(trx, id, teamIds);
      if (patch.active === false || passwordHash) {
        await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
      }
      const after = await viewUser(trx, id);
      await recordAudit(trx, actor, now, {
        action: 'user.updated',
        entityType: 'user',
        entityId: id,
        before: auditable(before),
        after: { ...auditable(after), ...(passwordHash ? { passwordChanged: true } : {}) },
      });
      return after;
    });
    identityChanged();
    return updated;
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_key')) throw emailTaken();
    throw error;
  }
}

export interface UserPage {
  items: UserView[];
  nextCursor: string | null;
}

/** A page of the directory; the cursor is opaque to clients. */
export async function listUsers(
  deps: Deps,
  actor: Actor,
  filter: Omit<q.UserFilter, 'after'> & { cursor?: string },
): Promise<UserPage> {
  authorize(actor, ACCESS.readDirectory);
  const decoded = filter.cursor ? decodeCursor(filter.cursor, (v) => v.length === 2 && isUuid(v[1]!)) : undefined;
  const after = decoded ? { displayName: decoded[0]!, id: decoded[1]! } : undefined;
  const rows = await q.listUsers(deps.db, { ...filter, after, limit: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  const teams = await q.teamsOfUsers(deps.db, page.map((r) => r.id));
  const last = page[page.length - 1];
  return {
    items: page.map((r) => presentUser(r, teams.get(r.id) ?? [])),
    nextCursor: rows.length > filter.limit && last ? encodeCursor([last.display_name, last.id]) : null,
  };
}

/** A person changes their own display name or interface language. */
export async function updateOwnProfile(
  deps: Deps,
  actor: Actor,
  patch: { locale?: Locale; displayName?: string },
): Promise<UserView> {
  if (!actor.user) throw new AppError('unauthenticated', 'sign in first');
  const self = actor.user.id;
  const now = deps.clock.now();
  const updated = await deps.db.transaction().execute(async (trx) => {
    const before = await viewUser(trx, self);
    await trx
      .updateTable('users')
      .set({
        ...(patch.locale ? { locale: patch.locale } : {}),
        ...(patch.displayName ? { display_name: patch.displayName.trim() } : {}),
        updated_at: now,
      })
      .where('id', '=', self)
      .execute();
    const after = await viewUser(trx, self);
    await recordAudit(trx, actor, now, {
      action: 'user.profile_updated',
      entityType: 'user',
      entityId: self,
      before: { locale: before.locale, displayName: before.displayName },
      after: { locale: after.locale, displayName: after.displayName },
    });
    return after;
  });
  identityChanged();
  return updated;
}
