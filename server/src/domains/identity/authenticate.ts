import { sql } from 'kysely';
import type { UserRow } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { secretDigest } from '../../platform/secrets.js';
import type { IdentityCache } from './identity-cache.js';
import { teamsOfUsers } from './queries.js';

// Activity timestamps are refreshed at most this often, so reads don't turn into writes.
const TOUCH_INTERVAL_MS = 60_000;

export async function actorFor(
  deps: Pick<Deps, 'db'>,
  user: UserRow,
  via: Actor['via'],
  requestId?: string,
): Promise<Actor> {
  const teams = (await teamsOfUsers(deps.db, [user.id])).get(user.id) ?? [];
  return actorOf(user, teams.map((t) => t.id), via, requestId);
}

function actorOf(user: UserRow, teamIds: string[], via: Actor['via'], requestId: string | undefined): Actor {
  return {
    user: { id: user.id, email: user.email, displayName: user.display_name, role: user.role, locale: user.locale, teamIds },
    label: user.email,
    via,
    requestId,
  };
}

// The user's teams (in name order, like teamsOfUsers) read with the user: every authenticated
// request needs them, so they ride along instead of costing a round trip of their own.
const teamIdsOfUser = sql<string[]>`array(SELECT m.team_id::text FROM team_members m JOIN teams t ON t.id = m.team_id
                                           WHERE m.user_id = users.id ORDER BY t.name)`.as('team_ids');

export interface SessionActor {
  actor: Actor;
  csrfToken: string;
}

interface CachedSession {
  user: UserRow;
  teamIds: string[];
  csrfToken: string;
  expiresAt: Date;
}

/** The actor behind a session cookie, or null when it is unknown, expired or the user inactive. */
export async function actorFromSession(deps: Deps, sessionId: string, requestId?: string, cache?: IdentityCache): Promise<SessionActor | null> {
  const now = deps.clock.now();
  const idHash = secretDigest(sessionId, deps.config.secret);
  const cached = cache?.recall<CachedSession>(`session:${idHash}`);
  if (cached && cached.expiresAt > now) {
    return { actor: actorOf(cached.user, cached.teamIds, 'session', requestId), csrfToken: cached.csrfToken };
  }
  const mark = cache?.mark();
  const session = await deps.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at', teamIdsOfUser])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!session || session.expires_at <= now || !session.active) return null;
  if (now.getTime() - session.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    await deps.db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
  }
  const { csrf_token, expires_at, last_seen_at: _l, team_ids, ...user } = session;
  if (cache) cache.remember(`session:${idHash}`, { user, teamIds: team_ids, csrfToken: csrf_token, expiresAt: expires_at } satisfies CachedSession, mark!);
  return { actor: actorOf(user, team_ids, 'session', requestId), csrfToken: csrf_token };
}

interface CachedToken {
  user: UserRow;
  teamIds: string[];
}

/** The actor behind a bearer token; unknown, revoked and inactive all fail the same way. */
export async function actorFromToken(deps: Deps, token: string, requestId?: string, cache?: IdentityCache): Promise<Actor> {
  const now = deps.clock.now();
  const tokenHash = secretDigest(token, deps.config.secret);
  const cached = cache?.recall<CachedToken>(`token:${tokenHash}`);
  if (cached) return actorOf(cached.user, cached.teamIds, 'token', requestId);
  const mark = cache?.mark();
  const row = await deps.db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select(['api_tokens.id as token_id', 'api_tokens.revoked_at', 'api_tokens.last_used_at', teamIdsOfUser])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || !row.active) {
    throw new AppError('unauthenticated', 'the API token is unknown or revoked');
  }
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_INTERVAL_MS) {
    await deps.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
  }
  const { token_id: _t, revoked_at: _r, last_used_at: _u, team_ids, ...user } = row;
  if (cache) cache.remember(`token:${tokenHash}`, { user, teamIds: team_ids } satisfies CachedToken, mark!);
  return actorOf(user, team_ids, 'token', requestId);
}
