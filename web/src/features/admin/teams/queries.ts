import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api';
import type { Team, TeamKind } from '../../../app/types';

export interface TeamInput {
  name: string;
  kind: TeamKind;
  region: string | null;
}

export const teamsKey = ['teams'] as const;

export function useTeams(enabled = true) {
  return useQuery({
    queryKey: teamsKey,
    queryFn: () => api.get<{ items: Team[] }>('/teams').then((page) => page.items),
    enabled,
  });
}

export function useSaveTeam(team: Team | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TeamInput) =>
      team ? api.patch<Team>(`/teams/${team.id}`, input) : api.post<Team>('/teams', input),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: teamsKey });
      // Users show their teams' names.
      void client.invalidateQueries({ queryKey: ['users'] });
    },
  });
}
