import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { loadCaseFor } from '../cases/get-case.js';
import { authorize } from '../identity/policy.js';
import { type CaseArticleView, linkViews } from './list-case-articles.js';
import { KNOWLEDGE_PUBLISHERS, KNOWLEDGE_WRITERS } from './policy.js';
import * as q from './queries.js';

const mayLinkUnpublished = (actor: Actor) => !actor.user || KNOWLEDGE_PUBLISHERS.includes(actor.user.role);

/**
 * Records that an article was used on a case (and whether it helped). Linking again is not an
 * error: the same link comes back (with `helped` updated when given). The article's usage
 * counters change in the same transaction.
 */
export async function linkArticle(
  deps: Deps,
  actor: Actor,
  caseId: string,
  input: { articleId: string; helped?: boolean | null },
): Promise<{ link: CaseArticleView; created: boolean }> {
  authorize(actor, KNOWLEDGE_WRITERS);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const { row: kase } = await loadCaseFor(trx, actor, caseId);
    const article = await q.findArticle(trx, input.articleId.toLowerCase());
    if (!article) throw AppError.validation('articleId', 'is not an article', 'unknown_reference');
    // Usage counters are recounted under this lock, so concurrent links count each other.
    await q.lockArticle(trx, article.id);
    const existing = await q.findLink(trx, article.id, kase.id);
    if (existing) {
      if (input.helped !== undefined && input.helped !== existing.helped) {
        await trx.updateTable('article_case_links').set({ helped: input.helped }).where('article_id', '=', article.id).where('case_id', '=', kase.id).execute();
        await q.recountUsage(trx, article.id);
        await recordAudit(trx, actor, now, { action: 'article.helped_marked', entityType: 'article', entityId: article.id, before: { case: kase.number, helped: existing.helped }, after: { case: kase.number, helped: input.helped } });
      }
      const [link] = await linkViews(trx, actor, [(await q.findLink(trx, article.id, kase.id))!]);
      return { link: link!, created: false };
    }
    if (article.status === 'archived') throw new AppError('article_archived', `${article.number} is archived; restore it before using it`);
    if (article.status !== 'published' && !mayLinkUnpublished(actor)) {
      throw new AppError('conflict', `${article.number} is not published yet`, [{ field: 'articleId', message: 'is not published', code: 'invalid' }]);
    }
    await trx
      .insertInto('article_case_links')
      .values({ article_id: article.id, case_id: kase.id, linked_by: actor.user?.id ?? null, linked_at: now, helped: input.helped ?? null })
      .execute();
    await q.recountUsage(trx, article.id);
    await recordAudit(trx, actor, now, { action: 'article.linked', entityType: 'article', entityId: article.id, after: { case: kase.number, helped: input.helped ?? null } });
    const [link] = await linkViews(trx, actor, [(await q.findLink(trx, article.id, kase.id))!]);
    return { link: link!, created: true };
  });
}

/** Marks whether a linked article helped on the case (null: not said). */
export async function markHelped(deps: Deps, actor: Actor, caseId: string, articleId: string, helped: boolean | null): Promise<CaseArticleView> {
  authorize(actor, KNOWLEDGE_WRITERS);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const { row: kase } = await loadCaseFor(trx, actor, caseId);
    await q.lockArticle(trx, articleId);
    const existing = await q.findLink(trx, articleId, kase.id);
    if (!existing) throw AppError.notFound('article link');
    if (existing.helped !== helped) {
      await trx.updateTable('article_case_links').set({ helped }).where('article_id', '=', articleId).where('case_id', '=', kase.id).execute();
      await q.recountUsage(trx, articleId);
      await recordAudit(trx, actor, now, { action: 'article.helped_marked', entityType: 'article', entityId: articleId, before: { case: kase.number, helped: existing.helped }, after: { case: kase.number, helped } });
    }
    const [link] = await linkViews(trx, actor, [(await q.findLink(trx, articleId, kase.id))!]);
    return link!;
  });
}
