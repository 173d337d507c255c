import { useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../../app/api';
import type { MailFilter, MailItem } from './outbox';

export const MAIL_POLL_MS = 30_000;
const MAIL_LIMIT = 100;

/** The newest mail of the outbox, polled every 30 s while the page is open. */
export function useMailOutbox(filter: MailFilter) {
  return useQuery({
    queryKey: ['admin', 'mail', filter],
    queryFn: () =>
      api
        .get<{ items: MailItem[] }>(`/admin/mail${queryString({ status: filter === 'all' ? null : filter, limit: MAIL_LIMIT })}`)
        .then((page) => page.items),
    refetchInterval: MAIL_POLL_MS,
  });
}
