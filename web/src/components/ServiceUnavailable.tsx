import { Button, Center, EmptyState } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { problemMessage } from './problems';

/** Shown when the server cannot tell us who is signed in (down, restarting, network). */
export function ServiceUnavailable({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" p="md">
      <EmptyState
        maw={480}
        title={t('serviceUnavailable.title')}
        description={problemMessage(error, t)}
        data-testid="service-unavailable"
      >
        <EmptyState.Actions>
          <Button onClick={onRetry}>{t('common.retry')}</Button>
        </EmptyState.Actions>
      </EmptyState>
    </Center>
  );
}
