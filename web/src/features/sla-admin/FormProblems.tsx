import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { isShownInForm } from './formErrors';

/**
 * Under a long form: "fix the fields marked in red" for problems found before saving, or
 * the server's answer when it is not all shown next to inputs. Nothing otherwise.
 */
export function FormProblems({
  hasProblems,
  saveError,
  isShown,
  testId,
}: {
  hasProblems: boolean;
  saveError: unknown;
  isShown: (field: string) => boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  if (hasProblems) {
    return (
      <Alert color="red" variant="light" role="alert" data-testid={`${testId}-problems`}>
        {t('slaAdmin.calendar.fixProblems')}
      </Alert>
    );
  }
  if (!saveError || isShownInForm(saveError, isShown)) return null;
  return <ProblemAlert error={saveError} testId={`${testId}-error`} />;
}
