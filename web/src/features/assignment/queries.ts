import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { sessionKey } from '../../app/queryClient';
import type { Session } from '../../app/types';

/** PUT /users/{id}/availability; the signed-in user's own switch lives in the session. */
export function useSetAvailability() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, available }: { userId: string; available: boolean }) =>
      api.put<{ id: string; available: boolean }>(`/users/${userId}/availability`, { available }),
    onSuccess: ({ id, available }) => {
      client.setQueryData<Session | null>(sessionKey, (session) =>
        session && session.user.id === id ? { ...session, user: { ...session.user, available } } : session,
      );
      void client.invalidateQueries({ queryKey: ['users'] });
    },
  });
}
