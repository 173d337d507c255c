import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { isFieldOnly, useFieldErrors } from '../../components/problems';
import { useCreateToken } from './queries';

/** Name a token, then show its secret exactly once. */
export function CreateTokenModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateToken();
  const [name, setName] = useState('');
  const created = create.data;
  const { errors, edited } = useFieldErrors(create.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(name.trim());
  }

  // Once the secret is on screen, only an explicit "Done" closes the modal, so a stray
  // click outside does not lose a token that cannot be shown again.
  return (
    <Modal
      opened
      onClose={onClose}
      title={created ? t('tokens.createdTitle') : t('tokens.createTitle')}
      closeOnClickOutside={!created}
      closeOnEscape={!created}
      withCloseButton={!created}
      size="lg"
    >
      {created ? (
        <Stack gap="md" data-testid="token-created">
          <Alert color="yellow" variant="light" title={t('tokens.onceTitle')}>
            {t('tokens.onceWarning')}
          </Alert>
          <Text size="sm">{t('tokens.usage')}</Text>
          <Code block data-testid="token-secret" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {created.token}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={created.token}>
              {({ copied, copy }) => (
                <Button variant="light" color={copied ? 'teal' : undefined} onClick={copy} data-testid="token-copy">
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose} data-testid="token-created-done">
              {t('common.done')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <TextInput
              label={t('tokens.field.name')}
              description={t('tokens.field.nameHint')}
              withAsterisk
              data-autofocus
              value={name}
              onChange={(event) => {
                setName(event.currentTarget.value);
                edited('name');
              }}
              error={errors.name}
              data-testid="token-form-name"
            />
            {create.error && !isFieldOnly(create.error, ['name']) && <ProblemAlert error={create.error} />}
            <Group justify="flex-end" mt="sm">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending} data-testid="token-form-submit">
                {t('tokens.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
