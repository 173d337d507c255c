import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../app/api';
import { handoffInboxKey, slaKey } from '../cases/queries';
import type { Handoff } from '../cases/types';

export type InboxFilter = 'open' | 'answered' | 'all';

/** Handoffs addressed to the person's teams (partners), or all of them (staff). */
export function useHandoffInbox(status: InboxFilter) {
  return useQuery({
    queryKey: [...handoffInboxKey, status],
    queryFn: () => api.get<{ items: Handoff[] }>(`/handoffs${queryString({ status })}`).then((page) => page.items),
    // Due times pass while the page is open; keep "overdue" honest.
    refetchInterval: 60_000,
  });
}

export function useAnswerHandoff() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, answer }: { id: string; answer: string }) => api.post<Handoff>(`/handoffs/${id}/answer`, { answer }),
    onSuccess: (handoff) => {
      void client.invalidateQueries({ queryKey: handoffInboxKey });
      void client.invalidateQueries({ queryKey: ['case-handoffs', handoff.case.id] });
      void client.invalidateQueries({ queryKey: ['case-timeline', handoff.case.id] });
      void client.invalidateQueries({ queryKey: ['case'] });
      void client.invalidateQueries({ queryKey: [...slaKey, handoff.case.id] }); // the answer stops its clock
    },
  });
}
