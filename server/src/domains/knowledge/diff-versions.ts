import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../identity/policy.js';
import { loadArticleFor } from './get-article.js';
import { KNOWLEDGE_WRITERS } from './policy.js';
import { type FieldChange, diffVersions } from './version-diff.js';

/** What changed between two saved versions of an article, field by field, word by word. */
export async function diffArticleVersions(deps: Deps, actor: Actor, idOrNumber: string, from: number, to: number): Promise<{ from: number; to: number; changes: FieldChange[] }> {
  authorize(actor, KNOWLEDGE_WRITERS);
  const article = await loadArticleFor(deps.db, actor, idOrNumber);
  const rows = await deps.db
    .selectFrom('article_versions as v')
    .leftJoin('teams as t', 't.id', 'v.team_id')
    .select(['v.version', 'v.variants', 'v.category_code', 'v.tags', 'v.team_id', 't.name as team_name'])
    .where('v.article_id', '=', article.id)
    .where('v.version', 'in', [from, to])
    .execute();
  const content = (field: 'from' | 'to', version: number) => {
    const v = rows.find((r) => r.version === version);
    if (!v) throw AppError.validation(field, `the article has no version ${version} (it is at ${article.version})`, 'out_of_range');
    return { variants: v.variants, category: v.category_code, tags: v.tags, team: v.team_id ? (v.team_name ?? v.team_id) : null };
  };
  return { from, to, changes: diffVersions(content('from', from), content('to', to)) };
}
