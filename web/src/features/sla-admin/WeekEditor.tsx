import { Button, CloseButton, Group, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { suggestBlock } from './blocks';
import { useCalendarFormat } from './labels';
import { WEEKDAYS, type Weekday } from './types';

interface Props {
  week: Record<Weekday, string[]>;
  disabled: boolean;
  onChange: (day: Weekday, blocks: string[]) => void;
  errorAt: (key: string) => string | undefined;
}

/** Mon–Sun, each with its working blocks ("09:00–12:00") to edit, add and remove. */
export function WeekEditor({ week, disabled, onChange, errorAt }: Props) {
  const { t } = useTranslation();
  const format = useCalendarFormat();
  return (
    <Table verticalSpacing="xs" data-testid="calendar-week">
      <Table.Tbody>
        {WEEKDAYS.map((day) => {
          const blocks = week[day];
          return (
            <Table.Tr key={day} data-testid="calendar-day" data-day={day}>
              <Table.Td w={120} style={{ verticalAlign: 'top', paddingTop: 14 }}>
                <Text size="sm" fw={500}>
                  {format.weekday(day)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" align="flex-start">
                  {blocks.length === 0 && (
                    <Text size="sm" c="dimmed" py={6} data-testid="calendar-day-closed">
                      {t('slaAdmin.calendar.closed')}
                    </Text>
                  )}
                  {blocks.map((block, index) => (
                    <TextInput
                      key={index}
                      w={150}
                      value={block}
                      disabled={disabled}
                      aria-label={t('slaAdmin.calendar.blockLabel', { day: format.weekday(day), number: index + 1 })}
                      placeholder="09:00–12:00"
                      onChange={(event) => onChange(day, blocks.with(index, event.currentTarget.value))}
                      error={errorAt(`week.${day}.${index}`)}
                      rightSection={
                        <CloseButton
                          size="sm"
                          disabled={disabled}
                          aria-label={t('slaAdmin.calendar.removeBlock')}
                          onClick={() => onChange(day, blocks.toSpliced(index, 1))}
                          data-testid="calendar-block-remove"
                        />
                      }
                      data-testid="calendar-block"
                    />
                  ))}
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    mt={6}
                    disabled={disabled}
                    onClick={() => onChange(day, [...blocks, suggestBlock(blocks)])}
                    data-testid="calendar-block-add"
                  >
                    {t('slaAdmin.calendar.addBlock')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
