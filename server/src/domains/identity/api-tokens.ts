import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { randomSecret, secretDigest } from '../../platform/secrets.js';
import { type TokenView, presentToken } from './present.js';
import { identityChanged } from './identity-cache.js';

// Recognisable in logs and secret scanners; the part after it is 256 random bits.
const TOKEN_PREFIX = 'clt_';

function owner(actor: Actor): string {
  if (!actor.user) throw new AppError('unauthenticated', 'sign in first');
  return actor.user.id;
}

/** The caller's own tokens, newest first. */
export async function listApiTokens(deps: Deps, actor: Actor): Promise<TokenView[]> {
  const rows = await deps.db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', owner(actor))
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(presentToken);
}

/** Creates a token for the actor (or for `userId`, from the CLI); the secret is returned only here. */
export async function createApiToken(
  deps: Deps,
  actor: Actor,
  input: { name: string; userId?: string },
): Promise<TokenView & { token: string }> {
  const userId = input.userId && actor.via === 'cli' ? input.userId : owner(actor);
  const token = TOKEN_PREFIX + randomSecret();
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({
        user_id: userId,
        name: input.name.trim(),
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        token_hash: secretDigest(token, deps.config.secret),
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const view = presentToken(row);
    await recordAudit(trx, actor, now, { action: 'api_token.created', entityType: 'api_token', entityId: row.id, after: view });
    return { ...view, token };
  });
}

/** Revokes one of the actor's own tokens; someone else's token is "not found", not "forbidden". */
export async function revokeApiToken(deps: Deps, actor: Actor, id: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', owner(actor))
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw AppError.notFound('API token');
    if (row.revoked_at) return;
    const revoked = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, now, {
      action: 'api_token.revoked',
      entityType: 'api_token',
      entityId: id,
      before: presentToken(row),
      after: presentToken(revoked),
    });
  });
  identityChanged();
}
