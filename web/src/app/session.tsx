import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { ServiceUnavailable } from '../components/ServiceUnavailable';
import i18n from '../i18n';
import { api, isUnauthenticated, setCsrfToken } from './api';
import { sessionKey } from './queryClient';
import type { Locale, Session } from './types';

const SessionContext = createContext<Session | null>(null);

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/me');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isUnauthenticated(error)) return null;
    throw error;
  }
}

function remember(client: QueryClient, session: Session | null): void {
  setCsrfToken(session?.csrfToken ?? null);
  client.setQueryData(sessionKey, session);
}

/** Loads who is signed in (GET /me) and keeps the UI language on the user's locale. */
export function SessionProvider({ fallback, children }: { fallback: ReactNode; children: ReactNode }) {
  const { data: session, isPending, error, refetch } = useQuery({
    queryKey: sessionKey,
    queryFn: fetchSession,
    staleTime: Infinity,
  });

  const locale = session?.user.locale;
  useEffect(() => {
    if (locale && locale !== i18n.language) void i18n.changeLanguage(locale);
  }, [locale]);

  if (isPending) return fallback;
  if (error && session === undefined) return <ServiceUnavailable error={error} onRetry={() => void refetch()} />;
  return <SessionContext.Provider value={session ?? null}>{children}</SessionContext.Provider>;
}

/** The signed-in session, or null on public pages. */
export function useOptionalSession(): Session | null {
  return useContext(SessionContext);
}

/** The signed-in session; only for pages behind the sign-in guard. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in route');
  return session;
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { email: string; password: string }) =>
      api.post<Session>('/auth/login', credentials),
    onSuccess: (session) => remember(client, session),
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    // Whatever the server said, this tab no longer holds anyone's data.
    onSettled: () => {
      remember(client, null);
      // Drop everything else; the session query stays so its observer sees the null.
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
    },
  });
}

/** PATCH /me: the server remembers the locale per user, so it follows them across devices. */
export function useUpdateMe() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: { locale?: Locale; displayName?: string }) => api.patch<Session>('/me', changes),
    onSuccess: (session) => remember(client, session),
  });
}
