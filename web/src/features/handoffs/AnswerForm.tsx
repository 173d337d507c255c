import { Button, Group, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFieldErrors } from '../../components/problems';
import type { Handoff } from '../cases/types';
import { useAnswerHandoff } from './queries';

/** A partner's answer to one handoff; it goes back to the case and its assignee. */
export function AnswerForm({ handoff }: { handoff: Handoff }) {
  const { t } = useTranslation();
  const answer = useAnswerHandoff();
  const { errors, edited } = useFieldErrors(answer.error);
  const [text, setText] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    answer.mutate(
      { id: handoff.id, answer: text.trim() },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('handoffs.answered', { number: handoff.case.number }) }) },
    );
  }

  return (
    <form onSubmit={submit} noValidate data-testid="handoff-answer-form">
      <Stack gap="xs">
        <Textarea
          aria-label={t('handoffs.answerLabel')}
          placeholder={t('handoffs.answerPlaceholder')}
          autosize
          minRows={2}
          maxRows={8}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            edited('answer');
          }}
          error={errors.answer}
          data-testid="handoff-answer"
        />
        {answer.error && !errors.answer ? <ProblemAlert error={answer.error} /> : null}
        <Group justify="flex-end">
          <Button type="submit" size="sm" disabled={!text.trim()} loading={answer.isPending} data-testid="handoff-answer-submit">
            {t('handoffs.answer')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
