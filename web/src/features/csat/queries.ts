import { useMutation, useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../app/api';
import type { Locale } from '../../app/types';

export interface Survey {
  caseNumber: string;
  caseTitle: string;
  language: Locale;
  state: 'open' | 'answered' | 'expired';
  expiresAt: string;
}

const path = (token: string) => `/csat/${encodeURIComponent(token)}`;

/** The survey behind a link; a 404 (unknown or tampered link) is not worth retrying. */
export function useSurvey(token: string) {
  return useQuery({
    queryKey: ['csat', token],
    queryFn: () => api.get<Survey>(path(token)),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    staleTime: Infinity,
  });
}

export function useAnswerSurvey(token: string) {
  return useMutation({
    mutationFn: (answer: { score: number; comment?: string }) => api.post<Survey>(path(token), answer),
  });
}
