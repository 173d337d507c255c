import { Badge, Button, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TableState } from '../../components/TableState';
import { useFormat } from '../../i18n/format';
import { useLabels } from '../../i18n/labels';
import { useRegions } from '../admin/regions';
import { useCalendarFormat } from './labels';
import { useCalendars } from './queries';
import type { Calendar } from './types';
import { weekRuns } from './weekSummary';

/** Admin: the business calendars SLA clocks count working time in. */
export function CalendarsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useLabels();
  const calendars = useCalendars();
  const { data: regions = [] } = useRegions();
  const rows = calendars.data ?? [];
  const today = new Date().toISOString().slice(0, 10);

  return (
    <>
      <PageHeader
        title={t('slaAdmin.calendars.title')}
        description={t('slaAdmin.calendars.description')}
        actions={
          <Button component={Link} to="/admin/calendars/new" data-testid="calendar-create">
            {t('slaAdmin.calendars.create')}
          </Button>
        }
      />
      <ProblemAlert error={calendars.error} />
      <Table.ScrollContainer minWidth={820}>
        <Table verticalSpacing="sm" highlightOnHover data-testid="calendars-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('slaAdmin.calendars.column.name')}</Table.Th>
              <Table.Th>{t('slaAdmin.calendars.column.timeZone')}</Table.Th>
              <Table.Th>{t('slaAdmin.calendars.column.region')}</Table.Th>
              <Table.Th>{t('slaAdmin.calendars.column.hours')}</Table.Th>
              <Table.Th ta="right">{t('slaAdmin.calendars.column.holidays')}</Table.Th>
              <Table.Th>{t('slaAdmin.calendars.column.updated')}</Table.Th>
              <Table.Th aria-label={t('common.actions')} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((calendar) => (
              <Table.Tr key={calendar.id} data-testid="calendar-row" data-name={calendar.name}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {calendar.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{calendar.timeZone}</Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">
                    {calendar.region
                      ? labels.region(calendar.region, regions.find((region) => region.code === calendar.region)?.name)
                      : '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <WorkingHours calendar={calendar} />
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" title={t('slaAdmin.calendars.upcomingHint')}>
                    {format.number(calendar.holidays.filter((holiday) => holiday.date >= today).length)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{format.dateTime(calendar.updatedAt)}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Button
                    component={Link}
                    to={`/admin/calendars/${calendar.id}`}
                    variant="subtle"
                    size="compact-sm"
                    data-testid="calendar-edit"
                  >
                    {t('common.edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <TableState
        loading={calendars.isPending}
        empty={calendars.isSuccess && rows.length === 0}
        emptyText={t('slaAdmin.calendars.empty')}
      />
    </>
  );
}

/** "Mon–Fri 09:00–12:00, 13:00–18:00", or 24×7. */
function WorkingHours({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation();
  const format = useCalendarFormat();
  if (calendar.alwaysOpen) return <Badge variant="light">{t('slaAdmin.calendars.alwaysOpen')}</Badge>;
  return (
    <>
      {weekRuns(calendar.week).map((run) => (
        <Text size="sm" key={run.first} style={{ whiteSpace: 'nowrap' }}>
          {run.first === run.last
            ? format.weekdayShort(run.first)
            : t('slaAdmin.calendars.dayRange', { first: format.weekdayShort(run.first), last: format.weekdayShort(run.last) })}{' '}
          {run.hours}
        </Text>
      ))}
    </>
  );
}
