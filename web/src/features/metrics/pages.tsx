import { Navigate, useLocation } from 'react-router';
import { useSession } from '../../app/session';
import { NoAccessPage } from '../shell/MessagePage';
import { dashboardViews, defaultDashboard, type DashboardView } from './access';
import { MyNumbersPage } from './MyNumbersPage';
import { OverviewPage } from './OverviewPage';
import { TeamPage } from './TeamPage';
import { Tier1ContactsPage } from './Tier1ContactsPage';

const PAGES: Record<DashboardView, () => React.JSX.Element> = {
  overview: OverviewPage,
  team: TeamPage,
  me: MyNumbersPage,
  tier1: Tier1ContactsPage,
};

/** Routes of the dashboards area (mounted by app/routes.tsx). */
export const DASHBOARD_PAGES = [
  { path: 'dashboards', element: <DashboardsHome /> },
  ...(Object.keys(PAGES) as DashboardView[]).map((view) => ({ path: `dashboards/${view}`, element: <DashboardGate view={view} /> })),
];

function DashboardsHome() {
  const session = useSession();
  const { search } = useLocation();
  const view = defaultDashboard(session);
  return view ? <Navigate to={`/dashboards/${view}${search}`} replace /> : <NoAccessPage />;
}

function DashboardGate({ view }: { view: DashboardView }) {
  const session = useSession();
  const Page = PAGES[view];
  return dashboardViews(session).includes(view) ? <Page /> : <NoAccessPage />;
}
