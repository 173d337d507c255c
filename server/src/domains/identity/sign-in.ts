import { sql } from 'kysely';
import type { UserRow } from '../../db/schema.js';
import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { randomSecret, secretDigest, verifyPassword } from '../../platform/secrets.js';
import { actorFor } from './authenticate.js';
import { THROTTLE, accountWaitSeconds, addressWaitSeconds } from './sign-in-throttle.js';
import { identityChanged } from './identity-cache.js';

export interface SignInInput {
  email: string;
  password: string;
  ip: string;
  requestId?: string;
}

export interface SignedIn {
  user: UserRow;
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * Checks the credentials and opens a session. Unknown e-mail, wrong password and inactive
 * account give the same error after the same work, so responses don't reveal which it was.
 */
export async function signIn(deps: Deps, input: SignInInput): Promise<SignedIn> {
  const { db, clock } = deps;
  const now = clock.now();
  const email = input.email.trim().toLowerCase();

  const since = new Date(now.getTime() - THROTTLE.windowSeconds * 1000);
  const recent = await db
    .selectFrom('login_attempts')
    .select(['succeeded', 'at'])
    .where(sql`lower(email)`, '=', email)
    .where('at', '>', since)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const lastSuccess = recent.findLastIndex((a) => a.succeeded);
  const failures = recent.slice(lastSuccess + 1).map((a) => a.at);
  const fromAddress = await db
    .selectFrom('login_attempts')
    .select('at')
    .where('ip', '=', input.ip)
    .where('at', '>', new Date(now.getTime() - 60_000))
    .orderBy('at')
    .execute();
  const wait = Math.max(accountWaitSeconds(failures, now), addressWaitSeconds(fromAddress.map((a) => a.at), now));
  if (wait > 0) {
    throw new AppError('rate_limited', `too many sign-in attempts; try again in ${wait} s`, [], wait);
  }

  const user = await db.selectFrom('users').selectAll().where(sql`lower(email)`, '=', email).executeTakeFirst();
  const passwordOk = await verifyPassword(input.password, user?.password_hash ?? null);
  const succeeded = passwordOk && user !== undefined && user.active;

  if (!succeeded || !user) {
    await db.insertInto('login_attempts').values({ email, ip: input.ip, succeeded: false, at: now }).execute();
    throw new AppError('invalid_credentials', 'e-mail or password is not correct');
  }

  const sessionId = randomSecret();
  const csrfToken = randomSecret();
  const expiresAt = new Date(now.getTime() + deps.config.sessionTtlHours * 3600_000);
  const actor = await actorFor(deps, user, 'session', input.requestId);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('login_attempts').values({ email, ip: input.ip, succeeded: true, at: now }).execute();
    await trx
      .insertInto('sessions')
      .values({
        id_hash: secretDigest(sessionId, deps.config.secret),
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: now,
        expires_at: expiresAt,
        last_seen_at: now,
      })
      .execute();
    await recordAudit(trx, actor, now, {
      action: 'session.opened',
      entityType: 'user',
      entityId: user.id,
      after: { ip: input.ip },
    });
  });
  return { user, sessionId, csrfToken, expiresAt };
}

/** Ends the session; a session that is already gone is not an error. */
export async function signOut(deps: Deps, sessionId: string): Promise<void> {
  await deps.db
    .deleteFrom('sessions')
    .where('id_hash', '=', secretDigest(sessionId, deps.config.secret))
    .execute();
  identityChanged();
}
