import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { AppNotification } from '../cases/types';

export const notificationsKey = ['notifications'] as const;

export function useNotifications() {
  return useQuery({
    queryKey: notificationsKey,
    queryFn: () => api.get<{ items: AppNotification[]; unread: number }>('/notifications'),
    refetchInterval: 30_000,
    // A bell that cannot load must not make every page retry noisily.
    retry: false,
  });
}

export function useMarkNotificationRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string | number) => api.post<void>(`/notifications/${id}/read`),
    onSuccess: () => void client.invalidateQueries({ queryKey: notificationsKey }),
  });
}
