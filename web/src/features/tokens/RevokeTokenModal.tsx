import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '../../app/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useRevokeToken } from './queries';

export function RevokeTokenModal({ token, onClose }: { token: ApiToken; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeToken();

  function confirm() {
    revoke.mutate(token, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('tokens.revoked', { name: token.name }) });
        onClose();
      },
    });
  }

  return (
    <Modal opened onClose={onClose} title={t('tokens.revokeTitle')}>
      <Stack gap="md">
        <Text size="sm">{t('tokens.revokeConfirm', { name: token.name })}</Text>
        <ProblemAlert error={revoke.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={revoke.isPending} onClick={confirm} data-testid="token-revoke-confirm">
            {t('tokens.revoke')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
