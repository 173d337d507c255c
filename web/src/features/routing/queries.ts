import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { CaseDraft, DryRunResult, ReplayResult, Rule, RuleInput, RuleVersion } from './types';

const rulesKey = ['routing-rules'] as const;

export function useRules() {
  return useQuery({
    queryKey: rulesKey,
    queryFn: () => api.get<{ items: Rule[] }>('/routing/rules').then((page) => page.items),
  });
}

export function useRule(id: string | undefined) {
  return useQuery({
    queryKey: [...rulesKey, id],
    queryFn: () => api.get<Rule>(`/routing/rules/${id}`),
    enabled: id !== undefined,
  });
}

export function useRuleVersions(id: string | undefined) {
  return useQuery({
    queryKey: [...rulesKey, id, 'versions'],
    queryFn: () => api.get<{ items: RuleVersion[] }>(`/routing/rules/${id}/versions`).then((page) => page.items),
    enabled: id !== undefined,
  });
}

export function useSaveRule(id: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RuleInput) => (id ? api.patch<Rule>(`/routing/rules/${id}`, input) : api.post<Rule>('/routing/rules', input)),
    onSuccess: (saved) => {
      client.setQueryData([...rulesKey, saved.id], saved);
      void client.invalidateQueries({ queryKey: rulesKey });
    },
  });
}

/** A change of some fields straight from the list (enabled, order): each is a new version. */
export function usePatchRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Partial<RuleInput> }) => api.patch<Rule>(`/routing/rules/${id}`, patch),
    onSettled: () => client.invalidateQueries({ queryKey: rulesKey }),
  });
}

export function useDryRun() {
  return useMutation({
    mutationFn: (input: { case: CaseDraft; rules: RuleInput[] }) => api.post<DryRunResult>('/routing/dry-run', input),
  });
}

export function useReplay() {
  return useMutation({
    mutationFn: (input: { rules: RuleInput[]; from: string; to: string }) => api.post<ReplayResult>('/routing/replay', input),
  });
}
