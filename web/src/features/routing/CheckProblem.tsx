import { Alert, Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { RuleInput } from './types';

/** What a dry run or replay hands back to the editor: the draft's place in the rules it sent. */
export interface DraftChecks {
  /** Returns true when the complaints were about the draft (they are then marked on its inputs). */
  onChecked: (error: unknown, index: number) => boolean;
  showRule: () => void;
}

/** The index of the draft in the rules sent (the very object, not an equal one). */
export const draftIndex = (rules: readonly RuleInput[], draft: RuleInput) => Math.max(0, rules.indexOf(draft));

/** Why a dry run or replay failed: the draft's own problems point to the rule tab. */
export function CheckProblem({ error, aboutDraft, showRule, testId }: { error: unknown; aboutDraft: boolean; showRule: () => void; testId: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (!aboutDraft) return <ProblemAlert error={error} testId={testId} />;
  return (
    <Alert color="red" variant="light" role="alert" data-testid={testId}>
      {t('routing.editor.draftProblems')}{' '}
      <Anchor component="button" type="button" onClick={showRule} data-testid={`${testId}-show`}>
        {t('routing.editor.showProblems')}
      </Anchor>
    </Alert>
  );
}
