import { Group, Paper, ScrollArea, Skeleton, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { DrillDrawer, type DrillTarget } from './DrillDrawer';
import { ExportMenu } from './ExportMenu';
import { useMetricFormat } from './format';
import { MetricInfoIcon } from './MetricInfo';
import { metricQuery, type DashboardFilters } from './params';
import { useMetricCatalogue, useMetricResults } from './queries';
import type { MetricName, MetricRow } from './types';

const AGENT_METRICS: MetricName[] = ['resolution_median', 'sla_attainment', 'csat_avg'];

/** Per agent of the team: resolution median, SLA attainment and CSAT; each value lists its cases. */
export function AgentTable({ filters }: { filters: DashboardFilters }) {
  const { t } = useTranslation();
  const format = useMetricFormat();
  const catalogue = useMetricCatalogue();
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const queries = AGENT_METRICS.map((metric) => {
    const info = catalogue.data?.metrics.find((candidate) => candidate.metric === metric);
    const extra = { groupBy: 'agent' };
    return { metric, ...metricQuery(filters, info, extra, ['agent']) };
  });
  const { data, error } = useMetricResults(queries, catalogue.isSuccess);

  // One line per agent seen in any of the three answers, by name.
  const agents = new Map<string, { group: string | null; label: string; cells: (MetricRow | undefined)[] }>();
  data.forEach((result, index) => {
    for (const row of result?.rows ?? []) {
      const key = row.group ?? 'none';
      const entry = agents.get(key) ?? { group: row.group, label: row.label ?? t('metrics.group.none'), cells: [] };
      entry.cells[index] = row;
      agents.set(key, entry);
    }
  });
  const lines = [...agents.values()].sort((a, b) => a.label.localeCompare(b.label));
  const loading = !error && data.some((result) => !result);

  return (
    <Paper withBorder p="md" radius="md" mt="md" data-testid="agent-table">
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Group gap={4}>
          <Title order={4} size="h5">
            {t('metrics.team.agents')}
          </Title>
          <MetricInfoIcon metrics={AGENT_METRICS} />
        </Group>
        <ExportMenu items={queries.map(({ metric, params }) => ({ metric, params }))} />
      </Group>
      <ProblemAlert error={error ?? catalogue.error} />
      {loading ? (
        <Skeleton height={160} data-testid="metric-loading" />
      ) : lines.length === 0 ? (
        !error && (
          <Text c="dimmed" ta="center" py="xl" size="sm" data-testid="metric-empty">
            {t('metrics.chart.empty')}
          </Text>
        )
      ) : (
        <ScrollArea type="auto">
          <Table striped miw={560}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('metrics.filter.agent')}</Table.Th>
                {AGENT_METRICS.map((metric) => (
                  <Table.Th key={metric} ta="right">
                    {t(`metrics.name.${metric}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((line) => (
                <Table.Tr key={line.group ?? 'none'} data-testid="agent-row">
                  <Table.Td>{line.label}</Table.Td>
                  {AGENT_METRICS.map((metric, index) => {
                    const row = line.cells[index];
                    const result = data[index];
                    const query = queries[index]!;
                    if (!row || !result) return <Table.Td key={metric} ta="right">—</Table.Td>;
                    return (
                      <Table.Td key={metric} ta="right">
                        <UnstyledButton
                          onClick={() =>
                            setDrill({ metric, unit: result.unit, params: query.params, group: row.group, groupLabel: line.label, value: row.value, count: row.count })
                          }
                          title={t('metrics.chart.cases', { n: format.count(row.count) })}
                          style={{ textDecoration: 'underline dotted' }}
                        >
                          <Text span fw={600} size="sm">
                            {format.value(result.unit, row.value)}
                          </Text>{' '}
                          <Text span c="dimmed" size="xs">
                            ({format.count(row.count)})
                          </Text>
                        </UnstyledButton>
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      <DrillDrawer target={drill} onClose={() => setDrill(null)} />
    </Paper>
  );
}
