import type { Session } from '../../app/types';

export const DASHBOARD_VIEWS = ['overview', 'team', 'me', 'tier1'] as const;
export type DashboardView = (typeof DASHBOARD_VIEWS)[number];

/**
 * Which dashboards a person gets. /me has only the dashboards area, not the views in it, so
 * the views follow the metrics API's access by role (the server checks every request anyway:
 * a specialist's numbers are always their own; Tier 1 contacts are for managers and admins).
 */
export function dashboardViews(session: Session): DashboardView[] {
  if (!session.abilities.areas.dashboards) return [];
  const role = session.user.role;
  const views: DashboardView[] = [];
  if (role === 'lead' || role === 'qa' || role === 'manager' || role === 'admin') views.push('overview', 'team');
  if (role === 'specialist' || role === 'lead') views.push('me');
  if (role === 'manager' || role === 'admin') views.push('tier1');
  return views;
}

/** Where /dashboards lands: a specialist on their numbers, a lead on their team, others on the overview. */
export function defaultDashboard(session: Session): DashboardView | null {
  const views = dashboardViews(session);
  const preferred: DashboardView = session.user.role === 'specialist' ? 'me' : session.user.role === 'lead' ? 'team' : 'overview';
  return views.includes(preferred) ? preferred : (views[0] ?? null);
}
