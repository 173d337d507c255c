import type { Db } from '../../db/pool.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { loadCaseFor } from '../cases/get-case.js';
import { authorize } from '../identity/policy.js';
import { KNOWLEDGE_READERS, isStaff } from './policy.js';
import { presentSummary, titlesByArticle } from './present.js';
import * as q from './queries.js';

/** Links as the case page lists them: the article's summary in the caller's language, who linked it, whether it helped. */
export async function linkViews(db: Db, actor: Actor, links: readonly Omit<q.LinkRow, 'case_id'>[]) {
  const ids = links.map((l) => l.article_id);
  const articles = new Map((await q.articlesByIds(db, ids)).map((a) => [a.id, a]));
  const titles = titlesByArticle(await q.titlesOf(db, ids));
  const language = actor.user?.locale ?? 'en';
  return links.map((l) => ({
    article: presentSummary(articles.get(l.article_id)!, titles.get(l.article_id) ?? new Map(), language),
    linkedAt: l.linked_at.toISOString(),
    linkedBy: l.linked_by ? { id: l.linked_by, displayName: l.linked_by_name ?? '' } : null,
    helped: l.helped,
  }));
}
export type CaseArticleView = Awaited<ReturnType<typeof linkViews>>[number];

/** The articles used on a case (requesters: the published ones), newest link first. */
export async function listCaseArticles(deps: Deps, actor: Actor, caseId: string): Promise<CaseArticleView[]> {
  authorize(actor, KNOWLEDGE_READERS);
  const { row } = await loadCaseFor(deps.db, actor, caseId);
  const links = await q.linksOfCase(deps.db, row.id, isStaff(actor) ? ['draft', 'in_review', 'published', 'archived'] : ['published']);
  return linkViews(deps.db, actor, links);
}
