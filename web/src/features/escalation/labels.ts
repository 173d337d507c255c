import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../i18n/labels';
import { toLocale } from '../../i18n/locales';
import { formatSpan } from './time';
import type { Escalation } from './types';

/** Words for escalation values: risk types (free text shows as typed), "2 of 3", "everywhere". */
export function useEscalationText() {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const locale = toLocale(i18n.language);
  return useMemo(
    () => ({
      riskType: (riskType: string) => t(`escalation.riskType.${riskType}`, { defaultValue: riskType }),
      region: (region: string | null) => (region ? labels.region(region) : t('escalation.everywhere')),
      level: (item: Pick<Escalation, 'level' | 'levels'>) => t('escalation.levelOf', { level: item.level, levels: item.levels }),
      span: (seconds: number) => formatSpan(seconds, locale),
    }),
    [t, labels, locale],
  );
}
