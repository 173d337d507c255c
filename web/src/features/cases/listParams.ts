import type { Session } from '../../app/types';
import type { CaseWorkspace } from '../../app/workspace';
import type { CaseQuery } from './queries';

/** Saved views: each fixes some filters; the person's own filters apply on top. */
export const STAFF_VIEWS = ['all', 'mine', 'team', 'unassigned', 'waiting'] as const;
export type CaseView = (typeof STAFF_VIEWS)[number] | 'escalations';

export const SORTS = ['-createdAt', 'createdAt', '-updatedAt', 'priority'] as const;
export type CaseSort = (typeof SORTS)[number];

/** Everything the list shows, as kept in the address bar (so it can be shared and reloaded). */
export interface ListState {
  view: CaseView;
  status: string[];
  priority: string[];
  category: string | null;
  teamId: string | null;
  assigneeId: string | null;
  q: string;
  sort: CaseSort;
}

export function viewsFor(workspace: CaseWorkspace, session: Session): CaseView[] {
  if (!workspace.worker) return ['escalations'];
  return STAFF_VIEWS.filter((view) => view !== 'team' || session.user.teams.length > 0);
}

const csv = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);

export function readListState(params: URLSearchParams, views: CaseView[]): ListState {
  const view = params.get('view') as CaseView | null;
  const sort = params.get('sort') as CaseSort | null;
  return {
    view: view && views.includes(view) ? view : (views[0] ?? 'escalations'),
    status: csv(params.get('status')),
    priority: csv(params.get('priority')),
    category: params.get('category'),
    teamId: params.get('teamId'),
    assigneeId: params.get('assigneeId'),
    q: params.get('q') ?? '',
    sort: sort && (SORTS as readonly string[]).includes(sort) ? sort : '-createdAt',
  };
}

export function writeListState(state: ListState, views: CaseView[]): URLSearchParams {
  const params = new URLSearchParams();
  if (state.view !== views[0]) params.set('view', state.view);
  if (state.status.length) params.set('status', state.status.join(','));
  if (state.priority.length) params.set('priority', state.priority.join(','));
  if (state.category) params.set('category', state.category);
  if (state.teamId) params.set('teamId', state.teamId);
  if (state.assigneeId) params.set('assigneeId', state.assigneeId);
  if (state.q) params.set('q', state.q);
  if (state.sort !== '-createdAt') params.set('sort', state.sort);
  return params;
}

/** Which filter inputs a view fixes (they are shown as set by the view, not editable). */
export function fixedByView(view: CaseView): Set<keyof ListState> {
  switch (view) {
    case 'mine':
    case 'unassigned':
      return new Set(['assigneeId']);
    case 'waiting':
      return new Set(['status']);
    default:
      return new Set();
  }
}

/** The API query for a list state: the view's own filters win over the person's. */
export function toCaseQuery(state: ListState, session: Session): CaseQuery {
  const query: CaseQuery = {
    status: state.status.join(',') || undefined,
    priority: state.priority.join(',') || undefined,
    category: state.category ?? undefined,
    teamId: state.teamId ?? undefined,
    assigneeId: state.assigneeId ?? undefined,
    q: state.q.trim() || undefined,
    sort: state.sort,
  };
  switch (state.view) {
    case 'escalations':
      return { ...query, requesterId: 'me', teamId: undefined, assigneeId: undefined };
    case 'mine':
      return { ...query, assigneeId: 'me' };
    case 'team': {
      const mine = session.user.teams.map((team) => team.id);
      const teamId = state.teamId && mine.includes(state.teamId) ? state.teamId : mine[0];
      return { ...query, teamId };
    }
    case 'unassigned':
      return { ...query, assigneeId: undefined, unassigned: true };
    case 'waiting':
      return { ...query, status: 'waiting_partner' };
    default:
      return query;
  }
}
