import { LOCALES } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { authorize } from '../identity/policy.js';
import { loadArticleFor } from './get-article.js';
import { KNOWLEDGE_WRITERS } from './policy.js';

/** Every saved version of an article, newest first: who saved it, when, in which languages. */
export async function listVersions(deps: Deps, actor: Actor, idOrNumber: string) {
  authorize(actor, KNOWLEDGE_WRITERS);
  const article = await loadArticleFor(deps.db, actor, idOrNumber);
  const rows = await deps.db
    .selectFrom('article_versions as v')
    .leftJoin('users as u', 'u.id', 'v.saved_by')
    .select(['v.version', 'v.saved_by', 'v.saved_at', 'v.variants', 'u.display_name'])
    .where('v.article_id', '=', article.id)
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((v) => ({
    version: v.version,
    savedBy: v.saved_by ? { id: v.saved_by, displayName: v.display_name ?? '' } : null,
    savedAt: v.saved_at.toISOString(),
    languages: LOCALES.filter((l) => v.variants[l] !== undefined),
  }));
}
