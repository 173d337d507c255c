import { Button, EmptyState } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Pages that only explain where the person landed: unknown address or no access. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return <Message testId="page-not-found" title={t('notFound.title')} description={t('notFound.description')} />;
}

export function NoAccessPage() {
  const { t } = useTranslation();
  return <Message testId="page-no-access" title={t('noAccess.title')} description={t('noAccess.description')} />;
}

function Message({ testId, title, description }: { testId: string; title: string; description: string }) {
  const { t } = useTranslation();
  return (
    <EmptyState mt="xl" mx="auto" maw={560} data-testid={testId} title={title} description={description}>
      <EmptyState.Actions>
        <Button component={Link} to="/" variant="light">
          {t('common.goHome')}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
