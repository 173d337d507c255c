import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api';
import type { Team, TeamAssignment, TeamKind } from '../../../app/types';

export interface TeamInput {
  name: string;
  kind: TeamKind;
  region: string | null;
  /** Service teams only; sent with PATCH (a new team starts manual, so it follows the POST). */
  assignment?: TeamAssignment;
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
    mutationFn: async ({ assignment, ...fields }: TeamInput) => {
      if (team) return api.patch<Team>(`/teams/${team.id}`, assignment ? { ...fields, assignment } : fields);
      const created = await api.post<Team>('/teams', fields);
      const automatic = assignment && (assignment.strategy !== 'manual' || assignment.capacity !== null);
      return automatic ? api.patch<Team>(`/teams/${created.id}`, { assignment }) : created;
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: teamsKey });
      // Users show their teams' names.
      void client.invalidateQueries({ queryKey: ['users'] });
    },
  });
}
