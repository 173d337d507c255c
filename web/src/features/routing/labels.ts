import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../i18n/labels';
import { useTeams } from '../admin/teams/queries';
import { useCategories } from '../cases/queries';
import { useAuthorities } from '../escalation/queries';
import type { SummaryWords } from './ruleDraft';
import type { Field, Op } from './types';

/** Names of a field's values in the UI language (languages, priorities, flags, categories …). */
export function useValueNames() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { data: categories = [] } = useCategories();
  return useMemo(() => {
    const categoryName = new Map(categories.map((c) => [c.code, labels.pick(c.labels, c.code)]));
    return (field: Field, value: string | number): string => {
      const v = String(value);
      switch (field) {
        case 'language':
          return labels.workingLanguage(v);
        case 'source':
          return t(`source.${v}`, { defaultValue: v });
        case 'account.type':
          return t(`accountType.${v}`, { defaultValue: v });
        case 'account.tier':
          return t(`tier.${v}`, { defaultValue: v });
        case 'priority':
          return `${v} ${t(`priority.${v}`, { defaultValue: '' })}`.trim();
        case 'flags':
          return t(`caseFlag.${v}`, { defaultValue: v });
        case 'region':
          return labels.region(v);
        case 'category':
          return categoryName.get(v) ?? v;
        default:
          return v;
      }
    };
  }, [t, labels, categories]);
}

/** Field and op words, and the summary words for conditions and actions. */
export function useRoutingWords() {
  const { t } = useTranslation();
  const valueName = useValueNames();
  const teamsQuery = useTeams();
  const authoritiesQuery = useAuthorities();
  const teams = useMemo(() => teamsQuery.data ?? [], [teamsQuery.data]);
  const authorities = useMemo(() => authoritiesQuery.data ?? [], [authoritiesQuery.data]);
  /** Names are known (or their lists failed): summaries read without ids flashing by. */
  const ready = !teamsQuery.isPending && !authoritiesQuery.isPending;
  return useMemo(() => {
    const teamName = (id: string) => teams.find((team) => team.id === id)?.name ?? id;
    const authorityName = (id: string) => authorities.find((authority) => authority.id === id)?.name ?? id;
    const fieldName = (field: Field) => t(`routing.field.${field.replace('.', '_')}`);
    const opName = (field: Field, op: Op) => (field === 'priority' && (op === 'gte' || op === 'lte') ? t(`routing.op.priority_${op}`) : t(`routing.op.${op}`));
    const words: SummaryWords = {
      field: fieldName,
      op: opName,
      value: valueName,
      and: t('routing.summary.and'),
      or: t('routing.summary.or'),
      not: (inner) => t('routing.summary.not', { inner }),
      always: t('routing.summary.always'),
      separator: t('routing.summary.separator'),
      action: (action) => {
        switch (action.action) {
          case 'set_team':
            return t('routing.summary.setTeam', { team: teamName(action.team) });
          case 'set_priority':
            return t('routing.summary.setPriority', { priority: valueName('priority', action.value) });
          case 'add_flag':
            return t('routing.summary.addFlag', { flag: valueName('flags', action.value) });
          case 'set_assignment':
            return t('routing.summary.setAssignment', { strategy: t(`routing.strategy.${action.strategy}`, { defaultValue: action.strategy }) });
          case 'raise_critical':
            return t('routing.summary.raiseCritical', { authority: authorityName(action.authority) });
          case 'add_checklist':
            return t('routing.summary.addChecklist', { count: action.items.length });
        }
      },
    };
    return { words, teamName, authorityName, fieldName, opName, valueName, ready };
  }, [t, valueName, teams, authorities, ready]);
}
