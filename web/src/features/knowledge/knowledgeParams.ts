import { ARTICLE_STATUSES, type ArticleStatus } from './types';

export const SEARCH_SCOPES = ['all', 'article', 'case'] as const;
export type SearchScope = (typeof SEARCH_SCOPES)[number];

/** What /knowledge shows, kept in the address so a search or a queue can be shared and reloaded. */
export interface KnowledgeState {
  q: string;
  scope: SearchScope;
  status: ArticleStatus;
  category: string | null;
}

export function readKnowledgeState(params: URLSearchParams, statuses: readonly ArticleStatus[]): KnowledgeState {
  const scope = params.get('types');
  const status = params.get('status');
  return {
    q: params.get('q') ?? '',
    scope: (SEARCH_SCOPES as readonly string[]).includes(scope ?? '') ? (scope as SearchScope) : 'all',
    status: statuses.includes(status as ArticleStatus) && (ARTICLE_STATUSES as readonly string[]).includes(status ?? '') ? (status as ArticleStatus) : 'published',
    category: params.get('category') || null,
  };
}

/** Defaults stay out of the address: /knowledge is the published list. */
export function writeKnowledgeState(state: KnowledgeState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q);
  if (state.scope !== 'all') params.set('types', state.scope);
  if (state.status !== 'published') params.set('status', state.status);
  if (state.category) params.set('category', state.category);
  return params;
}
