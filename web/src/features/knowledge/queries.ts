import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../app/api';
import type { Page } from '../../app/types';
import type {
  Article,
  ArticleAction,
  ArticleCase,
  ArticleDiff,
  ArticleInput,
  ArticlePatch,
  ArticleStatus,
  ArticleSummary,
  ArticleVersion,
  CaseArticleLink,
  SearchHit,
  SearchType,
  Suggestions,
} from './types';

export interface ArticleQuery {
  status?: ArticleStatus;
  category?: string;
  team?: string;
  q?: string;
  lang?: string;
}

const PAGE_SIZE = 30;

/** Every article read: lists, one article, its versions and cases. A save refreshes them all. */
const articlesKey = ['articles'] as const;
const articleKey = (id: string) => [...articlesKey, 'one', id] as const;
const caseArticlesKey = (caseId: string) => ['case-articles', caseId] as const;
const suggestionsKey = (caseId: string) => ['case-suggestions', caseId] as const;

export function useArticles(query: ArticleQuery) {
  return useInfiniteQuery({
    queryKey: [...articlesKey, 'list', query],
    queryFn: ({ pageParam }) => api.get<Page<ArticleSummary>>(`/articles${queryString({ ...query, limit: PAGE_SIZE, cursor: pageParam })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** An article by id or number (KB-00012). */
export function useArticle(idOrNumber: string | undefined) {
  return useQuery({
    queryKey: articleKey(idOrNumber ?? ''),
    queryFn: () => api.get<Article>(`/articles/${encodeURIComponent(idOrNumber ?? '')}`),
    enabled: idOrNumber !== undefined,
  });
}

export function useArticleVersions(id: string) {
  return useQuery({
    queryKey: [...articlesKey, 'versions', id],
    queryFn: () => api.get<{ items: ArticleVersion[] }>(`/articles/${id}/versions`).then((page) => page.items),
  });
}

export function useArticleDiff(id: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: [...articlesKey, 'diff', id, from, to],
    queryFn: () => api.get<ArticleDiff>(`/articles/${id}/diff${queryString({ from, to })}`),
    enabled: from !== null && to !== null && from !== to,
  });
}

export function useArticleCases(id: string) {
  return useQuery({
    queryKey: [...articlesKey, 'cases', id],
    queryFn: () => api.get<{ items: ArticleCase[] }>(`/articles/${id}/cases`).then((page) => page.items),
  });
}

function useArticleSaved() {
  const client = useQueryClient();
  return (saved: Article) => {
    client.setQueryData(articleKey(saved.id), saved);
    client.setQueryData(articleKey(saved.number), saved);
    void client.invalidateQueries({ queryKey: articlesKey });
  };
}

export function useCreateArticle() {
  const saved = useArticleSaved();
  return useMutation({ mutationFn: (input: ArticleInput) => api.post<Article>('/articles', input), onSuccess: saved });
}

export function usePatchArticle(id: string) {
  const saved = useArticleSaved();
  return useMutation({ mutationFn: (patch: ArticlePatch) => api.patch<Article>(`/articles/${id}`, patch), onSuccess: saved });
}

/** Submit for review, publish, archive or restore. */
export function useArticleAction(id: string) {
  const saved = useArticleSaved();
  return useMutation({ mutationFn: (action: ArticleAction) => api.post<Article>(`/articles/${id}/${action}`), onSuccess: saved });
}

/** The server's own rendering of a Markdown body, for the editor's preview. */
export function usePreview() {
  return useMutation({ mutationFn: (body: string) => api.post<{ html: string }>('/articles/preview', { body }).then((r) => r.html) });
}

export function useSearch(q: string, types: SearchType[] | null, lang: string) {
  const text = q.trim();
  return useQuery({
    queryKey: ['search', text, types, lang],
    queryFn: () =>
      api.get<{ items: SearchHit[] }>(`/search${queryString({ q: text, types: types?.join(','), lang, limit: 30 })}`).then((page) => page.items),
    enabled: text.length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useSuggestions(caseId: string, enabled = true) {
  return useQuery({
    queryKey: suggestionsKey(caseId),
    queryFn: () => api.get<Suggestions>(`/cases/${caseId}/suggestions`),
    enabled,
    staleTime: 60_000,
  });
}

export function useCaseArticles(caseId: string) {
  return useQuery({
    queryKey: caseArticlesKey(caseId),
    queryFn: () => api.get<{ items: CaseArticleLink[] }>(`/cases/${caseId}/articles`).then((page) => page.items),
  });
}

function useCaseArticlesChanged(caseId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: caseArticlesKey(caseId) });
    void client.invalidateQueries({ queryKey: suggestionsKey(caseId) });
    void client.invalidateQueries({ queryKey: articlesKey });
  };
}

/** Link an article to the case (linking twice is the same link). */
export function useLinkArticle(caseId: string) {
  const changed = useCaseArticlesChanged(caseId);
  return useMutation({
    mutationFn: (input: { articleId: string; helped?: boolean }) => api.post<unknown>(`/cases/${caseId}/articles`, input),
    onSuccess: changed,
  });
}

export function useMarkHelped(caseId: string) {
  const changed = useCaseArticlesChanged(caseId);
  return useMutation({
    mutationFn: ({ articleId, helped }: { articleId: string; helped: boolean }) => api.patch<unknown>(`/cases/${caseId}/articles/${articleId}`, { helped }),
    onSuccess: changed,
  });
}

/** "Log Q&A": a draft article from a resolved case. */
export function useLogQa(caseId: string) {
  const client = useQueryClient();
  const saved = useArticleSaved();
  return useMutation({
    mutationFn: () => api.post<Article>(`/cases/${caseId}/log-qa`),
    onSuccess: (article) => {
      saved(article);
      void client.invalidateQueries({ queryKey: caseArticlesKey(caseId) });
      void client.invalidateQueries({ queryKey: ['case-timeline', caseId] });
    },
  });
}
