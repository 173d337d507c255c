import { Anchor, Group, Paper, Skeleton, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../components/problems';
import { DrillDrawer, type DrillTarget } from './DrillDrawer';
import { useMetricFormat } from './format';
import { MetricInfoIcon } from './MetricInfo';
import { metricQuery, type DashboardFilters } from './params';
import { useMetric, useMetricCatalogue } from './queries';
import type { FilterName, MetricName } from './types';

/** One headline number for the page's range and filters, with its definition and case count. */
export function KpiCard({
  metric,
  filters,
  omit = [],
}: {
  metric: MetricName;
  filters: DashboardFilters;
  omit?: FilterName[];
}) {
  const { t } = useTranslation();
  const format = useMetricFormat();
  const catalogue = useMetricCatalogue();
  const info = catalogue.data?.metrics.find((candidate) => candidate.metric === metric);
  const { params, ignored } = metricQuery(filters, info, {}, omit);
  const result = useMetric(metric, params, catalogue.isSuccess);
  const error = result.error ?? catalogue.error;
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  return (
    <Paper withBorder p="sm" radius="md" data-testid={`kpi-${metric}`} data-value={result.data?.total.value ?? ''}>
      <Group gap={4} wrap="nowrap" justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" fw={500} style={{ overflowWrap: 'anywhere' }}>
          {t(`metrics.name.${metric}`)}
        </Text>
        <MetricInfoIcon metrics={[metric]} />
      </Group>
      {error ? (
        <Text size="sm" c="red" role="alert" mt={4}>
          {problemMessage(error, t)}
        </Text>
      ) : result.data ? (
        <>
          <Text fz={26} fw={700} lh={1.2} mt={4} data-testid="kpi-value" style={{ opacity: result.isPlaceholderData ? 0.5 : 1 }}>
            {format.value(result.data.unit, result.data.total.value)}
          </Text>
          <Group gap={4}>
            <Anchor
              component="button"
              type="button"
              size="xs"
              c="dimmed"
              underline="always"
              onClick={() => {
                const data = result.data!;
                setDrill({ metric, unit: data.unit, params, groupLabel: t('metrics.drill.all'), value: data.total.value, count: data.total.count });
              }}
              data-testid="kpi-cases"
            >
              {t('metrics.chart.cases', { n: format.count(result.data.total.count) })}
            </Anchor>
            {ignored.length > 0 && (
              <Tooltip label={t('metrics.chart.ignored', { filters: ignored.map((name) => t(`metrics.filter.${name}`)).join(', ') })} multiline w={260}>
                <Text span size="xs" c="dimmed" tabIndex={0} data-testid="metric-ignored">
                  *
                </Text>
              </Tooltip>
            )}
          </Group>
        </>
      ) : (
        <>
          <Skeleton height={28} mt={6} width="60%" />
          <Skeleton height={10} mt={8} width="40%" />
        </>
      )}
      <DrillDrawer target={drill} onClose={() => setDrill(null)} />
    </Paper>
  );
}
