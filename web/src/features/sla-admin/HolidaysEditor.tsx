import { Button, CloseButton, Group, SegmentedControl, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { emptyHoliday, type HolidayDraft } from './calendarDraft';

interface Props {
  holidays: HolidayDraft[];
  onChange: (holidays: HolidayDraft[], edited?: string) => void;
  errorAt: (key: string) => string | undefined;
}

const ALL = 'all';

/**
 * Days off and days with other hours: closed all day, or open only for some blocks (a half
 * day before a festival, a make-up working Saturday). Filtered by year: the default
 * calendars carry several years of holidays.
 */
export function HolidaysEditor({ holidays, onChange, errorAt }: Props) {
  const { t } = useTranslation();
  const years = [...new Set(holidays.map((holiday) => holiday.date.slice(0, 4)).filter((year) => /^\d{4}$/.test(year)))].sort();
  const thisYear = String(new Date().getFullYear());
  const [year, setYear] = useState(years.includes(thisYear) ? thisYear : ALL);
  const shownYear = year === ALL || years.includes(year) ? year : ALL;

  // Rows keep their index in the whole list: the server names problems by it (holidays[3].date).
  const rows = holidays
    .map((holiday, index) => ({ holiday, index }))
    .filter(({ holiday }) => shownYear === ALL || holiday.date === '' || holiday.date.startsWith(shownYear));

  const update = (index: number, change: Partial<HolidayDraft>, field: string) =>
    onChange(holidays.with(index, { ...(holidays[index] as HolidayDraft), ...change }), `holidays.${index}.${field}`);

  return (
    <>
      <Group justify="space-between" mb="sm">
        {years.length > 1 ? (
          <SegmentedControl
            size="xs"
            value={shownYear}
            onChange={setYear}
            data={[{ value: ALL, label: t('slaAdmin.holidays.allYears') }, ...years.map((value) => ({ value, label: value }))]}
            data-testid="holiday-years"
          />
        ) : (
          <span />
        )}
        <Button variant="light" size="xs" onClick={() => onChange([...holidays, emptyHoliday()])} data-testid="holiday-add">
          {t('slaAdmin.holidays.add')}
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="xs" data-testid="holidays-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={170}>{t('slaAdmin.holidays.column.date')}</Table.Th>
              <Table.Th>{t('slaAdmin.holidays.column.name')}</Table.Th>
              <Table.Th w={260}>{t('slaAdmin.holidays.column.hours')}</Table.Th>
              <Table.Th w={40} aria-label={t('common.actions')} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ holiday, index }) => (
              <Table.Tr key={holiday.key} data-testid="holiday-row" data-date={holiday.date}>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <TextInput
                    type="date"
                    size="xs"
                    value={holiday.date}
                    aria-label={t('slaAdmin.holidays.column.date')}
                    onChange={(event) => update(index, { date: event.currentTarget.value }, 'date')}
                    error={errorAt(`holidays.${index}.date`)}
                    data-testid="holiday-date"
                  />
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <TextInput
                    size="xs"
                    value={holiday.name}
                    aria-label={t('slaAdmin.holidays.column.name')}
                    placeholder={t('slaAdmin.holidays.namePlaceholder')}
                    onChange={(event) => update(index, { name: event.currentTarget.value }, 'name')}
                    error={errorAt(`holidays.${index}.name`)}
                    data-testid="holiday-name"
                  />
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <Stack gap={6}>
                    <Switch
                      size="xs"
                      mt={6}
                      label={t('slaAdmin.holidays.closedAllDay')}
                      checked={holiday.closed}
                      onChange={(event) => update(index, { closed: event.currentTarget.checked }, 'blocks')}
                      data-testid="holiday-closed"
                    />
                    {!holiday.closed && (
                      <TextInput
                        size="xs"
                        value={holiday.blocks}
                        placeholder="09:00–13:00"
                        aria-label={t('slaAdmin.holidays.blocks')}
                        description={t('slaAdmin.holidays.blocks')}
                        onChange={(event) => update(index, { blocks: event.currentTarget.value }, 'blocks')}
                        error={errorAt(`holidays.${index}.blocks`)}
                        data-testid="holiday-blocks"
                      />
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <CloseButton
                    mt={4}
                    aria-label={t('slaAdmin.holidays.remove')}
                    onClick={() => onChange(holidays.toSpliced(index, 1))}
                    data-testid="holiday-remove"
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {rows.length === 0 && (
        <Text c="dimmed" size="sm" ta="center" py="md">
          {t('slaAdmin.holidays.empty')}
        </Text>
      )}
    </>
  );
}
