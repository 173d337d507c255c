import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATUSES, TRANSITIONS, type TransitionFacts, checkTransition } from './status-machine.js';

const ready: TransitionFacts = {
  hasRootCause: true,
  hasResolution: true,
  openHandoffs: 0,
  requesterNotified: true,
  closingAsDuplicate: false,
};

// The expected table, written out independently of TRANSITIONS: rows are from, columns to.
const ALLOWED: Record<string, string> = {
  new: 'triaged in_progress resolved',
  triaged: 'in_progress waiting_requester waiting_partner resolved',
  in_progress: 'waiting_requester waiting_partner resolved',
  waiting_requester: 'in_progress waiting_partner resolved',
  waiting_partner: 'in_progress waiting_requester resolved',
  resolved: 'closed reopened',
  closed: 'reopened',
  reopened: 'in_progress waiting_requester waiting_partner resolved',
};

describe('case status machine', () => {
  const pairs = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('%s → %s', (from, to) => {
    const refusal = checkTransition(from, to, ready);
    const expected = ALLOWED[from]!.split(' ').includes(to);
    if (expected) expect(refusal).toBeNull();
    else if (to === 'closed' && (from === 'new' || from === 'triaged')) expect(refusal).toEqual({ reason: 'not_a_duplicate' });
    else expect(refusal).toEqual({ reason: 'illegal', from, to });
  });

  it('closes new and triaged cases only as duplicates', () => {
    expect(checkTransition('new', 'closed', { ...ready, closingAsDuplicate: true })).toBeNull();
    expect(checkTransition('triaged', 'closed', { ...ready, closingAsDuplicate: true })).toBeNull();
  });

  it('resolves only with a root cause and a resolution', () => {
    expect(checkTransition('in_progress', 'resolved', { ...ready, hasRootCause: false })).toEqual({ reason: 'needs_root_cause' });
    expect(checkTransition('in_progress', 'resolved', { ...ready, hasResolution: false })).toEqual({ reason: 'needs_resolution' });
  });

  it('never closes with an open handoff or before the requester was told', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATUSES), fc.integer({ min: 1, max: 5 }), fc.boolean(), (from, open, dup) => {
        expect(checkTransition(from, 'closed', { ...ready, openHandoffs: open, closingAsDuplicate: dup })).not.toBeNull();
      }),
    );
    expect(checkTransition('resolved', 'closed', { ...ready, requesterNotified: false })).toEqual({ reason: 'requester_not_notified' });
  });

  it('never moves a status to itself', () => {
    for (const status of STATUSES) expect(TRANSITIONS[status]).not.toContain(status);
  });
});
