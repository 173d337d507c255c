import type { Session } from '../../app/types';

/**
 * The board is for the people who work or review cases from the queues (the server's
 * ESCALATION_READERS match `abilities.cases.queues`); /me has no escalation ability yet.
 */
export function canSeeEscalations(session: Session): boolean {
  return session.abilities.areas.cases && session.abilities.cases.queues;
}
