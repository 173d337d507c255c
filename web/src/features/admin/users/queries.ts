import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../../app/api';
import { sessionKey } from '../../../app/queryClient';
import type { Locale, Page, Role, Session, User } from '../../../app/types';
import { teamsKey } from '../teams/queries';

export interface UserFilters {
  q: string;
  role: Role | null;
}

export interface UserInput {
  email: string;
  displayName: string;
  role: Role;
  teamIds: string[];
  region: string | null;
  languages: string[];
  locale?: Locale;
  password?: string;
  active?: boolean;
}

const PAGE_SIZE = 50;

export function useUsers(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: ['users', filters],
    queryFn: ({ pageParam }) =>
      api.get<Page<User>>(`/users${queryString({ q: filters.q, role: filters.role, limit: PAGE_SIZE, cursor: pageParam })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // Keep the table steady while a new search is on its way.
    placeholderData: keepPreviousData,
  });
}

export function useSaveUser(user: User | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: UserInput) =>
      user ? api.patch<User>(`/users/${user.id}`, input) : api.post<User>('/users', input),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: ['users'] });
      void client.invalidateQueries({ queryKey: teamsKey }); // member counts
      // Editing yourself here changes what the header and abilities should show.
      if (saved.id === client.getQueryData<Session>(sessionKey)?.user.id) {
        void client.invalidateQueries({ queryKey: sessionKey });
      }
    },
  });
}
