import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { problemMessage } from './problems';

/** Shows why a request failed, or nothing when there is no error. */
export function ProblemAlert({ error, testId }: { error: unknown; testId?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" role="alert" data-testid={testId}>
      {problemMessage(error, t)}
    </Alert>
  );
}
