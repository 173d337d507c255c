import { Button, Divider, Group, Modal, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { isFieldOnly, useFieldErrors } from '../../../components/problems';
import { useTeams } from '../../admin/teams/queries';
import { AnswerForm } from '../../handoffs/AnswerForm';
import { HandoffDetails } from '../../handoffs/HandoffDetails';
import { canAnswer } from '../../handoffs/canAnswer';
import { useCaseHandoffs, useCreateHandoff } from '../queries';
import type { Case } from '../types';

/** Questions this case put to other departments, and their answers. */
export function HandoffsPanel({ item }: { item: Case }) {
  const { t } = useTranslation();
  const handoffs = useCaseHandoffs(item.id);
  const [asking, setAsking] = useState(false);
  const items = handoffs.data ?? [];

  return (
    <Paper withBorder p="md" data-testid="case-handoffs">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={5}>{t('handoffs.panelTitle')}</Title>
          {item.abilities.handoff && (
            <Button size="compact-sm" variant="light" onClick={() => setAsking(true)} data-testid="handoff-create">
              {t('handoffs.create')}
            </Button>
          )}
        </Group>
        <ProblemAlert error={handoffs.error} />
        {handoffs.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('handoffs.noneOnCase')}
          </Text>
        )}
        {items.map((handoff, index) => (
          <Fragment key={handoff.id}>
            {index > 0 && <Divider />}
            <Stack gap="xs" data-testid="case-handoff" data-status={handoff.status}>
              <HandoffDetails handoff={handoff} />
              {canAnswer(handoff) && <AnswerForm handoff={handoff} />}
            </Stack>
          </Fragment>
        ))}
      </Stack>
      {asking && <HandoffModal item={item} onClose={() => setAsking(false)} />}
    </Paper>
  );
}

/** `datetime-local` wants local wall-clock time without a zone. */
function toLocalInput(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function defaultDue(): string {
  const due = new Date(Date.now() + 24 * 3600_000);
  due.setMinutes(0, 0, 0);
  return toLocalInput(due);
}

function HandoffModal({ item, onClose }: { item: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const teams = useTeams(session.abilities.teams.read);
  const create = useCreateHandoff(item.id);
  const { errors, edited } = useFieldErrors(create.error);
  const [team, setTeam] = useState<string | null>(null);
  const [question, setQuestion] = useState('');
  const [due, setDue] = useState(defaultDue);
  const [localError, setLocalError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const dueAt = new Date(due);
    if (Number.isNaN(dueAt.getTime())) {
      setLocalError(t('handoffs.dueInvalid'));
      return;
    }
    setLocalError(null);
    create.mutate(
      { team: team ?? '', question: question.trim(), dueAt: dueAt.toISOString() },
      {
        onSuccess: (handoff) => {
          notifications.show({ color: 'teal', message: t('handoffs.created', { team: handoff.team.name }) });
          onClose();
        },
      },
    );
  }

  const partnerTeams = (teams.data ?? [])
    .filter((candidate) => candidate.kind === 'partner')
    .map((candidate) => ({ value: candidate.id, label: candidate.name }));

  return (
    <Modal opened onClose={onClose} title={t('handoffs.createTitle', { number: item.number })} size="lg">
      <form onSubmit={submit} noValidate data-testid="handoff-form">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('handoffs.createHint')}
          </Text>
          <Select
            label={t('handoffs.team')}
            placeholder={t('handoffs.teamPlaceholder')}
            withAsterisk
            searchable
            data={partnerTeams}
            value={team}
            onChange={(value) => {
              setTeam(value);
              edited('team');
            }}
            nothingFoundMessage={t('common.nothingFound')}
            error={errors.team}
            data-testid="handoff-form-team"
          />
          <Textarea
            label={t('handoffs.question')}
            description={t('handoffs.questionHint')}
            withAsterisk
            autosize
            minRows={3}
            value={question}
            onChange={(event) => {
              setQuestion(event.currentTarget.value);
              edited('question');
            }}
            error={errors.question}
            data-testid="handoff-form-question"
          />
          <TextInput
            label={t('handoffs.dueAt')}
            description={t('handoffs.dueHint')}
            type="datetime-local"
            withAsterisk
            value={due}
            onChange={(event) => {
              setDue(event.currentTarget.value);
              setLocalError(null);
              edited('dueAt');
            }}
            error={localError ?? errors.dueAt}
            data-testid="handoff-form-due"
          />
          {create.error && !isFieldOnly(create.error, ['team', 'question', 'dueAt']) ? <ProblemAlert error={create.error} /> : null}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="handoff-form-submit">
              {t('handoffs.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
