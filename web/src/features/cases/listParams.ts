import type { Session } from '../../app/types';
import type { CaseWorkspace } from '../../app/workspace';
import type { CaseQuery } from './queries';
import { SLA_STATES, type SlaState } from './types';

/** Saved views: each fixes some filters; the person's own filters apply on top. */
export const STAFF_VIEWS = ['all', 'mine', 'team', 'unassigned', 'waiting', 'atRisk', 'breached'] as const;
export type CaseView = (typeof STAFF_VIEWS)[number] | 'escalations';

/** `due`: the soonest running SLA due first, cases without one last. */
export const SORTS = ['-createdAt', 'createdAt', '-updatedAt', 'priority', 'due'] as const;
export type CaseSort = (typeof SORTS)[number];

/** The SLA queues fix the SLA state and are worked soonest-due first. */
const VIEW_SLA_STATE: Partial<Record<CaseView, SlaState>> = { atRisk: 'at_risk', breached: 'breached' };

/** The order a view lists in until the person picks another (left out of the address). */
export function defaultSort(view: CaseView): CaseSort {
  return VIEW_SLA_STATE[view] ? 'due' : '-createdAt';
}

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
  slaState: SlaState | null;
}

export function viewsFor(workspace: CaseWorkspace, session: Session): CaseView[] {
  if (!workspace.worker) return ['escalations'];
  return STAFF_VIEWS.filter((view) => view !== 'team' || session.user.teams.length > 0);
}

const csv = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);

export function readListState(params: URLSearchParams, views: CaseView[]): ListState {
  const asked = params.get('view') as CaseView | null;
  const view = asked && views.includes(asked) ? asked : (views[0] ?? 'escalations');
  const sort = params.get('sort') as CaseSort | null;
  const slaState = params.get('slaState') as SlaState | null;
  return {
    view,
    status: csv(params.get('status')),
    priority: csv(params.get('priority')),
    category: params.get('category'),
    teamId: params.get('teamId'),
    assigneeId: params.get('assigneeId'),
    q: params.get('q') ?? '',
    sort: sort && (SORTS as readonly string[]).includes(sort) ? sort : defaultSort(view),
    slaState: slaState && (SLA_STATES as readonly string[]).includes(slaState) ? slaState : null,
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
  if (state.sort !== defaultSort(state.view)) params.set('sort', state.sort);
  if (state.slaState) params.set('slaState', state.slaState);
  return params;
}

/** Open another view: a sort that was only the old view's default becomes the new one's. */
export function switchView(state: ListState, view: CaseView, session: Session): ListState {
  return {
    ...state,
    view,
    sort: state.sort === defaultSort(state.view) ? defaultSort(view) : state.sort,
    ...(view === 'team' ? { teamId: session.user.teams[0]?.id ?? null } : {}),
  };
}

/** Which filter inputs a view fixes (they are shown as set by the view, not editable). */
export function fixedByView(view: CaseView): Set<keyof ListState> {
  switch (view) {
    case 'mine':
    case 'unassigned':
      return new Set(['assigneeId']);
    case 'waiting':
      return new Set(['status']);
    case 'atRisk':
    case 'breached':
      return new Set(['slaState']);
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
    slaState: state.slaState ?? undefined,
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
    case 'atRisk':
    case 'breached':
      return { ...query, slaState: VIEW_SLA_STATE[state.view] };
    default:
      return query;
  }
}
