import { Button, Group, Paper, Select, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { isFieldOnly, useFieldErrors } from '../../../components/problems';
import { useLabels } from '../../../i18n/labels';
import { useTeams } from '../../admin/teams/queries';
import { useCategoryOptions } from '../categories';
import { useAssignees, useUpdateCase } from '../queries';
import { PRIORITIES, type Case, type CaseChanges, type Priority } from '../types';

const FIELDS = ['priority', 'team', 'assignee', 'category'];

/** Staff change who works the case and how urgent it is; only changed fields are sent. */
export function EditPanel({ item }: { item: Case }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const session = useSession();
  const update = useUpdateCase(item.id);
  const { errors, edited } = useFieldErrors(update.error);
  const teams = useTeams(session.abilities.teams.read);
  const categoryOptions = useCategoryOptions({ include: item.category.code });

  const [priority, setPriority] = useState<Priority>(item.priority);
  const [team, setTeam] = useState<string | null>(item.team?.id ?? null);
  const [assignee, setAssignee] = useState<string | null>(item.assignee?.id ?? null);
  const [category, setCategory] = useState<string>(item.category.code);
  const assignees = useAssignees(team, session.abilities.users.read);

  const changes: CaseChanges = {
    ...(priority !== item.priority ? { priority } : {}),
    ...(team !== (item.team?.id ?? null) ? { team } : {}),
    ...(assignee !== (item.assignee?.id ?? null) ? { assignee } : {}),
    ...(category !== item.category.code ? { category } : {}),
  };
  const dirty = Object.keys(changes).length > 0;

  function save(payload: CaseChanges) {
    update.mutate(payload, {
      onSuccess: (saved) => {
        setAssignee(saved.assignee?.id ?? null);
        setTeam(saved.team?.id ?? null);
        notifications.show({ color: 'teal', message: t('editCase.saved', { number: saved.number }) });
      },
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (dirty) save(changes);
  }

  const teamOptions = (teams.data ?? [])
    .filter((candidate) => candidate.kind === 'service')
    .map((candidate) => ({ value: candidate.id, label: candidate.name }));
  if (item.team && !teamOptions.some((option) => option.value === item.team?.id)) {
    teamOptions.push({ value: item.team.id, label: item.team.name });
  }
  const assigneeOptions = (assignees.data ?? []).map((user) => ({ value: user.id, label: user.displayName }));
  if (item.assignee && !assigneeOptions.some((option) => option.value === item.assignee?.id)) {
    assigneeOptions.push({ value: item.assignee.id, label: item.assignee.displayName });
  }
  const isMine = item.assignee?.id === session.user.id;

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate data-testid="case-edit">
      <Stack gap="sm">
        {/* Wraps rather than clips: "Tugaskan kepada saya" needs more room than a narrow panel has. */}
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={5}>{t('editCase.title')}</Title>
          {!isMine && (
            <Button
              size="compact-sm"
              style={{ flexShrink: 0 }}
              variant="light"
              loading={update.isPending && update.variables?.assignee === session.user.id && !dirty}
              onClick={() => save({ assignee: session.user.id })}
              data-testid="case-assign-me"
            >
              {t('editCase.assignMe')}
            </Button>
          )}
        </Group>
        <Select
          label={t('editCase.priority')}
          allowDeselect={false}
          data={PRIORITIES.map((value) => ({ value, label: `${value} · ${labels.priority(value)}` }))}
          value={priority}
          onChange={(value) => {
            if (value) setPriority(value as Priority);
            edited('priority');
          }}
          error={errors.priority}
          data-testid="case-edit-priority"
        />
        <Select
          label={t('editCase.team')}
          placeholder={t('editCase.noTeam')}
          clearable
          searchable
          data={teamOptions}
          value={team}
          onChange={(value) => {
            setTeam(value);
            edited('team');
          }}
          nothingFoundMessage={t('common.nothingFound')}
          error={errors.team}
          data-testid="case-edit-team"
        />
        <Select
          label={t('editCase.assignee')}
          placeholder={t('cases.unassigned')}
          clearable
          searchable
          data={assigneeOptions}
          value={assignee}
          onChange={(value) => {
            setAssignee(value);
            edited('assignee');
          }}
          nothingFoundMessage={t('common.nothingFound')}
          error={errors.assignee}
          data-testid="case-edit-assignee"
        />
        <Select
          label={t('editCase.category')}
          allowDeselect={false}
          searchable
          data={categoryOptions}
          value={category}
          onChange={(value) => {
            if (value) setCategory(value);
            edited('category');
          }}
          nothingFoundMessage={t('common.nothingFound')}
          error={errors.category}
          data-testid="case-edit-category"
        />
        {update.error && !isFieldOnly(update.error, FIELDS) ? <ProblemAlert error={update.error} /> : null}
        <Group justify="flex-end">
          <Button type="submit" disabled={!dirty} loading={update.isPending && dirty} data-testid="case-edit-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
