import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { Calendar, CalendarInput, Policy, PolicyInput, PreviewRequest, PreviewResult } from './types';

const calendarsKey = ['calendars'] as const;
const policiesKey = ['sla-policies'] as const;

export function useCalendars() {
  return useQuery({
    queryKey: calendarsKey,
    queryFn: () => api.get<{ items: Calendar[] }>('/calendars').then((page) => page.items),
  });
}

export function useCalendar(id: string | undefined) {
  return useQuery({
    queryKey: [...calendarsKey, id],
    queryFn: () => api.get<Calendar>(`/calendars/${id}`),
    enabled: id !== undefined,
  });
}

export function useSaveCalendar(id: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CalendarInput) =>
      id ? api.patch<Calendar>(`/calendars/${id}`, input) : api.post<Calendar>('/calendars', input),
    onSuccess: (saved) => {
      client.setQueryData([...calendarsKey, saved.id], saved);
      void client.invalidateQueries({ queryKey: calendarsKey });
      // Policies show their calendar's name and zone.
      void client.invalidateQueries({ queryKey: policiesKey });
    },
  });
}

/** "Try it": when `duration` of working time after `start` ends, by the saved calendar. */
export function useCalendarAdd(id: string) {
  return useMutation({
    mutationFn: (input: { start: string; duration: string }) => api.post<{ due: string }>(`/calendars/${id}/add`, input),
  });
}

export function usePolicies() {
  return useQuery({
    queryKey: policiesKey,
    queryFn: () => api.get<{ items: Policy[] }>('/sla/policies').then((page) => page.items),
  });
}

export function usePolicy(id: string | undefined) {
  return useQuery({
    queryKey: [...policiesKey, id],
    queryFn: () => api.get<Policy>(`/sla/policies/${id}`),
    enabled: id !== undefined,
  });
}

export function useSavePolicy(id: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PolicyInput) =>
      id ? api.patch<Policy>(`/sla/policies/${id}`, input) : api.post<Policy>('/sla/policies', input),
    onSuccess: (saved) => {
      client.setQueryData([...policiesKey, saved.id], saved);
      void client.invalidateQueries({ queryKey: policiesKey });
    },
  });
}

/** A change to some fields of a policy straight from the list (enabled, position). */
export function usePatchPolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Partial<PolicyInput> }) => api.patch<Policy>(`/sla/policies/${id}`, patch),
    onSettled: () => client.invalidateQueries({ queryKey: policiesKey }),
  });
}

export function useDeletePolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/sla/policies/${id}`),
    onSuccess: (_, id) => {
      client.removeQueries({ queryKey: [...policiesKey, id] });
      void client.invalidateQueries({ queryKey: policiesKey });
    },
  });
}

/** Due instants per clock for a sample case; `request` null while the draft cannot be previewed. */
export function useSlaPreview(request: PreviewRequest | null) {
  return useQuery({
    queryKey: ['sla-preview', request],
    queryFn: () => api.post<PreviewResult>('/sla/preview', request),
    enabled: request !== null,
    // Keep the last answer on screen while the next one is on its way.
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 30_000,
  });
}
