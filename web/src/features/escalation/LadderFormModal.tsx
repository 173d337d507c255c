import { ActionIcon, Button, Fieldset, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../i18n/labels';
import { useTeams } from '../admin/teams/queries';
import { FormProblems } from '../sla-admin/FormProblems';
import { useDraftErrors } from '../sla-admin/formErrors';
import { TARGET_KINDS, TEAM_ROLES, ladderInputOf, newLadder, newLevel, type LadderDraft, type LadderProblem, type LevelDraft } from './ladderDraft';
import { useCreateLadder, usePeople } from './queries';

/** Add a ladder: each level pages a person, a team or a role in a team, then waits. */
export function LadderFormModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const save = useCreateLadder();
  const people = usePeople();
  const { data: teams = [] } = useTeams();
  const [draft, setDraft] = useState<LadderDraft>(newLadder);
  const { errorOf, hasProblems, setProblems, forget } = useDraftErrors<LadderProblem>(save.error, (problem) =>
    t(`escalation.admin.problem.${problem}`),
  );
  const personOptions = (people.data ?? []).map((user) => ({ value: user.id, label: `${user.displayName} · ${labels.role(user.role)}` }));
  const teamOptions = teams.filter((team) => team.kind === 'service').map((team) => ({ value: team.id, label: team.name }));

  function changeLevel(index: number, change: Partial<LevelDraft>, field: 'notify' | 'timeout') {
    setDraft((current) => ({ ...current, levels: current.levels.map((level, at) => (at === index ? { ...level, ...change } : level)) }));
    forget(`levels.${index}.${field}`);
  }

  function removeLevel(index: number) {
    setDraft((current) => ({ ...current, levels: current.levels.filter((_, at) => at !== index) }));
    // The levels after it move up: their complaints no longer point at the right row.
    forget('levels');
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = ladderInputOf(draft);
    if ('problems' in result) {
      setProblems(result.problems);
      return;
    }
    setProblems({});
    save.mutate(result.input, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: t('escalation.admin.ladder.saved', { name: saved.name }) });
        onClose();
      },
    });
  }

  const isShown = (field: string) => field === 'name' || field === 'levels' || /^levels\.\d+\.(notify|timeout)/.test(field);

  return (
    <Modal opened onClose={onClose} title={t('escalation.admin.ladder.title')} size="lg">
      <form onSubmit={submit} noValidate data-testid="ladder-form">
        <Stack gap="sm">
          <TextInput
            label={t('escalation.admin.ladder.name')}
            withAsterisk
            data-autofocus
            value={draft.name}
            onChange={(event) => {
              const name = event.currentTarget.value;
              setDraft((current) => ({ ...current, name }));
              forget('name');
            }}
            error={errorOf('name')}
            data-testid="ladder-form-name"
          />
          {draft.levels.map((level, index) => (
            <Fieldset key={index} legend={t('escalation.admin.ladder.level', { n: index + 1 })} data-testid="ladder-level" p="sm">
              <Stack gap="xs">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <SegmentedControl
                    size="xs"
                    data={TARGET_KINDS.map((kind) => ({ value: kind, label: t(`escalation.admin.ladder.kind.${kind}`) }))}
                    value={level.kind}
                    onChange={(value) => changeLevel(index, { kind: value as LevelDraft['kind'] }, 'notify')}
                    data-testid="ladder-level-kind"
                  />
                  {draft.levels.length > 1 && (
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      onClick={() => removeLevel(index)}
                      aria-label={t('escalation.admin.ladder.removeLevel', { n: index + 1 })}
                      data-testid="ladder-level-remove"
                    >
                      ×
                    </ActionIcon>
                  )}
                </Group>
                <Group gap="xs" wrap="wrap" align="flex-start">
                  {level.kind === 'user' ? (
                    <Select
                      label={t('escalation.admin.ladder.person')}
                      searchable
                      data={personOptions}
                      value={level.user}
                      onChange={(value) => changeLevel(index, { user: value }, 'notify')}
                      error={errorOf(`levels.${index}.notify`)}
                      style={{ flex: '1 1 16rem' }}
                      data-testid="ladder-level-user"
                    />
                  ) : (
                    <Select
                      label={t('escalation.admin.ladder.team')}
                      searchable
                      data={teamOptions}
                      value={level.team}
                      onChange={(value) => changeLevel(index, { team: value }, 'notify')}
                      error={errorOf(`levels.${index}.notify`)}
                      style={{ flex: '1 1 12rem' }}
                      data-testid="ladder-level-team"
                    />
                  )}
                  {level.kind === 'role' && (
                    <Select
                      label={t('escalation.admin.ladder.role')}
                      data={TEAM_ROLES.map((role) => ({ value: role, label: labels.role(role) }))}
                      value={level.role}
                      allowDeselect={false}
                      onChange={(value) => value && changeLevel(index, { role: value as LevelDraft['role'] }, 'notify')}
                      style={{ flex: '0 1 10rem' }}
                      data-testid="ladder-level-role"
                    />
                  )}
                </Group>
                <div>
                  <Text size="sm" fw={500}>
                    {t('escalation.admin.ladder.timeout')}
                  </Text>
                  <Group gap="xs" wrap="nowrap" align="flex-start">
                    <NumberInput
                      aria-label={t('escalation.admin.ladder.minutes')}
                      rightSection={<Text size="xs">{t('escalation.admin.ladder.minutes')}</Text>}
                      rightSectionWidth={64}
                      min={0}
                      allowDecimal={false}
                      allowNegative={false}
                      value={level.minutes}
                      onChange={(value) => changeLevel(index, { minutes: value === '' ? '' : Number(value) }, 'timeout')}
                      error={Boolean(errorOf(`levels.${index}.timeout`))}
                      w={140}
                      data-testid="ladder-level-minutes"
                    />
                    <NumberInput
                      aria-label={t('escalation.admin.ladder.seconds')}
                      rightSection={<Text size="xs">{t('escalation.admin.ladder.seconds')}</Text>}
                      rightSectionWidth={64}
                      min={0}
                      max={59}
                      allowDecimal={false}
                      allowNegative={false}
                      value={level.seconds}
                      onChange={(value) => changeLevel(index, { seconds: value === '' ? '' : Number(value) }, 'timeout')}
                      error={Boolean(errorOf(`levels.${index}.timeout`))}
                      w={140}
                      data-testid="ladder-level-seconds"
                    />
                  </Group>
                  {errorOf(`levels.${index}.timeout`) && (
                    <Text size="xs" c="red" mt={4} data-testid="ladder-level-timeout-error">
                      {errorOf(`levels.${index}.timeout`)}
                    </Text>
                  )}
                </div>
              </Stack>
            </Fieldset>
          ))}
          {errorOf('levels') && !draft.levels.length && (
            <Text size="sm" c="red">
              {errorOf('levels')}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {t('escalation.admin.ladder.timeoutHint')}
          </Text>
          {draft.levels.length < 10 && (
            <Button
              variant="light"
              size="xs"
              style={{ alignSelf: 'flex-start' }}
              onClick={() => setDraft((current) => ({ ...current, levels: [...current.levels, newLevel()] }))}
              data-testid="ladder-level-add"
            >
              {t('escalation.admin.ladder.addLevel')}
            </Button>
          )}
          <FormProblems hasProblems={hasProblems} saveError={save.error} isShown={isShown} testId="ladder-form" />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="ladder-form-submit">
              {t('escalation.admin.ladder.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
