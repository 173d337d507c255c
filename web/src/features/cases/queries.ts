import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { ApiError, api, queryString } from '../../app/api';
import type { Page, User } from '../../app/types';
import type {
  Attachment,
  Case,
  CaseLink,
  CaseChanges,
  CaseDraft,
  CasePage,
  CaseSla,
  Category,
  Comment,
  Handoff,
  NewLinkKind,
  TimelineEntry,
  TransitionInput,
  Visibility,
} from './types';

export interface CaseQuery {
  status?: string;
  priority?: string;
  category?: string;
  teamId?: string;
  assigneeId?: string;
  unassigned?: boolean;
  requesterId?: string;
  q?: string;
  sort?: string;
  slaState?: string;
}

const PAGE_SIZE = 50;

export const casesKey = ['cases'] as const;
const caseKey = (idOrNumber: string) => ['case', idOrNumber] as const;
const timelineKey = (caseId: string) => ['case-timeline', caseId] as const;
const caseHandoffsKey = (caseId: string) => ['case-handoffs', caseId] as const;
const attachmentsKey = (caseId: string) => ['case-attachments', caseId] as const;
const linksKey = (caseId: string) => ['case-links', caseId] as const;
/** Every case's SLA clocks: any reply, move or answer may start, stop or pause them. */
export const slaKey = ['case-sla'] as const;
const caseSlaKey = (caseId: string) => [...slaKey, caseId] as const;
export const handoffInboxKey = ['handoffs'] as const;

export function useCategories() {
  return useQuery({
    queryKey: ['categories'],
    queryFn: () => api.get<{ items: Category[] }>('/categories').then((page) => page.items),
    staleTime: 5 * 60_000,
  });
}

