import type { Session } from '../../app/types';

// /me has no routing ability yet: these mirror the server's ROUTING_READERS and ROUTING_EDITORS.
const READERS = ['specialist', 'lead', 'qa', 'manager', 'admin'];
const EDITORS = ['lead', 'admin'];

/** Whether this person may open the routing rules (read only unless they may edit). */
export function canReadRouting(session: Session): boolean {
  return READERS.includes(session.user.role);
}

/** Leads and admins write rules; they get the navigation entry. */
export function canEditRouting(session: Session): boolean {
  return EDITORS.includes(session.user.role);
}
