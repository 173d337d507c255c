import { type ArticleTexts, LOCALES } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../identity/policy.js';
import { auditView, checkReferences, normaliseTags, normaliseTexts } from './create-article.js';
import { articleView, loadArticleFor } from './get-article.js';
import { KNOWLEDGE_WRITERS, requireEditable } from './policy.js';
import { type ArticleView, textsOf } from './present.js';
import * as q from './queries.js';

export interface ArticlePatch {
  version: number;
  category?: string | null;
  tags?: string[];
  team?: string | null;
  /** Replaces the languages given; null removes one. */
  variants?: Partial<Record<keyof ArticleTexts, { title: string; body: string } | null>>;
}

/** The texts after a patch: given languages replaced, null ones removed. */
export function patchTexts(current: ArticleTexts, patch: ArticlePatch['variants']): ArticleTexts {
  const next: ArticleTexts = { ...current };
  for (const language of LOCALES) {
    if (!patch || !(language in patch)) continue;
    const text = patch[language];
    if (text === null || text === undefined) delete next[language];
    else next[language] = text;
  }
  return normaliseTexts(next);
}

const sameTexts = (a: ArticleTexts, b: ArticleTexts) =>
  LOCALES.every((l) => (a[l] === undefined) === (b[l] === undefined) && a[l]?.title === b[l]?.title && a[l]?.body === b[l]?.body);

/**
 * Saves an edit as the next version. `version` must be the one the editor started from
 * (409 `stale_version` otherwise), so two editors never overwrite each other unseen. A patch
 * that changes nothing saves nothing.
 */
export async function updateArticle(deps: Deps, actor: Actor, idOrNumber: string, patch: ArticlePatch): Promise<ArticleView> {
  authorize(actor, KNOWLEDGE_WRITERS);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const found = await loadArticleFor(trx, actor, idOrNumber);
    await q.lockArticle(trx, found.id);
    const row = (await q.findArticle(trx, found.id))!;
    requireEditable(actor, row);
    if (patch.version !== row.version) {
      throw new AppError('stale_version', `version ${patch.version} was edited; the article is at version ${row.version} now`, [
        { field: 'version', message: `is not the current version (${row.version})`, code: 'invalid', params: { current: row.version } },
      ]);
    }
    const current = textsOf(await q.variantsOf(trx, [row.id]));
    const texts = patchTexts(current, patch.variants);
    if (Object.keys(texts).length === 0) throw AppError.validation('variants', 'at least one language must remain', 'required');
    await checkReferences(trx, patch);
    const next = {
      category: patch.category !== undefined ? patch.category : row.category_code,
      tags: patch.tags !== undefined ? normaliseTags(patch.tags) : row.tags,
      team: patch.team !== undefined ? patch.team : row.team_id,
    };
    const changed =
      !sameTexts(current, texts) || next.category !== row.category_code || next.team !== row.team_id || next.tags.join('\u0000') !== row.tags.join('\u0000');
    if (!changed) return articleView(trx, actor, row.id);

    const before = await articleView(trx, actor, row.id);
    const version = row.version + 1;
    const userId = actor.user?.id ?? null;
    await trx
      .updateTable('articles')
      .set({ version, category_code: next.category, tags: next.tags, team_id: next.team, updated_at: now, updated_by: userId })
      .where('id', '=', row.id)
      .execute();
    if (!sameTexts(current, texts)) await q.writeVariants(trx, row.id, texts);
    await q.insertVersion(trx, { articleId: row.id, version, texts, category: next.category, tags: next.tags, teamId: next.team, savedBy: userId, savedAt: now });
    const view = await articleView(trx, actor, row.id);
    await recordAudit(trx, actor, now, { action: 'article.updated', entityType: 'article', entityId: row.id, before: auditView(before), after: auditView(view) });
    return view;
  });
}
