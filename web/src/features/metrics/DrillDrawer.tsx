import { Anchor, Button, Drawer, Group, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TableState } from '../../components/TableState';
import { useFormat } from '../../i18n/format';
import { PriorityBadge, StatusBadge } from '../cases/badges';
import type { CaseStatus, Priority } from '../cases/types';
import { useMetricFormat } from './format';
import { useMetricCases } from './queries';
import type { MetricName, MetricUnit } from './types';

/** One value clicked on a chart or table: the cases behind it are listed. */
export interface DrillTarget {
  metric: MetricName;
  unit: MetricUnit;
  params: Record<string, string>;
  /** The row's group (null: the "none" group; undefined: the metric's total, e.g. a KPI). */
  group?: string | null;
  groupLabel: string;
  value: number | null;
  /** The row's count; the list's total must equal it. */
  count: number;
}

export function DrillDrawer({ target, onClose }: { target: DrillTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={target !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={target ? `${t(`metrics.name.${target.metric}`)} · ${target.groupLabel}` : ''}
      closeButtonProps={{ 'aria-label': t('metrics.drill.close') }}
      data-testid="metric-drill"
    >
      {target && <DrillList target={target} />}
    </Drawer>
  );
}

function DrillList({ target }: { target: DrillTarget }) {
  const { t } = useTranslation();
  const format = useFormat();
  const metricFormat = useMetricFormat();
  const cases = useMetricCases(target.metric, target.params, target.group, true);
  const pages = cases.data?.pages ?? [];
  const total = pages[0]?.total;
  const items = pages.flatMap((page) => page.items);
  return (
    <Stack gap="sm" data-testid="metric-drill-body" data-row-count={target.count} data-total={total ?? ''}>
      <Group gap="lg">
        <Text size="sm">
          {t('metrics.drill.value')}: <b>{metricFormat.value(target.unit, target.value)}</b>
        </Text>
        {total !== undefined && (
          <Text size="sm" data-testid="metric-drill-total">
            {t('metrics.drill.total', { n: metricFormat.count(total) })}
          </Text>
        )}
      </Group>
      {total !== undefined && total !== target.count && (
        // The server promises they match; if data changed between the two reads, say so.
        <Text size="xs" c="orange" data-testid="metric-drill-changed">
          {t('metrics.drill.changed', { n: metricFormat.count(target.count) })}
        </Text>
      )}
      <ProblemAlert error={cases.error} />
      <ScrollArea type="auto">
        <Table striped highlightOnHover miw={600} verticalSpacing="xs" data-testid="metric-drill-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('metrics.drill.number')}</Table.Th>
              <Table.Th>{t('metrics.drill.status')}</Table.Th>
              <Table.Th>{t('metrics.drill.assignee')}</Table.Th>
              <Table.Th>{t('metrics.drill.created')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.id} data-testid="metric-drill-row">
                <Table.Td miw={220}>
                  <Anchor component={Link} to={`/cases/${item.number}`} ff="monospace" fw={600} size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {item.number}
                  </Anchor>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {item.title}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <StatusBadge status={item.status as CaseStatus} />
                    <PriorityBadge priority={item.priority as Priority} />
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{item.assigneeName ?? t('metrics.drill.unassigned')}</Text>
                  <Text size="xs" c="dimmed">
                    {item.teamName ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{format.dateTime(item.createdAt)}</Text>
                  {item.resolvedAt && (
                    <Text size="xs" c="dimmed">
                      {t('metrics.drill.resolvedAt', { at: format.dateTime(item.resolvedAt) })}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <TableState loading={cases.isPending} empty={cases.isSuccess && items.length === 0} emptyText={t('metrics.drill.empty')} />
      {cases.hasNextPage && (
        <Button variant="light" onClick={() => void cases.fetchNextPage()} loading={cases.isFetchingNextPage} data-testid="metric-drill-more">
          {t('metrics.drill.more')}
        </Button>
      )}
    </Stack>
  );
}
