import { keepPreviousData, useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../app/api';
import { toSearch } from './params';
import type { MetricCasesPage, MetricCatalogue, MetricResult, Tier1Row } from './types';

/** What each metric can be grouped and filtered by, and the organisation's time zone. */
export function useMetricCatalogue() {
  return useQuery({
    queryKey: ['metrics-catalogue'],
    queryFn: () => api.get<MetricCatalogue>('/metrics'),
    staleTime: Infinity, // changes with a release
  });
}

export function useMetric(metric: string, params: Record<string, string>, enabled = true) {
  return useQuery({
    queryKey: ['metric', metric, params],
    queryFn: () => api.get<MetricResult>(`/metrics/${encodeURIComponent(metric)}?${toSearch(params)}`),
    enabled,
    // A changed filter keeps the old chart on screen (dimmed) rather than flashing a skeleton.
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** The cases behind one row of a metric (`group` "none" for the null group), 50 at a time. */
export function useMetricCases(metric: string, params: Record<string, string>, group: string | null | undefined, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['metric-cases', metric, params, group],
    queryFn: ({ pageParam }) =>
      api.get<MetricCasesPage>(
        `/metrics/${encodeURIComponent(metric)}/cases?${toSearch({
          ...params,
          ...(group !== undefined ? { group: group ?? 'none' } : {}),
          limit: '50',
          ...(pageParam ? { cursor: pageParam } : {}),
        })}`,
      ),
    initialPageParam: '' as string,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled,
  });
}

/** Where a metric's table downloads (a plain GET: the session cookie suffices). */
export function metricExportUrl(metric: string, params: Record<string, string>, format: 'csv' | 'xlsx'): string {
  return `/api/v1/metrics/${encodeURIComponent(metric)}/export?${toSearch({ format, ...params })}`;
}

const tier1Key = ['tier1-contacts'] as const;

export function useTier1Contacts(range: { from: string; to: string }, enabled = true) {
  return useQuery({
    queryKey: [...tier1Key, range],
    queryFn: () => api.get<{ rows: Tier1Row[] }>(`/tier1-contacts${queryString(range)}`).then((page) => page.rows),
    enabled,
  });
}

/** Upload Tier 1 contact volumes as CSV (date,category,region,contacts); upserts per day × category × region. */
export function useImportTier1() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (csv: string) => api.send<{ imported: number }>('/tier1-contacts', new Blob([csv], { type: 'text/csv' })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: tier1Key });
      void client.invalidateQueries({ queryKey: ['metric', 'escalation_rate'] });
    },
  });
}

/**
 * Several metrics at once (a chart's series, the agent table's columns). `combine` is
 * structurally shared, so `data` stays the same array until an answer changes.
 */
export function useMetricResults(queries: { metric: string; params: Record<string, string> }[], enabled: boolean) {
  return useQueries({
    queries: queries.map(({ metric, params }) => ({
      queryKey: ['metric', metric, params],
      queryFn: () => api.get<MetricResult>(`/metrics/${encodeURIComponent(metric)}?${toSearch(params)}`),
      enabled,
      staleTime: 60_000,
      // A changed filter keeps the old numbers on screen (dimmed) rather than flashing a skeleton.
      placeholderData: (previous: MetricResult | undefined) => previous,
    })),
    combine: (results) => ({
      data: results.map((result) => result.data),
      error: results.find((result) => result.error)?.error ?? null,
      busy: results.some((result) => result.isFetching),
    }),
  });
}
