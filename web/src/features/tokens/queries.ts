import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { ApiToken } from '../../app/types';

/** The one answer that carries the secret; the server never shows it again. */
export interface CreatedToken extends ApiToken {
  token: string;
}

const tokensKey = ['tokens'] as const;

export function useTokens() {
  return useQuery({
    queryKey: tokensKey,
    queryFn: () => api.get<{ items: ApiToken[] }>('/tokens').then((page) => page.items),
  });
}

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<CreatedToken>('/tokens', { name }),
    onSuccess: () => void client.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (token: ApiToken) => api.delete(`/tokens/${token.id}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: tokensKey }),
  });
}
