import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { ChartGrid, KpiGrid, TrendChart, VolumeChart } from './charts';
import { DashboardTabs } from './DashboardTabs';
import { FilterBar, useDashboardFilters } from './filters';
import type { FilterName, MetricName } from './types';

const MY_KPIS: MetricName[] = ['volume_resolved', 'sla_attainment', 'resolution_median', 'csat_avg'];
const MY_TRENDS: MetricName[] = ['sla_attainment', 'resolution_median', 'csat_avg'];
/** The server fixes agent to the person asking; a team would only narrow their own numbers oddly. */
const OMIT: FilterName[] = ['agent', 'team'];

/** A specialist's own numbers (the API answers only with theirs). */
export function MyNumbersPage() {
  const { t } = useTranslation();
  const { filters, update, today } = useDashboardFilters();
  return (
    <>
      <PageHeader title={t('metrics.me.title')} description={t('metrics.me.description')} />
      <DashboardTabs current="me" />
      <FilterBar filters={filters} update={update} today={today} />
      <KpiGrid metrics={MY_KPIS} filters={filters} omit={OMIT} />
      <ChartGrid>
        <VolumeChart filters={filters} omit={OMIT} />
        {MY_TRENDS.map((metric) => (
          <TrendChart key={metric} testId={`chart-${metric}`} title={t(`metrics.name.${metric}`)} metric={metric} filters={filters} omit={OMIT} />
        ))}
      </ChartGrid>
    </>
  );
}
