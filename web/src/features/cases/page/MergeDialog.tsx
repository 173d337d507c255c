import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { isFieldOnly, useFieldErrors } from '../../../components/problems';
import { useMergeCase } from '../queries';
import type { Case } from '../types';

/** Close this case as a duplicate of another; both timelines stay readable. */
export function MergeDialog({ item, onClose }: { item: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const merge = useMergeCase(item.id);
  const { errors, edited } = useFieldErrors(merge.error);
  const [into, setInto] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    merge.mutate(into.trim().toUpperCase(), {
      onSuccess: (merged) => {
        notifications.show({
          color: 'teal',
          message: t('merge.done', { number: merged.number, into: merged.mergedInto?.number ?? into.trim() }),
        });
        onClose();
      },
    });
  }

  return (
    <Modal opened onClose={onClose} title={t('merge.title', { number: item.number })}>
      <form onSubmit={submit} noValidate data-testid="merge-form">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('merge.hint')}
          </Text>
          <TextInput
            label={t('merge.into')}
            placeholder="ESC-000123"
            withAsterisk
            data-autofocus
            value={into}
            onChange={(event) => {
              setInto(event.currentTarget.value);
              edited('into');
            }}
            error={errors.into}
            data-testid="merge-into"
          />
          {merge.error && !isFieldOnly(merge.error, ['into']) ? <ProblemAlert error={merge.error} /> : null}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" disabled={!into.trim()} loading={merge.isPending} data-testid="merge-submit">
              {t('merge.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
