/** The admin's view of the e-mail outbox (GET /api/v1/admin/mail). */

export const MAIL_STATUSES = ['queued', 'sent', 'held', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];
/** The status filter of the page; `all` asks the server without a status. */
export type MailFilter = MailStatus | 'all';
export const MAIL_FILTERS: readonly MailFilter[] = ['all', ...MAIL_STATUSES];

/** The kinds the server mails; any other kind is shown as the server names it. */
export const MAIL_KINDS = ['case_resolved', 'handoff_assigned', 'handoff_overdue', 'sla_breached', 'critical_page', 'case_waiting', 'case_assigned'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export interface MailItem {
  id: number;
  to: { id: string; displayName: string; address: string };
  locale: string;
  kind: string;
  case: { id: string; number: string } | null;
  status: string;
  subject: string;
  text: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export const MAIL_STATUS_COLOR: Record<MailStatus, string> = { queued: 'blue', sent: 'green', held: 'yellow', failed: 'red' };

export const isMailStatus = (value: string): value is MailStatus => (MAIL_STATUSES as readonly string[]).includes(value);
export const isMailKind = (value: string): value is MailKind => (MAIL_KINDS as readonly string[]).includes(value);

/** The filter kept in the URL (`?status=held`); anything missing or unknown is `all`. */
export function mailFilterFrom(param: string | null): MailFilter {
  return param !== null && isMailStatus(param) ? param : 'all';
}

/** The URL search for a filter: `all` leaves the address clean. */
export function mailFilterSearch(filter: MailFilter): Record<string, string> {
  return filter === 'all' ? {} : { status: filter };
}
