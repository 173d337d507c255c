import type { Session } from './types';

/**
 * How the cases area is laid out for this person: which lists and forms they get. The
 * server decides it (`abilities.cases` / `abilities.handoffs` of /me); nothing here re-derives it.
 */
export interface CaseWorkspace {
  /** The case list (partners work from their handoff inbox instead). */
  caseList: boolean;
  /** May file a new case. */
  file: boolean;
  /** Files through the CRM and follows only their own escalations. */
  requester: boolean;
  /** Works cases for a service team: saved queues, filters by team and assignee. */
  worker: boolean;
  /** The handoff inbox. */
  handoffs: boolean;
}

export function caseWorkspace(session: Session): CaseWorkspace {
  const { areas, cases, handoffs } = session.abilities;
  return {
    caseList: areas.cases && cases.list,
    file: areas.cases && cases.file,
    requester: cases.file && !cases.queues,
    worker: cases.queues,
    handoffs: areas.cases && handoffs.inbox,
  };
}
