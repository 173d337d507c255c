import type { Locale } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { searchTokens } from '../../platform/text/search-tokens.js';
import { loadCaseFor } from '../cases/get-case.js';
import { caseListFilter } from '../cases/list-cases.js';
import { authorize } from '../identity/policy.js';
import { SEARCHERS } from './search-policy.js';
import * as q from './search-queries.js';
import { SIMILARITY, informativeKeys, isSuggestion, keyWeight, sharedTerms, similarity } from './similarity.js';

export interface Why {
  terms: string[];
  sameCategory: boolean;
  helped?: number;
  sameAccount?: boolean;
}

export interface Suggestions {
  articles: { id: string; number: string; title: string; language: Locale; status: string; why: Why }[];
  cases: { id: string; number: string; title: string; resolvedAt: string | null; why: Why }[];
}

const SUGGESTED = 5;
/** Cases looked at per key: a key more cases hold than this counts as common (weight ln 2). */
const KEY_CAP = 100;
/** Keys compared at most (title keys first). */
const MAX_KEYS = 30;
/** Similar-case candidates scored exactly, after a first cut by the keys they were found by. */
const CASE_CANDIDATES = 40;
const ARTICLE_CANDIDATES = 200;
const MAX_TERMS = 8;

/**
 * Published articles and resolved cases like this case: shared rare keys of title and
 * description, the same category; each with why. Cases only within the caller's scope.
 */
export async function suggestForCase(deps: Deps, actor: Actor, idOrNumber: string): Promise<Suggestions> {
  authorize(actor, SEARCHERS);
  const { row } = await loadCaseFor(deps.db, actor, idOrNumber);
  const sourceText = `${row.title}\n${row.description}`;
  const titleKeys = searchTokens(row.title);
  const keys = informativeKeys([...titleKeys, ...searchTokens(row.description)], MAX_KEYS);
  if (keys.length === 0) return { articles: [], cases: [] };

  // How many resolved cases hold each key, up to the cap: the rarer, the more a shared key says.
  const { scope } = caseListFilter(actor, {});
  const exclude = [row.id, ...(row.merged_into_id ? [row.merged_into_id] : [])];
  const hits = await q.resolvedCasesByKey(deps.db, keys, scope, exclude, KEY_CAP);
  const found = new Map<string, number>();
  const byCase = new Map<string, string[]>();
  for (const hit of hits) {
    found.set(hit.key, (found.get(hit.key) ?? 0) + 1);
    byCase.set(hit.id, [...(byCase.get(hit.id) ?? []), hit.key]);
  }
  const weights = new Map(keys.map((k) => [k, keyWeight(found.get(k) ?? 0, KEY_CAP)]));
  const why = (shared: string[], sameCategory: boolean): Why => ({ terms: sharedTerms(sourceText, shared).slice(0, MAX_TERMS), sameCategory });

  // Cases: a first cut by the keys each was found by, then the exact score over all its keys.
  const firstCut = [...byCase.entries()]
    .map(([id, ks]) => ({ id, score: ks.reduce((sum, k) => sum + weights.get(k)!, 0) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, CASE_CANDIDATES);
  const caseRows = await q.suggestionCases(
    deps.db,
    firstCut.map((c) => c.id),
  );
  const cases = caseRows
    .map((c) => ({ c, sim: similarity(weights, { keys: c.search_tokens, titleKeys: searchTokens(c.title), category: c.category_code }, row.category_code) }))
    .filter(({ sim }) => isSuggestion(sim))
    .sort((a, b) => b.sim.score - a.sim.score || b.c.created_at.getTime() - a.c.created_at.getTime())
    .slice(0, SUGGESTED)
    .map(({ c, sim }) => ({
      id: c.id,
      number: c.number,
      title: c.title,
      resolvedAt: c.resolved_at?.toISOString() ?? null,
      why: { ...why(sim.shared, sim.sameCategory), sameAccount: c.account_id === row.account_id },
    }));

  // Articles: each by its best variant; on a tie the case's language, then the reader's.
  const preferred = [row.language, actor.user?.locale];
  const variants = await q.publishedVariantsSharing(deps.db, keys, ARTICLE_CANDIDATES);
  const best = new Map<string, { v: (typeof variants)[number]; score: number; sim: ReturnType<typeof similarity> }>();
  for (const v of variants) {
    const sim = similarity(weights, { keys: v.body_shared, titleKeys: v.title_shared, category: v.category_code }, row.category_code);
    if (!isSuggestion(sim)) continue;
    const score = sim.score + SIMILARITY.helped * Math.log1p(v.helped_count) + (preferred.includes(v.language) ? 0.01 * (2 - preferred.indexOf(v.language)) : 0);
    const seen = best.get(v.article_id);
    if (!seen || score > seen.score) best.set(v.article_id, { v, score, sim });
  }
  const articles = [...best.values()]
    .sort((a, b) => b.score - a.score || (a.v.number < b.v.number ? -1 : 1))
    .slice(0, SUGGESTED)
    .map(({ v, sim }) => ({
      id: v.article_id,
      number: v.number,
      title: v.title,
      language: v.language,
      status: v.status,
      why: { ...why(sim.shared, sim.sameCategory), helped: v.helped_count },
    }));
  return { articles, cases };
}
