import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { AgeChart, ChartGrid, KpiGrid, SlaByCategoryChart, TrendChart, VolumeChart } from './charts';
import { DashboardTabs } from './DashboardTabs';
import { FilterBar, useDashboardFilters } from './filters';
import { MetricChart } from './MetricChart';
import type { MetricName } from './types';

const OVERVIEW_KPIS: MetricName[] = [
  'sla_attainment',
  'first_response_median',
  'resolution_median',
  'csat_avg',
  'reopen_rate',
  'close_loop_rate',
  'escalation_rate',
  'backlog',
];

/** The program manager's overview: headline numbers and the charts behind them, for any filter. */
export function OverviewPage() {
  const { t } = useTranslation();
  const { filters, update, today } = useDashboardFilters();
  return (
    <>
      <PageHeader title={t('metrics.overview.title')} description={t('metrics.overview.description')} />
      <DashboardTabs current="overview" />
      <FilterBar filters={filters} update={update} today={today} show={{ team: true, agent: true }} />
      <KpiGrid metrics={OVERVIEW_KPIS} filters={filters} />
      <ChartGrid>
        <VolumeChart filters={filters} />
        <SlaByCategoryChart filters={filters} onClock={(clock) => update({ clock })} />
        <TrendChart testId="chart-backlog" title={t('metrics.chart.backlog')} metric="backlog" filters={filters} />
        <AgeChart filters={filters} />
        <MetricChart
          testId="chart-csat-region"
          title={t('metrics.chart.csatByRegion')}
          kind="bar"
          groupBy="region"
          series={[{ metric: 'csat_avg' }]}
          filters={filters}
        />
        <TrendChart testId="chart-critical-ack" title={t('metrics.chart.criticalAck')} metric="critical_ack_median" filters={filters} />
      </ChartGrid>
    </>
  );
}
