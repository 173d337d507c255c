import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isUnauthenticated } from './api';

export const sessionKey = ['session'] as const;

/**
 * One client for the app. A 401 from any call means the cookie session ended (expiry,
 * sign-out in another tab), so the session is dropped and the router shows sign-in.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => endSessionOn401(error) }),
    mutationCache: new MutationCache({ onError: (error) => endSessionOn401(error) }),
    defaultOptions: {
      queries: {
        // 4xx answers will not change on retry; network blips and 5xx might.
        retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
        refetchOnWindowFocus: false,
      },
    },
  });

  function endSessionOn401(error: unknown): void {
    if (isUnauthenticated(error) && client.getQueryData(sessionKey)) client.setQueryData(sessionKey, null);
  }

  return client;
}
