import { describe, expect, it } from 'vitest';
import type { Session } from '../../app/types';
import { caseWorkspace } from '../../app/workspace';
import { readListState, switchView, toCaseQuery, viewsFor, writeListState } from './listParams';

function session(role: Session['user']['role'], teams: string[] = []): Session {
  return {
    csrfToken: 'x',
    user: {
      id: 'me-id',
      email: 'x@closeloop.test',
      displayName: 'X',
      role,
      region: null,
      languages: [],
      locale: 'en',
      active: true,
      available: true,
      skillCategories: [],
      teams: teams.map((id) => ({ id, name: id, kind: 'service' })),
      createdAt: '',
      updatedAt: '',
    },
    abilities: {
      areas: { cases: true, dashboards: true, knowledge: true, qa: true, shifts: true, admin: false },
      users: { read: true, manage: false },
      teams: { read: true, manage: false },
      tokens: { manage: true },
      // As the server computes them for these roles (server/src/domains/identity/policy.ts).
      cases: { list: role !== 'partner', file: role !== 'qa' && role !== 'partner', queues: role !== 'requester' && role !== 'partner' },
      handoffs: { inbox: role !== 'requester' },
      imports: { run: ['lead', 'manager', 'admin'].includes(role) },
      knowledge: { write: false, publish: false },
      templates: { use: false, manage: false },
    },
  };
}

describe('case list state in the address', () => {
  const specialist = session('specialist', ['team-a', 'team-b']);
  const views = viewsFor(caseWorkspace(specialist), specialist);

  it('round-trips filters through the query string', () => {
    const state = readListState(new URLSearchParams('view=mine&status=new,triaged&priority=P1&category=payments&q=提现&sort=priority'), views);
    expect(state).toMatchObject({ view: 'mine', status: ['new', 'triaged'], priority: ['P1'], category: 'payments', q: '提现', sort: 'priority' });
    expect(readListState(writeListState(state, views), views)).toEqual(state);
  });

  it('leaves defaults out of the address', () => {
    expect(writeListState(readListState(new URLSearchParams(), views), views).toString()).toBe('');
  });

  it('lets the saved view decide the filters it fixes', () => {
    const query = (search: string) => toCaseQuery(readListState(new URLSearchParams(search), views), specialist);
    expect(query('view=mine&assigneeId=someone')).toMatchObject({ assigneeId: 'me' });
    expect(query('view=unassigned&assigneeId=someone')).toMatchObject({ unassigned: true, assigneeId: undefined });
    expect(query('view=waiting&status=new')).toMatchObject({ status: 'waiting_partner' });
    expect(query('view=team')).toMatchObject({ teamId: 'team-a' });
    expect(query('view=team&teamId=team-b')).toMatchObject({ teamId: 'team-b' });
    expect(query('view=team&teamId=not-mine')).toMatchObject({ teamId: 'team-a' });
  });

  it('keeps the SLA state filter and the due order in the address', () => {
    const state = readListState(new URLSearchParams('slaState=breached&sort=due'), views);
    expect(state).toMatchObject({ view: 'all', slaState: 'breached', sort: 'due' });
    expect(writeListState(state, views).toString()).toBe('sort=due&slaState=breached');
    expect(toCaseQuery(state, specialist)).toMatchObject({ slaState: 'breached', sort: 'due' });
    expect(readListState(new URLSearchParams('slaState=late'), views).slaState).toBeNull();
  });

  it.each([
    ['view=atRisk', { slaState: 'at_risk', sort: 'due' }],
    ['view=atRisk&slaState=on_track', { slaState: 'at_risk', sort: 'due' }],
    ['view=breached', { slaState: 'breached', sort: 'due' }],
    ['view=breached&sort=priority', { slaState: 'breached', sort: 'priority' }],
    ['view=mine&slaState=at_risk', { slaState: 'at_risk', sort: '-createdAt', assigneeId: 'me' }],
  ])('queries %s as %o', (search, expected) => {
    expect(toCaseQuery(readListState(new URLSearchParams(search), views), specialist)).toMatchObject(expected);
  });

  it('lists the SLA queues soonest due first without saying so in the address', () => {
    expect(writeListState(readListState(new URLSearchParams('view=atRisk'), views), views).toString()).toBe('view=atRisk');
    const all = readListState(new URLSearchParams(), views);
    expect(switchView(all, 'atRisk', specialist)).toMatchObject({ view: 'atRisk', sort: 'due' });
    expect(switchView(switchView(all, 'atRisk', specialist), 'mine', specialist)).toMatchObject({ view: 'mine', sort: '-createdAt' });
    // A sort the person chose stays when they change view.
    expect(switchView({ ...all, sort: 'priority' }, 'breached', specialist).sort).toBe('priority');
    expect(switchView(all, 'team', specialist).teamId).toBe('team-a');
  });

  it('gives requesters only their own escalations', () => {
    const requester = session('requester');
    const requesterViews = viewsFor(caseWorkspace(requester), requester);
    expect(requesterViews).toEqual(['escalations']);
    const state = readListState(new URLSearchParams('view=mine&teamId=x'), requesterViews);
    expect(state.view).toBe('escalations');
    expect(toCaseQuery(state, requester)).toMatchObject({ requesterId: 'me', teamId: undefined });
  });

  it('drops the team queue for someone in no team', () => {
    const loner = session('specialist');
    expect(viewsFor(caseWorkspace(loner), loner)).not.toContain('team');
  });
});
