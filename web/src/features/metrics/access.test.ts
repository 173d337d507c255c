import { describe, expect, it } from 'vitest';
import type { Role, Session } from '../../app/types';
import { dashboardViews, defaultDashboard } from './access';

function session(role: Role, dashboards = true): Session {
  return {
    user: { role } as Session['user'],
    abilities: { areas: { cases: true, dashboards, knowledge: false, qa: false, shifts: false, admin: false } } as Session['abilities'],
    csrfToken: 'x',
  };
}

describe('dashboard views by role', () => {
  it('gives each role its views and landing page', () => {
    expect(dashboardViews(session('specialist'))).toEqual(['me']);
    expect(defaultDashboard(session('specialist'))).toBe('me');
    expect(dashboardViews(session('lead'))).toEqual(['overview', 'team', 'me']);
    expect(defaultDashboard(session('lead'))).toBe('team');
    expect(dashboardViews(session('qa'))).toEqual(['overview', 'team']);
    expect(dashboardViews(session('manager'))).toEqual(['overview', 'team', 'tier1']);
    expect(defaultDashboard(session('manager'))).toBe('overview');
    expect(dashboardViews(session('admin'))).toEqual(['overview', 'team', 'tier1']);
  });

  it('gives nothing without the dashboards area', () => {
    expect(dashboardViews(session('manager', false))).toEqual([]);
    expect(defaultDashboard(session('requester'))).toBeNull();
    expect(dashboardViews(session('partner'))).toEqual([]);
  });
});
