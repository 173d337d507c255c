import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../app/api';
import type { Page, User } from '../../app/types';
import type { Authority, AuthorityInput, Escalation, EscalationStatus, Ladder, LadderInput } from './types';

export const escalationsKey = ['critical-escalations'] as const;
const laddersKey = ['escalation-ladders'] as const;
const authoritiesKey = ['escalation-authorities'] as const;

/** Paging moves on the server's clock, so the board asks again every 15 s. */
const BOARD_POLL_MS = 15_000;

export function useEscalations(filter: { status: EscalationStatus | 'all'; caseId?: string }, enabled = true) {
  return useQuery({
    queryKey: [...escalationsKey, filter],
    queryFn: () =>
      api.get<{ items: Escalation[] }>(`/critical-escalations${queryString({ status: filter.status, caseId: filter.caseId })}`).then((page) => page.items),
    refetchInterval: BOARD_POLL_MS,
    enabled,
  });
}

export function useAcknowledge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Escalation>(`/critical-escalations/${encodeURIComponent(id)}/acknowledge`),
    // A 409 means someone else was quicker: the board should show who either way.
    onSettled: () => client.invalidateQueries({ queryKey: escalationsKey }),
  });
}

export function useRaiseCritical(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { authority: string; reason: string }) =>
      api.post<Escalation>(`/cases/${encodeURIComponent(caseId)}/critical-escalations`, input),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: escalationsKey });
      void client.invalidateQueries({ queryKey: ['case-timeline', caseId] });
      void client.invalidateQueries({ queryKey: ['notifications'] });
    },
  });
}

export function useLadders(enabled = true) {
  return useQuery({
    queryKey: laddersKey,
    queryFn: () => api.get<{ items: Ladder[] }>('/escalation/ladders').then((page) => page.items),
    enabled,
  });
}

export function useAuthorities(enabled = true) {
  return useQuery({
    queryKey: authoritiesKey,
    queryFn: () => api.get<{ items: Authority[] }>('/escalation/authorities').then((page) => page.items),
    enabled,
  });
}

export function useCreateLadder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LadderInput) => api.post<Ladder>('/escalation/ladders', input),
    onSuccess: () => client.invalidateQueries({ queryKey: laddersKey }),
  });
}

export function useCreateAuthority() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: AuthorityInput) => api.post<Authority>('/escalation/authorities', input),
    onSuccess: () => client.invalidateQueries({ queryKey: authoritiesKey }),
  });
}

/** People a ladder level can page (the admin's user list, first 200 by name). */
export function usePeople(enabled = true) {
  return useQuery({
    queryKey: ['users', 'escalation-people'],
    queryFn: () => api.get<Page<User>>(`/users${queryString({ limit: 200 })}`).then((page) => page.items.filter((user) => user.active)),
    enabled,
  });
}
