import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { INTL_LOCALE, toLocale } from '../../i18n/locales';
import { useLabels } from '../../i18n/labels';
import { useCategories } from '../cases/queries';
import type { CaseSource, Priority } from '../cases/types';
import type { MetricRow } from './types';

/** A row's group named in the UI language: a day, week, month, team, agent, code or age bucket. */
export function useGroupLabel() {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const { data: categories } = useCategories();
  const intl = INTL_LOCALE[toLocale(i18n.language)];
  return useCallback(
    (groupBy: string | null, row: Pick<MetricRow, 'group' | 'label'>): string => {
      const { group } = row;
      if (group === null) return t('metrics.group.none');
      const day = (text: string, options: Intl.DateTimeFormatOptions) =>
        new Intl.DateTimeFormat(intl, { ...options, timeZone: 'UTC' }).format(new Date(`${text}T00:00:00Z`));
      switch (groupBy) {
        case 'day':
          return day(group, { day: 'numeric', month: 'short' });
        case 'week':
          return t('metrics.group.week', { day: day(group, { day: 'numeric', month: 'short' }) });
        case 'month':
          return day(`${group}-01`, { month: 'short', year: 'numeric' });
        case 'region':
          return labels.region(group, row.label ?? undefined);
        case 'priority':
          return labels.priority(group as Priority);
        case 'source':
          return labels.source(group as CaseSource);
        case 'category': {
          const category = categories?.find((candidate) => candidate.code === group);
          return category ? labels.pick(category.labels, group) : (row.label ?? group);
        }
        case 'age':
          return t(`metrics.ageBucket.${group}`, { defaultValue: group });
        default:
          return row.label ?? group;
      }
    },
    [t, intl, labels, categories],
  );
}
