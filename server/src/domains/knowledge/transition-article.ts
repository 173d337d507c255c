import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../identity/policy.js';
import { articleView, loadArticleFor } from './get-article.js';
import type { ArticleAction } from './lifecycle.js';
import { KNOWLEDGE_PUBLISHERS, KNOWLEDGE_WRITERS, requireAction } from './policy.js';
import type { ArticleView } from './present.js';
import * as q from './queries.js';

const PAST: Record<ArticleAction, string> = { submit: 'submitted', publish: 'published', archive: 'archived', restore: 'restored' };

/**
 * Moves an article through its lifecycle: submit (draft → in_review), publish (draft or
 * in_review → published), archive (→ archived), restore (archived → draft).
 */
export async function transitionArticle(deps: Deps, actor: Actor, idOrNumber: string, action: ArticleAction): Promise<ArticleView> {
  authorize(actor, action === 'submit' ? KNOWLEDGE_WRITERS : KNOWLEDGE_PUBLISHERS);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const found = await loadArticleFor(trx, actor, idOrNumber);
    await q.lockArticle(trx, found.id);
    const row = (await q.findArticle(trx, found.id))!;
    const to = requireAction(actor, row, action);
    // A published article is read by everyone; it must say something in some language.
    if (to === 'published' && (await q.variantsOf(trx, [row.id])).length === 0) {
      throw AppError.validation('variants', 'an article needs at least one language to be published', 'required');
    }
    const userId = actor.user?.id ?? null;
    await trx
      .updateTable('articles')
      .set({
        status: to,
        updated_at: now,
        updated_by: userId,
        ...(action === 'submit' ? { submitted_at: now, submitted_by: userId } : {}),
        ...(action === 'publish' ? { published_at: now, published_by: userId } : {}),
        ...(action === 'archive' ? { archived_at: now } : {}),
        ...(action === 'restore' ? { archived_at: null } : {}),
      })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, actor, now, {
      action: `article.${PAST[action]}`,
      entityType: 'article',
      entityId: row.id,
      before: { status: row.status },
      after: { status: to, version: row.version },
    });
    return articleView(trx, actor, row.id);
  });
}
