import type { ArticleStatus, Locale } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor, isUuid } from '../../platform/cursor.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { parseSearchQuery } from '../../platform/text/search-tokens.js';
import { authorize } from '../identity/policy.js';
import { KNOWLEDGE_READERS, isStaff } from './policy.js';
import { type ArticleSummaryView, presentSummary, titlesByArticle } from './present.js';
import * as q from './queries.js';

export interface ArticleListInput {
  status?: ArticleStatus;
  category?: string;
  team?: string;
  q?: string;
  lang?: Locale;
  limit: number;
  cursor?: string;
}

const cursorFits = (values: string[]) => values.length === 2 && !Number.isNaN(Date.parse(values[0]!)) && /^\d{4}-/.test(values[0]!) && isUuid(values[1]!);

/**
 * Articles newest change first, with the title in `lang` (default: the caller's language) or
 * a fallback. Staff see every status (archived only when asked for); others published only.
 */
export async function listArticles(deps: Deps, actor: Actor, input: ArticleListInput): Promise<{ items: ArticleSummaryView[]; nextCursor: string | null }> {
  authorize(actor, KNOWLEDGE_READERS);
  let statuses: ArticleStatus[];
  if (isStaff(actor)) statuses = input.status ? [input.status] : ['draft', 'in_review', 'published'];
  else if (!input.status || input.status === 'published') statuses = ['published'];
  else throw new AppError('forbidden', 'your role reads published articles only');
  let search: q.ArticleFilter['search'];
  if (input.q !== undefined) {
    search = parseSearchQuery(input.q);
    if (search.tokens.length === 0) throw AppError.validation('q', 'has no letters or digits to search for');
  }
  const after = input.cursor ? (decodeCursor(input.cursor, cursorFits) as [string, string]) : undefined;
  const rows = await q.articlesAfter(deps.db, { statuses, category: input.category, teamId: input.team, search }, after, input.limit + 1);
  const page = rows.slice(0, input.limit);
  const titles = titlesByArticle(await q.titlesOf(deps.db, page.map((r) => r.id)));
  const language = input.lang ?? actor.user?.locale ?? 'en';
  const last = page[page.length - 1];
  return {
    items: page.map((row) => presentSummary(row, titles.get(row.id) ?? new Map(), language)),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.updated_at.toISOString(), last.id]) : null,
  };
}
