import type { Db } from '../../db/pool.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../identity/policy.js';
import { KNOWLEDGE_READERS, mayRead } from './policy.js';
import { type ArticleView, presentArticle } from './present.js';
import * as q from './queries.js';

/** Loads an article the actor may read; others get "not found", so drafts don't leak that they exist. */
export async function loadArticleFor(db: Db, actor: Actor, idOrNumber: string): Promise<q.ArticleWithRefs> {
  const row = await q.findArticle(db, idOrNumber);
  if (!row || !mayRead(actor, row.status)) throw AppError.notFound('article');
  return row;
}

/** The article as its page shows it (inside a transaction: as that transaction sees it). */
export async function articleView(db: Db, actor: Actor, id: string): Promise<ArticleView> {
  const row = await loadArticleFor(db, actor, id);
  return presentArticle(actor, row, await q.variantsOf(db, [row.id]));
}

export async function getArticle(deps: Deps, actor: Actor, idOrNumber: string): Promise<ArticleView> {
  authorize(actor, KNOWLEDGE_READERS);
  return articleView(deps.db, actor, idOrNumber);
}
