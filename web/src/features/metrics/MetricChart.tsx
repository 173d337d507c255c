import { Button, Group, Paper, ScrollArea, Skeleton, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { DrillDrawer, type DrillTarget } from './DrillDrawer';
import type { ChartOption } from './EChart';
import { ExportMenu } from './ExportMenu';
import { durationTicks, useMetricFormat } from './format';
import { useGroupLabel } from './labels';
import { MetricInfoIcon } from './MetricInfo';
import { metricQuery, type DashboardFilters } from './params';
import { useMetricCatalogue, useMetricResults } from './queries';
import type { FilterName, MetricName } from './types';

// ECharts is loaded with the first chart, not with the app (its own chunk; see web/vite.config.ts).
const EChart = lazy(() => import('./EChart').then((module) => ({ default: module.EChart })));

export const SERIES_COLORS = ['#1c7ed6', '#37b24d', '#f59f00', '#ae3ec9'];

export interface SeriesSpec {
  metric: MetricName;
  extra?: Record<string, string | null>;
}

/**
 * One chart of one or more metrics over the same groups: skeleton while loading, "no data"
 * when every row is empty, the problem when it fails; a click on a bar or point lists the
 * cases behind it; the (i) gives each metric's definition; Export downloads its table.
 */
export function MetricChart({
  testId,
  title,
  kind,
  groupBy,
  series,
  filters,
  omit = [],
  controls,
  height: baseHeight = 260,
  horizontal = false,
}: {
  testId: string;
  title: string;
  kind: 'bar' | 'line';
  /** null: the metric's own groups (age buckets). */
  groupBy: string | null;
  series: SeriesSpec[];
  filters: DashboardFilters;
  omit?: FilterName[];
  controls?: ReactNode;
  height?: number;
  /** Bars across, names down the side: for long names such as categories. */
  horizontal?: boolean;
}) {
  const { t } = useTranslation();
  const catalogue = useMetricCatalogue();
  const format = useMetricFormat();
  const groupLabel = useGroupLabel();
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  // The same numbers as a table: readable without the chart, and drillable from the keyboard.
  const [asTable, setAsTable] = useState(false);

  const queries = series.map((spec) => {
    const info = catalogue.data?.metrics.find((candidate) => candidate.metric === spec.metric);
    return { spec, ...metricQuery(filters, info, { ...spec.extra, groupBy }, omit) };
  });
  const { data, error: queryError, busy } = useMetricResults(
    queries.map(({ spec, params }) => ({ metric: spec.metric, params })),
    catalogue.isSuccess,
  );
  const error = queryError ?? catalogue.error;
  const loading = !error && data.some((result) => result === undefined);
  const seriesKey = series.map((spec) => spec.metric).join(',');
  const ignored = [...new Set(queries.flatMap((query) => query.ignored))];
  const first = data[0];
  const empty = !loading && data.every((result) => result && result.rows.every((row) => row.count === 0 && row.value === null));
  const labelGroupBy = groupBy ?? 'age';
  const height = horizontal && first ? Math.max(baseHeight, first.rows.length * 26 + 40) : baseHeight;

  const option = useMemo<ChartOption | null>(() => {
    if (!first || data.some((result) => !result)) return null;
    const unit = first.unit;
    const categories = first.rows.map((row) => groupLabel(labelGroupBy, row));
    // Durations are drawn in minutes, hours or days so the axis ticks fall on round numbers.
    const largest = Math.max(0, ...data.flatMap((result) => result!.rows.map((row) => row.value ?? 0)));
    const scale = unit !== 'seconds' ? 1 : largest >= 3 * 86_400 ? 86_400 : largest >= 2 * 3600 ? 3600 : 60;
    const axisValue = (value: number) => format.value(unit, value * scale);
    const categoryAxis = {
      type: 'category',
      data: categories,
      inverse: horizontal, // the first group on top
      axisLabel: horizontal ? { overflow: 'truncate', width: 140 } : { hideOverlap: true, overflow: 'truncate', width: 96 },
      axisTick: { alignWithLabel: true },
    };
    const valueAxis = {
      type: 'value',
      ...(unit === 'ratio' ? { max: 1, min: 0 } : {}),
      ...(unit === 'seconds' ? durationTicks(largest / scale, scale) : {}),
      minInterval: unit === 'count' ? 1 : undefined,
      axisLabel: { formatter: axisValue, hideOverlap: true },
    };
    return {
      color: SERIES_COLORS,
      animationDuration: 300,
      grid: { left: 8, right: 16, top: series.length > 1 ? 36 : 16, bottom: 8, containLabel: true },
      legend: series.length > 1 ? { top: 0, data: series.map((spec) => t(`metrics.name.${spec.metric}`)) } : undefined,
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: kind === 'bar' ? 'shadow' : 'line' },
        formatter: (items: { seriesIndex: number; dataIndex: number; marker: string }[]) => {
          const lines = items.map((item) => {
            const result = data[item.seriesIndex];
            const row = result?.rows[item.dataIndex];
            if (!result || !row) return '';
            const name = series.length > 1 ? `${t(`metrics.name.${series[item.seriesIndex]!.metric}`)}: ` : '';
            return `${item.marker}${escapeHtml(name)}<b>${escapeHtml(format.value(result.unit, row.value))}</b> · ${escapeHtml(t('metrics.chart.cases', { n: format.count(row.count) }))}`;
          });
          const index = items[0]?.dataIndex ?? 0;
          return [`<div>${escapeHtml(categories[index] ?? '')}</div>`, ...lines].join('<br/>');
        },
      },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: data.map((result, index) => ({
        type: kind,
        name: t(`metrics.name.${series[index]!.metric}`),
        data: result!.rows.map((row) => (row.value === null ? null : row.value / scale)),
        barMaxWidth: 36,
        showSymbol: true,
        symbolSize: 7,
        connectNulls: false,
        emphasis: { focus: 'series' },
      })),
    };
  }, [data, first, format, groupLabel, horizontal, kind, labelGroupBy, seriesKey, t]); // `series` is new each render: its metrics are `seriesKey`

  function open(seriesIndex: number, dataIndex: number) {
    const result = data[seriesIndex];
    const row = result?.rows[dataIndex];
    const query = queries[seriesIndex];
    // Nothing to list behind an empty bucket.
    if (!result || !row || !query || row.count === 0) return;
    setDrill({
      metric: query.spec.metric,
      unit: result.unit,
      params: query.params,
      group: row.group,
      groupLabel: groupLabel(labelGroupBy, row),
      value: row.value,
      count: row.count,
    });
  }

  return (
    <Paper withBorder p="md" radius="md" data-testid={testId} data-state={error ? 'error' : loading ? 'loading' : empty ? 'empty' : 'ready'}>
      <Group justify="space-between" gap="xs" wrap="nowrap" mb="xs" align="flex-start">
        <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
          <Title order={4} size="h5" style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Title>
          <MetricInfoIcon metrics={series.map((spec) => spec.metric)} />
        </Group>
        <Group gap={4} wrap="nowrap">
          {controls}
          <Button variant="subtle" size="compact-xs" onClick={() => setAsTable((value) => !value)} aria-pressed={asTable} data-testid="metric-as-table">
            {asTable ? t('metrics.chart.asChart') : t('metrics.chart.asTable')}
          </Button>
          <ExportMenu items={queries.map(({ spec, params }) => ({ metric: spec.metric, params }))} />
        </Group>
      </Group>
      {ignored.length > 0 && (
        <Text size="xs" c="dimmed" mb="xs" data-testid="metric-ignored">
          {t('metrics.chart.ignored', { filters: ignored.map((name) => t(`metrics.filter.${name}`)).join(', ') })}
        </Text>
      )}
      {error ? (
        <ProblemAlert error={error} testId="metric-error" />
      ) : loading || !option ? (
        <Skeleton height={height} radius="sm" data-testid="metric-loading" />
      ) : empty ? (
        <Text c="dimmed" ta="center" h={height} pt={height / 2 - 12} size="sm" data-testid="metric-empty">
          {t('metrics.chart.empty')}
        </Text>
      ) : asTable ? (
        <ScrollArea type="auto" mah={Math.max(height, 320)} data-testid="metric-table">
          <Table striped verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('metrics.chart.group')}</Table.Th>
                {series.map((spec) => (
                  <Table.Th key={spec.metric} ta="right">
                    {t(`metrics.name.${spec.metric}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {first!.rows.map((row, dataIndex) => (
                <Table.Tr key={row.group ?? 'none'}>
                  <Table.Td>{groupLabel(labelGroupBy, row)}</Table.Td>
                  {data.map((result, seriesIndex) => {
                    const cell = result!.rows[dataIndex];
                    return (
                      <Table.Td key={seriesIndex} ta="right">
                        {cell && cell.count > 0 ? (
                          <UnstyledButton onClick={() => open(seriesIndex, dataIndex)} style={{ textDecoration: 'underline dotted' }} data-testid="metric-table-cell">
                            {format.value(result!.unit, cell.value)}{' '}
                            <Text span size="xs" c="dimmed">
                              ({format.count(cell.count)})
                            </Text>
                          </UnstyledButton>
                        ) : (
                          format.value(result!.unit, cell?.value)
                        )}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      ) : (
        <Suspense fallback={<Skeleton height={height} radius="sm" data-testid="metric-loading" />}>
          <EChart option={option} height={height} busy={busy} onClick={({ seriesIndex, dataIndex }) => open(seriesIndex, dataIndex)} testId={`${testId}-canvas`} label={title} categoryAxis={horizontal ? 'y' : 'x'} />
        </Suspense>
      )}
      <DrillDrawer target={drill} onClose={() => setDrill(null)} />
    </Paper>
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
