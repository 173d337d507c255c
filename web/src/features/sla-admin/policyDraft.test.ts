import { describe, expect, it } from 'vitest';
import { policyDraftOf, policyInputOf, policyRuleOf, type PolicyDraft } from './policyDraft';
import type { BreachAction, Policy } from './types';

const saved: Policy = {
  id: 'p1',
  name: 'P2 office hours',
  position: 20,
  enabled: true,
  match: { priorities: ['P2'], categoryPattern: 'payments/*', accountTiers: ['vip'], regions: ['MY'], partnerTeams: [] },
  calendar: { id: 'cal-my', name: 'Malaysia office hours', timeZone: 'Asia/Kuala_Lumpur' },
  targets: { firstResponse: 'PT2H', resolution: 'P1DT30M' },
  warnAt: [75, 90],
  breachActions: [{ action: 'notify' }, { action: 'move_to_team', team: 'team-oncall' }],
  pauseStatuses: ['waiting_requester'],
  onReopen: 'restart',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

function draft(change: (draft: PolicyDraft) => void = () => {}): PolicyDraft {
  const value = policyDraftOf(saved, { position: 0, calendar: null });
  change(value);
  return value;
}

describe('policyDraftOf', () => {
  it('shows targets in hours and minutes of working time', () => {
    expect(draft().targets).toEqual({
      firstResponse: { hours: 2, minutes: 0 },
      nextResponse: { hours: '', minutes: '' },
      resolution: { hours: 24, minutes: 30 },
      handoffAnswer: { hours: '', minutes: '' },
    });
  });

  it('starts a new policy with the defaults given and the server’s own', () => {
    const fresh = policyDraftOf(undefined, { position: 40, calendar: 'cal-sg' });
    expect(fresh).toMatchObject({ position: 40, calendar: 'cal-sg', categoryPattern: '*', warnAt: '75, 90', notify: true });
  });
});

describe('policyInputOf', () => {
  it('gives back the saved policy for an untouched form', () => {
    expect(policyInputOf(draft())).toEqual({
      input: {
        name: 'P2 office hours',
        position: 20,
        enabled: true,
        match: saved.match,
        calendar: 'cal-my',
        targets: { firstResponse: 'PT2H', resolution: 'PT24H30M' },
        warnAt: [75, 90],
        breachActions: [{ action: 'notify' }, { action: 'move_to_team', team: 'team-oncall' }],
        pauseStatuses: ['waiting_requester'],
        onReopen: 'restart',
      },
    });
  });

  it.each<[string, (d: PolicyDraft) => void, Record<string, string>]>([
    ['a blank name', (d) => (d.name = ' '), { name: 'required' }],
    ['no position', (d) => (d.position = ''), { position: 'position' }],
    ['a negative position', (d) => (d.position = -1), { position: 'position' }],
    ['no calendar', (d) => (d.calendar = null), { calendar: 'required' }],
    ['a category pattern with spaces', (d) => (d.categoryPattern = 'payments /*'), { 'match.categoryPattern': 'pattern' }],
    [
      'no target at all',
      (d) => {
        d.targets.firstResponse = { hours: '', minutes: '' };
        d.targets.resolution = { hours: '', minutes: '' };
      },
      { targets: 'noTarget' },
    ],
    ['a zero target', (d) => (d.targets.firstResponse = { hours: 0, minutes: 0 }), { 'targets.firstResponse': 'duration' }],
    ['half a minute', (d) => (d.targets.firstResponse = { hours: 0, minutes: 0.5 }), { 'targets.firstResponse': 'duration' }],
    ['unreadable warnings', (d) => (d.warnAt = '75, lots'), { warnAt: 'percents' }],
  ])('reports %s', (_, change, problems) => {
    expect(policyInputOf(draft(change))).toEqual({ problems });
  });

  it('reads minutes alone and an empty pattern as any category', () => {
    const result = policyInputOf(
      draft((d) => {
        d.targets.nextResponse = { hours: '', minutes: 45 };
        d.categoryPattern = '';
        d.moveToTeam = null;
        d.notify = false;
        d.raisePriority = true;
        d.warnAt = '';
      }),
    );
    expect('input' in result && result.input).toMatchObject({
      targets: { firstResponse: 'PT2H', nextResponse: 'PT45M', resolution: 'PT24H30M' },
      match: { categoryPattern: '*' },
      breachActions: [{ action: 'raise_priority' }],
      warnAt: [],
    });
  });
});

describe('breach actions round trip', () => {
  const withCritical: Policy = {
    ...saved,
    breachActions: [
      { action: 'notify' },
      { action: 'raise_critical', authority: 'auth-legal-my' },
      // An action this editor has no input for: a newer server's, or one set through the API.
      { action: 'page_on_call', rota: 'night' } as unknown as BreachAction,
    ],
  };

  it('shows the raise_critical authority in its own input', () => {
    expect(policyDraftOf(withCritical, { position: 0, calendar: null })).toMatchObject({
      notify: true,
      raiseCritical: 'auth-legal-my',
      moveToTeam: null,
    });
  });

  it('saves raise_critical and unknown actions back unchanged', () => {
    const result = policyInputOf(policyDraftOf(withCritical, { position: 0, calendar: null }));
    expect('input' in result && result.input.breachActions).toEqual(withCritical.breachActions);
  });

  it('drops raise_critical when the select is cleared, keeping the rest', () => {
    const draft = policyDraftOf(withCritical, { position: 0, calendar: null });
    draft.raiseCritical = null;
    const result = policyInputOf(draft);
    expect('input' in result && result.input.breachActions).toEqual([{ action: 'notify' }, { action: 'page_on_call', rota: 'night' }]);
  });

  it('adds raise_critical to a policy that had none', () => {
    const result = policyInputOf(draft((d) => (d.raiseCritical = 'auth-pr')));
    expect('input' in result && result.input.breachActions).toEqual([
      { action: 'notify' },
      { action: 'move_to_team', team: 'team-oncall' },
      { action: 'raise_critical', authority: 'auth-pr' },
    ]);
  });
});

describe('policyRuleOf', () => {
  it('previews a draft that has no name yet', () => {
    const result = policyRuleOf(draft((d) => (d.name = '')));
    expect('rule' in result && result.rule.targets).toEqual({ firstResponse: 'PT2H', resolution: 'PT24H30M' });
    expect('rule' in result && 'name' in result.rule).toBe(false);
  });
});
