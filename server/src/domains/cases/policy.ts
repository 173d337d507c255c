import type { CaseRow, Role } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { type CaseStatus, TRANSITIONS } from './status-machine.js';

/** People who work cases (they see every case). */
export const CASE_WORKERS: readonly Role[] = ['specialist', 'lead', 'manager', 'admin'];
/** Who may read every case: the workers plus QA. */
export const CASE_READERS: readonly Role[] = [...CASE_WORKERS, 'qa'];
/** Who may file a case. */
export const CASE_FILERS: readonly Role[] = ['requester', ...CASE_WORKERS];
/** Who may call the case routes at all; the finer checks below decide per case. */
export const CASE_ROUTE_ACCESS: readonly Role[] = ['requester', 'partner', ...CASE_READERS];

/** Fields each role may change with PATCH; anything else is refused by name. */
const EDITABLE: Partial<Record<Role, readonly string[]>> = {
  specialist: ['title', 'description', 'category', 'priority', 'flags', 'team', 'assignee', 'fields', 'rootCause', 'resolution'],
  lead: ['title', 'description', 'category', 'priority', 'flags', 'team', 'assignee', 'fields', 'rootCause', 'resolution'],
  manager: ['title', 'description', 'category', 'priority', 'flags', 'team', 'assignee', 'fields', 'rootCause', 'resolution'],
  admin: ['title', 'description', 'category', 'priority', 'flags', 'team', 'assignee', 'fields', 'rootCause', 'resolution'],
};

export function role(actor: Actor): Role | 'system' {
  return actor.user?.role ?? 'system';
}

/** How the actor relates to one case, decided from data the caller loaded. */
export type CaseAccess = 'worker' | 'reader' | 'requester' | 'partner' | null;

export function caseAccess(actor: Actor, row: Pick<CaseRow, 'requester_id'>, partnerTeamHasHandoff: boolean): CaseAccess {
  const r = role(actor);
  if (r === 'system' || CASE_WORKERS.includes(r)) return 'worker';
  if (r === 'qa') return 'reader';
  if (r === 'requester' && row.requester_id === actor.user?.id) return 'requester';
  if (r === 'partner' && partnerTeamHasHandoff) return 'partner';
  return null;
}

/** Throws the not-found a stranger gets, so case ids don't leak whether a case exists. */
export function requireAccess(access: CaseAccess): asserts access is Exclude<CaseAccess, null> {
  if (access === null) throw AppError.notFound('case');
}

export function forbiddenFields(actor: Actor, fields: string[]): string[] {
  const r = role(actor);
  if (r === 'system') return [];
  const allowed = EDITABLE[r] ?? [];
  return fields.filter((f) => !allowed.includes(f));
}

/** Which transitions a relation to the case allows (the state machine then checks the move itself). */
export function mayTransition(access: CaseAccess, from: CaseStatus, to: CaseStatus): boolean {
  if (access === 'worker') return true;
  // The requester closes the loop: confirms the outcome, or reopens.
  if (access === 'requester') return (from === 'resolved' && to === 'closed') || to === 'reopened';
  return false;
}

/** What the UI may offer on this case; computed here so the client never re-derives it. */
export function caseAbilities(access: CaseAccess, status: CaseStatus) {
  // A closed case is a record: reopen it to work on it again.
  const open = status !== 'closed';
  const worker = access === 'worker';
  const transitions = TRANSITIONS[status].filter(
    // Closing before resolution happens only by merging, which has its own action.
    (to) => mayTransition(access, status, to) && !(to === 'closed' && (status === 'new' || status === 'triaged')),
  );
  return {
    edit: worker && open,
    comment: (worker || access === 'requester') && open,
    commentInternal: worker && open,
    transition: transitions.length > 0,
    transitions,
    handoff: worker && open,
    merge: worker && open,
    attach: (worker || access === 'requester') && open,
  };
}

/** e.g. `s•••@example.com`: enough to recognise, not enough to contact. */
export function maskEmail(email: string | null): string | null {
  if (!email) return email;
  const [local, domain] = email.split('@');
  return `${(local ?? '').slice(0, 1)}•••@${domain ?? ''}`;
}

export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  const digits = phone.replace(/\D/g, '');
  return `•••${digits.slice(-2)}`;
}
