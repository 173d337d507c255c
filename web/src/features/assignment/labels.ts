import { useTranslation } from 'react-i18next';

/** Words for an assignment strategy; an unknown one shows as the server sent it. */
export function useStrategyLabel(): (strategy: unknown) => string {
  const { t } = useTranslation();
  return (strategy) =>
    typeof strategy === 'string' ? t(`assignment.strategy.${strategy}`, { defaultValue: strategy }) : '—';
}
