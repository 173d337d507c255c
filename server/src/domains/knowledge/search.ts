import type { ArticleStatus, Locale } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { foldText, parseSearchQuery, searchTokens, type SearchQuery } from '../../platform/text/search-tokens.js';
import { caseListFilter } from '../cases/list-cases.js';
import { authorize } from '../identity/policy.js';
import { SEARCHERS, seesUnpublished } from './search-policy.js';
import * as q from './search-queries.js';
import { mergeResults, rankArticles, rankCases } from './search-rank.js';
import { type Range, type Snippet, findMatches, highlightTerms, makeSnippet, markdownToPlain } from './search-text.js';

export type SearchType = 'article' | 'case';

export interface SearchInput {
  q: string;
  types: SearchType[];
  lang?: Locale;
  /** Article statuses; default all but archived for staff. Others only ever see published. */
  status?: ArticleStatus[];
  limit: number;
}

export interface SearchItem {
  type: SearchType;
  id: string;
  number: string;
  title: string;
  titleHighlights: Range[];
  snippet: string;
  highlights: Range[];
  status: string;
  language: Locale;
  updatedAt: string;
}

// Candidates ranked exactly in process; beyond this many matching variants the SQL proxy order decides.
const ARTICLE_CANDIDATES = 200;
const SNIPPET_LENGTH = 200;
const DEFAULT_STATUSES: ArticleStatus[] = ['published', 'in_review', 'draft'];

/** Whether every key of the query (and each Han phrase, contiguously) is in this text. */
function holdsAll(text: string, query: SearchQuery): boolean {
  const keys = new Set(searchTokens(text));
  const folded = foldText(text);
  return query.tokens.every((t) => keys.has(t)) && query.phrases.every((p) => folded.includes(p));
}

/** Share of the query's keys in a title (0..1), halved when a Han phrase is there only in pieces. */
function titleShare(titleKeys: string[], title: string, query: SearchQuery): number {
  const keys = new Set(titleKeys);
  const share = query.tokens.filter((t) => keys.has(t)).length / query.tokens.length;
  const folded = foldText(title);
  return query.phrases.every((p) => folded.includes(p)) ? share : share / 2;
}

/** One search over knowledge articles and cases, within what the caller may see, ranked, with snippets. */
export async function search(deps: Deps, actor: Actor, input: SearchInput): Promise<{ items: SearchItem[] }> {
  authorize(actor, SEARCHERS);
  const query = parseSearchQuery(input.q);
  if (query.tokens.length === 0) throw AppError.validation('q', 'has no letters or digits to search for');
  const lang = input.lang ?? actor.user?.locale ?? 'en';
  const terms = highlightTerms(input.q);
  const titleOf = (title: string) => ({ title, titleHighlights: findMatches(title, terms) });

  const [articles, cases] = await Promise.all([
    input.types.includes('article') ? searchArticles(deps, actor, input, query, lang) : [],
    input.types.includes('case') ? searchCases(deps, actor, input, query) : [],
  ]);

  const bodies = await q.variantBodies(deps.db, articles);
  const bodyOf = new Map(bodies.map((b) => [`${b.article_id}:${b.language}`, b.body]));
  const items = mergeResults(articles, cases, input.limit).map(({ type, item }): SearchItem => {
    if (type === 'article') {
      const snippet: Snippet = makeSnippet(markdownToPlain(bodyOf.get(`${item.articleId}:${item.language}`) ?? ''), terms, SNIPPET_LENGTH);
      return { type, id: item.articleId, number: item.number, ...titleOf(item.title), ...snippet, status: item.status, language: item.language, updatedAt: item.updatedAt.toISOString() };
    }
    const snippet = makeSnippet(item.description, terms, SNIPPET_LENGTH);
    return { type, id: item.id, number: item.number, ...titleOf(item.title), ...snippet, status: item.status, language: item.language, updatedAt: item.updated_at.toISOString() };
  });
  return { items };
}

async function searchArticles(deps: Deps, actor: Actor, input: SearchInput, query: SearchQuery, lang: Locale) {
  const allowed: ArticleStatus[] = seesUnpublished(actor) ? (input.status ?? DEFAULT_STATUSES) : ['published'];
  const statuses = input.status ? allowed.filter((s) => input.status!.includes(s)) : allowed;
  if (statuses.length === 0) return [];
  const rows = await q.matchingArticleVariants(deps.db, query, statuses, lang, ARTICLE_CANDIDATES);
  const candidates = rows.map((r) => ({
    articleId: r.article_id,
    number: r.number,
    language: r.language,
    status: r.status,
    title: r.title,
    titleShare: titleShare(r.title_tokens, r.title, query),
    useCount: r.use_count,
    helpedCount: r.helped_count,
    lastUsedAt: r.last_used_at,
    updatedAt: r.updated_at,
  }));
  return rankArticles(candidates, lang, deps.clock.now())
    .slice(0, input.limit)
    .map((a) => ({ ...a, titleMatch: a.titleShare === 1 }));
}

async function searchCases(deps: Deps, actor: Actor, input: SearchInput, query: SearchQuery) {
  // The case list's filter: its scope (requesters: their own; partners: their handoffs) and its search keys.
  const filter = caseListFilter(actor, { q: input.q });
  // Two bounded reads, newest first: cases whose title holds the query, and all matches.
  const [inTitle, any] = await Promise.all([
    q.matchingCases(deps.db, filter, input.limit, query),
    q.matchingCases(deps.db, filter, input.limit),
  ]);
  const candidates = [...inTitle, ...any].map((c) => ({ ...c, titleMatch: holdsAll(c.title, query), createdAt: c.created_at }));
  return rankCases(candidates).slice(0, input.limit);
}