export function useCases(query: CaseQuery) {
  return useInfiniteQuery({
    queryKey: [...casesKey, query],
    queryFn: ({ pageParam }) =>
      api.get<CasePage>(`/cases${queryString({ ...query, limit: PAGE_SIZE, cursor: pageParam })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** A case by number (ESC-000123) or id. */
export function useCase(idOrNumber: string) {
  return useQuery({ queryKey: caseKey(idOrNumber), queryFn: () => api.get<Case>(`/cases/${encodeURIComponent(idOrNumber)}`) });
}

export function useTimeline(caseId: string | undefined) {
  return useQuery({
    queryKey: timelineKey(caseId ?? ''),
    queryFn: () => api.get<{ items: TimelineEntry[] }>(`/cases/${caseId}/timeline`).then((page) => page.items),
    enabled: Boolean(caseId),
  });
}

export function useCaseHandoffs(caseId: string | undefined) {
  return useQuery({
    queryKey: caseHandoffsKey(caseId ?? ''),
    queryFn: () => api.get<{ items: Handoff[] }>(`/cases/${caseId}/handoffs`).then((page) => page.items),
    enabled: Boolean(caseId),
  });
}

/** People to assign cases to, optionally of one team (staff only). */
export function useAssignees(teamId: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: ['assignees', teamId ?? null],
    queryFn: () => api.get<Page<User>>(`/users${queryString({ teamId, limit: 200 })}`).then((page) => page.items),
    enabled,
    staleTime: 60_000,
  });
}

/** Show a changed case everywhere at once: its page, its timeline and every list. */
function caseChanged(client: QueryClient, saved: Case): void {
  client.setQueryData(caseKey(saved.number), saved);
  client.setQueryData(caseKey(saved.id), saved);
  void client.invalidateQueries({ queryKey: timelineKey(saved.id) });
  void client.invalidateQueries({ queryKey: caseHandoffsKey(saved.id) });
  void client.invalidateQueries({ queryKey: caseSlaKey(saved.id) });
  void client.invalidateQueries({ queryKey: casesKey });
  void client.invalidateQueries({ queryKey: handoffInboxKey });
  void client.invalidateQueries({ queryKey: ['notifications'] });
}

/** Network failures (no answer at all) may be retried; the server's answers may not. */
const retryNetworkOnly = (failures: number, error: unknown) => !(error instanceof ApiError) && failures < 2;

/** POST /cases with an Idempotency-Key, so a retried submission never files the case twice. */
export function useFileCase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ draft, idempotencyKey }: { draft: CaseDraft; idempotencyKey: string }) =>
      api.post<Case>('/cases', draft, { 'idempotency-key': idempotencyKey }),
    retry: retryNetworkOnly,
    onSuccess: (saved) => caseChanged(client, saved),
  });
}

export function useUpdateCase(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: CaseChanges) => api.patch<Case>(`/cases/${caseId}`, changes),
    onSuccess: (saved) => caseChanged(client, saved),
  });
}

export function useTransition(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TransitionInput) => api.post<Case>(`/cases/${caseId}/transitions`, input),
    onSuccess: (saved) => caseChanged(client, saved),
  });
}

export function useAddComment(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { body: string; visibility: Visibility }) => api.post<Comment>(`/cases/${caseId}/comments`, input),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: timelineKey(caseId) });
      void client.invalidateQueries({ queryKey: ['case'] }); // first response time
      // A reply to the requester stops the response clocks; a requester's message starts the next one.
      void client.invalidateQueries({ queryKey: caseSlaKey(caseId) });
      void client.invalidateQueries({ queryKey: casesKey });
    },
  });
}

export function useCreateHandoff(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { team: string; question: string; dueAt: string }) =>
      api.post<Handoff>(`/cases/${caseId}/handoffs`, input),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: caseHandoffsKey(caseId) });
      void client.invalidateQueries({ queryKey: timelineKey(caseId) });
      void client.invalidateQueries({ queryKey: handoffInboxKey });
      void client.invalidateQueries({ queryKey: ['case'] }); // the status may move to waiting_partner
      void client.invalidateQueries({ queryKey: casesKey });
      void client.invalidateQueries({ queryKey: caseSlaKey(caseId) }); // a handoff-answer clock starts
    },
  });
}

export function useMergeCase(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (into: string) => api.post<Case>(`/cases/${caseId}/merge`, { into }),
    onSuccess: (saved) => {
      caseChanged(client, saved);
      void client.invalidateQueries({ queryKey: ['case'] });
      void client.invalidateQueries({ queryKey: ['case-timeline'] });
      void client.invalidateQueries({ queryKey: slaKey });
    },
  });
}

/**
 * The clocks of a case. Remaining working time depends on the case's calendar, which only
 * the server knows, so it is asked again each minute rather than counted down here.
 */
export function useCaseSla(caseId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: caseSlaKey(caseId ?? ''),
    queryFn: () => api.get<CaseSla>(`/cases/${caseId}/sla`),
    enabled: Boolean(caseId) && enabled,
    refetchInterval: 60_000,
    retry: retryNetworkOnly,
  });
}

export function useAttachments(caseId: string | undefined) {
  return useQuery({
    queryKey: attachmentsKey(caseId ?? ''),
    queryFn: () => api.get<{ items: Attachment[] }>(`/cases/${caseId}/attachments`).then((page) => page.items),
    enabled: Boolean(caseId),
  });
}

/** Upload one file as multipart field `file`; the server checks its size and real type. */
export function useUploadAttachment(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<Attachment>(`/cases/${caseId}/attachments`, form);
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: attachmentsKey(caseId) });
      void client.invalidateQueries({ queryKey: timelineKey(caseId) });
    },
  });
}

/** Where to download an attachment (always served as a download). */
export const attachmentUrl = (id: string) => `/api/v1/attachments/${encodeURIComponent(id)}`;

export function useCaseLinks(caseId: string | undefined) {
  return useQuery({
    queryKey: linksKey(caseId ?? ''),
    queryFn: () => api.get<{ items: CaseLink[] }>(`/cases/${caseId}/links`).then((page) => page.items),
    enabled: Boolean(caseId),
  });
}

/** Links are stored from both ends, so both cases' links and timelines change. */
export function useLinkCase(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { other: string; kind: NewLinkKind }) =>
      api.post<{ items: CaseLink[] }>(`/cases/${caseId}/links`, input).then((page) => page.items),
    onSuccess: (items) => {
      client.setQueryData(linksKey(caseId), items);
      void client.invalidateQueries({ queryKey: ['case-links'] });
      void client.invalidateQueries({ queryKey: ['case-timeline'] });
    },
  });
}
