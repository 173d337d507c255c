import { Anchor, Button, Center, Group, Loader, Paper, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useRegionOptions } from '../admin/regions';
import { calendarDraftOf, calendarInputOf, type CalendarDraft, type DraftProblem } from './calendarDraft';
import { showFirstProblem, useDraftErrors } from './formErrors';
import { FormProblems } from './FormProblems';
import { HolidaysEditor } from './HolidaysEditor';
import { useCalendar, useSaveCalendar } from './queries';
import { TimeZoneSelect } from './TimeZoneSelect';
import { TryCalendar } from './TryCalendar';
import type { Calendar, Weekday } from './types';
import { WeekEditor } from './WeekEditor';

/** /admin/calendars/new and /admin/calendars/:id — loads the calendar, then edits it. */
export function CalendarEditPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const calendar = useCalendar(id);
  if (id && calendar.isPending) {
    return (
      <Center py="xl">
        <Loader size="sm" />
      </Center>
    );
  }
  if (id && !calendar.data) return <ProblemAlert error={calendar.error} />;
  return (
    <>
      <Anchor component={Link} to="/admin/calendars" size="sm" data-testid="calendar-back">
        {t('slaAdmin.calendars.back')}
      </Anchor>
      <CalendarForm key={calendar.data?.updatedAt ?? 'new'} calendar={calendar.data} />
    </>
  );
}

const BASIC_FIELDS = ['name', 'timeZone', 'region', 'alwaysOpen', 'week'];

function CalendarForm({ calendar }: { calendar: Calendar | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const regionOptions = useRegionOptions();
  const save = useSaveCalendar(calendar?.id);
  const { errors, errorOf, hasProblems, setProblems, forget, forgetExactly } = useDraftErrors<DraftProblem>(save.error, (problem) =>
    t(`slaAdmin.problem.${problem}`),
  );
  const [draft, setDraft] = useState<CalendarDraft>(() =>
    calendarDraftOf(calendar, Intl.DateTimeFormat().resolvedOptions().timeZone),
  );
  const [dirty, setDirty] = useState(false);


  /** Takes a change; the complaints about what changed go away until the next save. */
  function change(next: Partial<CalendarDraft>, ...fields: string[]) {
    setDraft((current) => ({ ...current, ...next }));
    setDirty(true);
    forget(...fields);
  }

  function changeDay(day: Weekday, blocks: string[]) {
    // The whole week's "no working time" goes too; other days keep their complaints.
    change({ week: { ...draft.week, [day]: blocks } }, `week.${day}`);
    forgetExactly('week');
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = calendarInputOf(draft);
    if ('problems' in result) {
      setProblems(result.problems);
      showFirstProblem(event.currentTarget);
      return;
    }
    setProblems({});
    const form = event.currentTarget;
    save.mutate(result.input, {
      onError: () => showFirstProblem(form),
      onSuccess: (saved) => {
        setDirty(false);
        notifications.show({
          color: 'teal',
          message: calendar ? t('slaAdmin.calendar.saved', { name: saved.name }) : t('slaAdmin.calendar.created', { name: saved.name }),
        });
        if (!calendar) void navigate(`/admin/calendars/${saved.id}`, { replace: true });
      },
    });
  }

  const shown = (field: string) => BASIC_FIELDS.includes(field) || field.startsWith('week.') || field.startsWith('holidays.');

  return (
    <>
      <PageHeader
        title={calendar ? calendar.name : t('slaAdmin.calendar.createTitle')}
        description={t('slaAdmin.calendar.description')}
      />
      <form onSubmit={submit} noValidate data-testid="calendar-form">
        <Stack gap="lg">
          <Paper withBorder p="md">
            <Stack gap="sm">
              <Title order={4}>{t('slaAdmin.calendar.section.basics')}</Title>
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
                <TextInput
                  label={t('slaAdmin.calendar.field.name')}
                  withAsterisk
                  value={draft.name}
                  onChange={(event) => change({ name: event.currentTarget.value }, 'name')}
                  error={errorOf('name')}
                  data-testid="calendar-form-name"
                />
                <TimeZoneSelect value={draft.timeZone} onChange={(timeZone) => change({ timeZone }, 'timeZone')} error={errorOf('timeZone')} />
                <Select
                  label={t('slaAdmin.calendar.field.region')}
                  description={t('slaAdmin.calendar.field.regionHint')}
                  placeholder={t('common.noRegion')}
                  clearable
                  data={regionOptions}
                  value={draft.region}
                  onChange={(region) => change({ region }, 'region')}
                  error={errorOf('region')}
                  data-testid="calendar-form-region"
                />
                <Switch
                  mt={{ md: 'xl' }}
                  label={t('slaAdmin.calendar.field.alwaysOpen')}
                  description={t('slaAdmin.calendar.field.alwaysOpenHint')}
                  checked={draft.alwaysOpen}
                  onChange={(event) => change({ alwaysOpen: event.currentTarget.checked }, 'alwaysOpen', 'week')}
                  error={errorOf('alwaysOpen')}
                  data-testid="calendar-form-always-open"
                />
              </SimpleGrid>
            </Stack>
          </Paper>

          <Paper withBorder p="md">
            <Stack gap="xs">
              <Title order={4}>{t('slaAdmin.calendar.section.week')}</Title>
              <Text size="sm" c="dimmed">
                {draft.alwaysOpen ? t('slaAdmin.calendar.weekAlwaysOpen') : t('slaAdmin.calendar.weekHint', { zone: draft.timeZone })}
              </Text>
              {errors.week && (
                <Text size="sm" c="red" role="alert" data-testid="calendar-week-error">
                  {errors.week}
                </Text>
              )}
              <WeekEditor week={draft.week} disabled={draft.alwaysOpen} onChange={changeDay} errorAt={errorOf} />
            </Stack>
          </Paper>

          <Paper withBorder p="md">
            <Stack gap="xs">
              <Title order={4}>{t('slaAdmin.holidays.title')}</Title>
              <Text size="sm" c="dimmed">
                {t('slaAdmin.holidays.description')}
              </Text>
              <HolidaysEditor
                holidays={draft.holidays}
                errorAt={errorOf}
                onChange={(holidays, field) => change({ holidays }, field ?? 'holidays')}
              />
            </Stack>
          </Paper>

          <FormProblems hasProblems={hasProblems} saveError={save.error} isShown={shown} testId="calendar-form" />
          <Group justify="flex-end">
            <Button component={Link} to="/admin/calendars" variant="default">
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="calendar-form-submit">
              {calendar ? t('common.save') : t('slaAdmin.calendar.create')}
            </Button>
          </Group>
        </Stack>
      </form>
      {calendar && (
        <Paper withBorder p="md" mt="lg">
          <TryCalendar calendar={calendar} unsaved={dirty} />
        </Paper>
      )}
    </>
  );
}
