import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { dashboardViews, type DashboardView } from './access';

/** The dashboards this person may open; the range and filters travel along (not team or agent). */
export function DashboardTabs({ current }: { current: DashboardView }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const { search } = useLocation();
  const views = dashboardViews(session);
  if (views.length < 2) return null;
  function go(view: DashboardView) {
    const params = new URLSearchParams(search);
    params.delete('team');
    params.delete('agent');
    const text = view === 'tier1' ? '' : params.toString();
    void navigate(`/dashboards/${view}${text ? `?${text}` : ''}`);
  }
  return (
    <Tabs value={current} onChange={(value) => value && go(value as DashboardView)} mb="md" keepMounted={false}>
      <Tabs.List>
        {views.map((view) => (
          <Tabs.Tab key={view} value={view} data-testid={`dashboard-tab-${view}`}>
            {t(`metrics.view.${view}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
