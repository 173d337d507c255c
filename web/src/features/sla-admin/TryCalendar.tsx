import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFieldErrors } from '../../components/problems';
import { hoursMinutesOf } from './durations';
import { isShownInForm } from './formErrors';
import { useCalendarFormat } from './labels';
import { useCalendarAdd } from './queries';
import type { Calendar } from './types';
import { nextWeekdayAt, wallToInstant } from './zonedTime';

const FRIDAY = 5;

/** "Try it": when a duration of working time after a start instant ends, by the saved calendar. */
export function TryCalendar({ calendar, unsaved }: { calendar: Calendar; unsaved: boolean }) {
  const { t } = useTranslation();
  const format = useCalendarFormat();
  const add = useCalendarAdd(calendar.id);
  const { errors, edited } = useFieldErrors(add.error, 'path');
  const [start, setStart] = useState(() => nextWeekdayAt(new Date(), calendar.timeZone, FRIDAY, '17:30'));
  const [duration, setDuration] = useState('PT8H');
  const [startProblem, setStartProblem] = useState(false);
  const readable = hoursMinutesOf(duration);

  function submit(event: FormEvent) {
    event.preventDefault();
    const instant = wallToInstant(start, calendar.timeZone);
    setStartProblem(instant === null);
    if (instant) add.mutate({ start: instant, duration: duration.trim().toUpperCase() });
  }

  return (
    <form onSubmit={submit} noValidate data-testid="calendar-try">
      <Stack gap="sm">
        <Title order={4}>{t('slaAdmin.try.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('slaAdmin.try.description', { zone: calendar.timeZone })}
        </Text>
        {unsaved && (
          <Alert color="yellow" variant="light" data-testid="calendar-try-unsaved">
            {t('slaAdmin.try.unsaved')}
          </Alert>
        )}
        <Group align="flex-start" grow>
          <TextInput
            type="datetime-local"
            label={t('slaAdmin.try.start', { zone: calendar.timeZone })}
            value={start}
            onChange={(event) => {
              setStart(event.currentTarget.value);
              setStartProblem(false);
              edited('start');
            }}
            error={startProblem ? t('slaAdmin.problem.format') : errors.start}
            data-testid="calendar-try-start"
          />
          <TextInput
            label={t('slaAdmin.try.duration')}
            description={
              readable
                ? t('slaAdmin.try.durationMeans', { hours: readable.hours, minutes: readable.minutes })
                : t('slaAdmin.try.durationHint')
            }
            value={duration}
            onChange={(event) => {
              setDuration(event.currentTarget.value);
              edited('duration');
            }}
            error={errors.duration}
            data-testid="calendar-try-duration"
          />
        </Group>
        {add.error && !isShownInForm(add.error, (field) => field === 'start' || field === 'duration') && (
          <ProblemAlert error={add.error} />
        )}
        <Group justify="space-between" align="center">
          <Button type="submit" variant="light" loading={add.isPending} data-testid="calendar-try-submit">
            {t('slaAdmin.try.submit')}
          </Button>
          {add.data && !add.isPending && (
            <Text size="sm" data-testid="calendar-try-due">
              {t('slaAdmin.try.due', { due: format.instant(add.data.due, calendar.timeZone), zone: calendar.timeZone })}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
