import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { caseListFilter } from '../cases/list-cases.js';
import { caseFilterExpression } from '../cases/queries.js';
import { authorize } from '../identity/policy.js';
import { loadArticleFor } from './get-article.js';
import { KNOWLEDGE_READERS } from './policy.js';

/** The cases that used an article, newest link first — only those the caller may see (the case list's scope). */
export async function listArticleCases(deps: Deps, actor: Actor, idOrNumber: string) {
  authorize(actor, KNOWLEDGE_READERS);
  const article = await loadArticleFor(deps.db, actor, idOrNumber);
  const scope = caseFilterExpression(caseListFilter(actor, {}));
  const rows = await deps.db
    .selectFrom('article_case_links as l')
    .innerJoin('cases as c', 'c.id', 'l.case_id')
    .select(['c.id', 'c.number', 'c.title', 'c.status', 'l.linked_at', 'l.helped'])
    .where('l.article_id', '=', article.id)
    .where(scope)
    .orderBy('l.linked_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({ case: { id: r.id, number: r.number, title: r.title, status: r.status }, linkedAt: r.linked_at.toISOString(), helped: r.helped }));
}
