import type { Db } from '../../db/pool.js';
import type { ArticleTexts } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../identity/policy.js';
import { articleView } from './get-article.js';
import { KNOWLEDGE_WRITERS } from './policy.js';
import type { ArticleView } from './present.js';
import * as q from './queries.js';

export interface ArticleInput {
  category?: string | null;
  tags?: string[];
  team?: string | null;
  variants: ArticleTexts;
}

/** Tags trimmed, each once, in the order given. */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()))];
}

/** Titles trimmed; bodies kept as written (Markdown cares about leading spaces). */
export function normaliseTexts(texts: ArticleTexts): ArticleTexts {
  const out: ArticleTexts = {};
  for (const [language, text] of Object.entries(texts) as [keyof ArticleTexts, { title: string; body: string } | undefined][]) {
    if (text) out[language] = { title: text.title.trim(), body: text.body };
  }
  return out;
}

/** 400 naming `category` or `team` when they name nothing we have. */
export async function checkReferences(db: Db, input: { category?: string | null; team?: string | null }): Promise<void> {
  if (input.category && !(await q.categoryExists(db, input.category))) throw AppError.validation('category', 'is not a category', 'unknown_reference');
  if (input.team && !(await q.serviceTeamExists(db, input.team))) throw AppError.validation('team', 'is not a service team', 'unknown_reference');
}

/** The audit's picture of an article: what was saved, without the rendered HTML. */
export function auditView(view: ArticleView) {
  return {
    number: view.number,
    status: view.status,
    version: view.version,
    category: view.category,
    tags: view.tags,
    team: view.team?.id ?? null,
    variants: Object.fromEntries(Object.entries(view.variants).map(([l, v]) => [l, { title: v.title, body: v.body }])),
  };
}

/**
 * Writes a new draft with its texts and version 1, in the caller's transaction. Log Q&A uses
 * it too, so every article starts the same way.
 */
export async function insertArticle(
  trx: Db,
  actor: Actor,
  now: Date,
  input: { category: string | null; tags: string[]; team: string | null; texts: ArticleTexts; sourceCaseId?: string },
): Promise<string> {
  const userId = actor.user?.id ?? null;
  const { id } = await trx
    .insertInto('articles')
    .values({
      category_code: input.category,
      tags: input.tags,
      team_id: input.team,
      source_case_id: input.sourceCaseId ?? null,
      created_by: userId,
      updated_by: userId,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await q.writeVariants(trx, id, input.texts);
  await q.insertVersion(trx, { articleId: id, version: 1, texts: input.texts, category: input.category, tags: input.tags, teamId: input.team, savedBy: userId, savedAt: now });
  return id;
}

/** A new draft article (version 1). */
export async function createArticle(deps: Deps, actor: Actor, input: ArticleInput): Promise<ArticleView> {
  authorize(actor, KNOWLEDGE_WRITERS);
  const texts = normaliseTexts(input.variants);
  if (Object.keys(texts).length === 0) throw AppError.validation('variants', 'needs at least one language', 'required');
  await checkReferences(deps.db, input);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const id = await insertArticle(trx, actor, now, { category: input.category ?? null, tags: normaliseTags(input.tags ?? []), team: input.team ?? null, texts });
    const view = await articleView(trx, actor, id);
    await recordAudit(trx, actor, now, { action: 'article.created', entityType: 'article', entityId: id, after: auditView(view) });
    return view;
  });
}
