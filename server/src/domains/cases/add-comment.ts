import type { Visibility } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { applySla } from '../sla/case-clocks.js';
import { loadCaseFor } from './get-case.js';

export interface CommentView {
  id: number;
  body: string;
  visibility: Visibility;
  author: { id: string; displayName: string } | null;
  createdAt: string;
}

/**
 * Appends a comment (comments are never edited). The first reply a worker sends to the
 * requester or the account is the case's first response.
 */
export async function addComment(deps: Deps, actor: Actor, caseId: string, input: { body: string; visibility: Visibility }): Promise<CommentView> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const { row, access } = await loadCaseFor(trx, actor, caseId);
    if (access === 'reader' || access === 'partner') throw new AppError('forbidden', 'you may read this case but not comment on it');
    if (access === 'requester' && input.visibility !== 'requester') {
      throw AppError.validation('visibility', 'requesters post comments with visibility requester');
    }
    const comment = await trx
      .insertInto('case_comments')
      .values({ case_id: row.id, author_id: actor.user?.id ?? null, visibility: input.visibility, body: input.body, created_at: now })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    const isResponse = access === 'worker' && input.visibility !== 'internal';
    await trx
      .updateTable('cases')
      .set({ updated_at: now, ...(isResponse && row.first_response_at === null ? { first_response_at: now } : {}) })
      .where('id', '=', row.id)
      .execute();
    if (isResponse) await applySla(trx, now, row.id, { type: 'responded' });
    else if (access === 'requester') await applySla(trx, now, row.id, { type: 'requester_message' });
    await recordAudit(trx, actor, now, {
      action: 'case.commented',
      entityType: 'case',
      entityId: row.id,
      after: { commentId: comment.id, visibility: input.visibility },
    });
    return {
      id: comment.id,
      body: input.body,
      visibility: input.visibility,
      author: actor.user ? { id: actor.user.id, displayName: actor.user.displayName } : null,
      createdAt: comment.created_at.toISOString(),
    };
  });
}

