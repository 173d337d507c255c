/**
 * The case lifecycle of DESIGN §2:
 * new → triaged → in_progress ⇄ waiting_requester / waiting_partner → resolved → closed,
 * and reopened from resolved or closed. Pure: the caller supplies the facts the guards need.
 */
export const STATUSES = [
  'new',
  'triaged',
  'in_progress',
  'waiting_requester',
  'waiting_partner',
  'resolved',
  'closed',
  'reopened',
] as const;
export type CaseStatus = (typeof STATUSES)[number];

const WORKING: CaseStatus[] = ['in_progress', 'waiting_requester', 'waiting_partner', 'reopened'];

/** Which statuses each status may move to (before guards). */
export const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['triaged', 'in_progress', 'resolved', 'closed'],
  triaged: ['in_progress', 'waiting_requester', 'waiting_partner', 'resolved', 'closed'],
  in_progress: ['waiting_requester', 'waiting_partner', 'resolved'],
  waiting_requester: ['in_progress', 'waiting_partner', 'resolved'],
  waiting_partner: ['in_progress', 'waiting_requester', 'resolved'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['in_progress', 'waiting_requester', 'waiting_partner', 'resolved'],
};

/** What the guards look at. */
export interface TransitionFacts {
  hasRootCause: boolean;
  hasResolution: boolean;
  openHandoffs: number;
  requesterNotified: boolean;
  /** Closing straight from new/triaged is only for duplicates and merges. */
  closingAsDuplicate: boolean;
}

export type TransitionRefusal =
  | { reason: 'illegal'; from: CaseStatus; to: CaseStatus }
  | { reason: 'needs_root_cause' | 'needs_resolution' | 'open_handoffs' | 'requester_not_notified' | 'not_a_duplicate' };

/** Null when the move is allowed, otherwise why not. */
export function checkTransition(from: CaseStatus, to: CaseStatus, facts: TransitionFacts): TransitionRefusal | null {
  if (!TRANSITIONS[from].includes(to)) return { reason: 'illegal', from, to };
  if (to === 'resolved') {
    if (!facts.hasRootCause) return { reason: 'needs_root_cause' };
    if (!facts.hasResolution) return { reason: 'needs_resolution' };
  }
  if (to === 'closed') {
    if ((from === 'new' || from === 'triaged') && !facts.closingAsDuplicate) return { reason: 'not_a_duplicate' };
    if (facts.openHandoffs > 0) return { reason: 'open_handoffs' };
    if (from === 'resolved' && !facts.requesterNotified) return { reason: 'requester_not_notified' };
  }
  return null;
}

export const isWorking = (status: CaseStatus) => WORKING.includes(status);
export const isOpen = (status: CaseStatus) => status !== 'resolved' && status !== 'closed';
