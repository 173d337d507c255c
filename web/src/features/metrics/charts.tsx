// The dashboards' shared pieces: the KPI grid and the charts the overview and team view both show.
import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ClockSelect } from './ClockSelect';
import { KpiCard } from './KpiCard';
import { MetricChart } from './MetricChart';
import type { DashboardFilters } from './params';
import type { FilterName, MetricName } from './types';

interface ChartProps {
  filters: DashboardFilters;
  omit?: FilterName[];
}

export function KpiGrid({ metrics, filters, omit }: ChartProps & { metrics: MetricName[] }) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" mb="md" data-testid="kpis">
      {metrics.map((metric) => (
        <KpiCard key={metric} metric={metric} filters={filters} omit={omit} />
      ))}
    </SimpleGrid>
  );
}

export function ChartGrid({ children }: { children: React.ReactNode }) {
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      {children}
    </SimpleGrid>
  );
}

export function VolumeChart({ filters, omit }: ChartProps) {
  const { t } = useTranslation();
  return (
    <MetricChart
      testId="chart-volume"
      title={t('metrics.chart.volume')}
      kind="bar"
      groupBy={filters.groupBy}
      series={[{ metric: 'volume_created' }, { metric: 'volume_resolved' }]}
      filters={filters}
      omit={omit}
    />
  );
}

export function SlaByCategoryChart({ filters, onClock }: ChartProps & { onClock: (clock: DashboardFilters['clock']) => void }) {
  const { t } = useTranslation();
  return (
    <MetricChart
      testId="chart-sla-category"
      title={t('metrics.chart.slaByCategory')}
      kind="bar"
      groupBy="category"
      horizontal
      series={[{ metric: 'sla_attainment' }]}
      filters={filters}
      controls={<ClockSelect value={filters.clock} onChange={onClock} />}
    />
  );
}

/** One metric over the page's time buckets (day, week or month). */
export function TrendChart({ metric, title, testId, filters, omit, kind = 'line' }: ChartProps & { metric: MetricName; title: string; testId: string; kind?: 'bar' | 'line' }) {
  return (
    <MetricChart
      testId={testId}
      title={title}
      kind={kind}
      groupBy={filters.groupBy}
      series={[{ metric }]}
      filters={filters}
      omit={omit}
    />
  );
}

export function AgeChart({ filters }: ChartProps) {
  const { t } = useTranslation();
  return <MetricChart testId="chart-age" title={t('metrics.chart.age')} kind="bar" horizontal groupBy={null} series={[{ metric: 'age_buckets' }]} filters={filters} />;
}
