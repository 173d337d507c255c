import type { ArticleStatus, Locale } from '../../db/schema.js';

/**
 * How search orders what matched (pure). An article's score adds up, strongest first: how
 * much of the query its title holds, its status, whether it is in the reader's language,
 * and how much it has been used and has helped lately. Cases: title matches first, then
 * newest. Articles and cases are merged title matches first, articles before cases.
 */
export const ARTICLE_WEIGHTS = {
  /** Times the share of the query's keys found in the title (1 when all are). */
  title: 8,
  status: { published: 4, in_review: 2, draft: 1, archived: 0 } satisfies Record<ArticleStatus, number>,
  language: 3,
  /** Times ln(1 + helped) and ln(1 + used), together capped at `usageCap`. */
  helped: 1,
  used: 0.5,
  usageCap: 2,
  /** Used in the last 30 days. */
  recent: 0.5,
} as const;

const RECENT_MS = 30 * 24 * 3600_000;

export interface ArticleCandidate {
  articleId: string;
  language: Locale;
  status: ArticleStatus;
  /** Share of the query's keys in the title, 0..1 (1: the title alone matches). */
  titleShare: number;
  useCount: number;
  helpedCount: number;
  lastUsedAt: Date | null;
}

export function articleScore(c: ArticleCandidate, lang: Locale, now: Date): number {
  const w = ARTICLE_WEIGHTS;
  const usage = Math.min(w.usageCap, w.helped * Math.log1p(c.helpedCount) + w.used * Math.log1p(c.useCount));
  const recent = c.lastUsedAt && now.getTime() - c.lastUsedAt.getTime() < RECENT_MS ? w.recent : 0;
  return w.title * c.titleShare + w.status[c.status] + (c.language === lang ? w.language : 0) + usage + recent;
}

/** One variant per article (its best), best articles first; ties by article id for a stable order. */
export function rankArticles<T extends ArticleCandidate>(candidates: T[], lang: Locale, now: Date): (T & { score: number })[] {
  const best = new Map<string, T & { score: number }>();
  for (const c of candidates) {
    const scored = { ...c, score: articleScore(c, lang, now) };
    const seen = best.get(c.articleId);
    if (!seen || scored.score > seen.score) best.set(c.articleId, scored);
  }
  return [...best.values()].sort((a, b) => b.score - a.score || (a.articleId < b.articleId ? -1 : 1));
}

export interface CaseCandidate {
  id: string;
  titleMatch: boolean;
  createdAt: Date;
}

/** Title matches first, then newest. */
export function rankCases<T extends CaseCandidate>(candidates: T[]): T[] {
  const unique = [...new Map(candidates.map((c) => [c.id, c])).values()];
  return unique.sort(
    (a, b) => Number(b.titleMatch) - Number(a.titleMatch) || b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1),
  );
}

/** Articles and cases in one list: title matches first; within that, articles first, each in its own order. */
export function mergeResults<A extends { titleMatch: boolean }, C extends { titleMatch: boolean }>(
  articles: A[],
  cases: C[],
  limit: number,
): ({ type: 'article'; item: A } | { type: 'case'; item: C })[] {
  const tagged = [
    ...articles.map((item, i) => ({ type: 'article' as const, item, i })),
    ...cases.map((item, i) => ({ type: 'case' as const, item, i })),
  ];
  const group = (t: (typeof tagged)[number]) => (t.item.titleMatch ? 0 : 2) + (t.type === 'article' ? 0 : 1);
  return tagged
    .sort((a, b) => group(a) - group(b) || a.i - b.i)
    .slice(0, limit)
    .map(({ type, item }) => ({ type, item }) as { type: 'article'; item: A } | { type: 'case'; item: C });
}
