import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, TeamKind } from '../app/types';
import type {
  AccountTier,
  AccountType,
  CaseSource,
  CaseStatus,
  HandoffStatus,
  Labels,
  Priority,
  Visibility,
} from '../features/cases/types';
import { toLocale } from './locales';

/**
 * Names of domain values (roles, team kinds, regions, working languages, case statuses …)
 * in the UI language. Their keys are checked against the domain lists in catalogues.test.ts.
 */
export function useLabels() {
  const { t, i18n } = useTranslation();
  const locale = toLocale(i18n.language);
  return useMemo(
    () => ({
      role: (role: Role) => t(`role.${role}`),
      teamKind: (kind: TeamKind) => t(`teamKind.${kind}`),
      // A region added on the server before the UI knows it still shows its own name.
      region: (code: string, serverName?: string) => t(`region.${code}`, { defaultValue: serverName ?? code }),
      workingLanguage: (code: string) => t(`workingLanguage.${code}`, { defaultValue: code }),
      caseStatus: (status: CaseStatus) => t(`caseStatus.${status}`, { defaultValue: status }),
      priority: (priority: Priority) => t(`priority.${priority}`, { defaultValue: priority }),
      accountType: (type: AccountType) => t(`accountType.${type}`, { defaultValue: type }),
      tier: (tier: AccountTier) => t(`tier.${tier}`, { defaultValue: tier }),
      visibility: (visibility: Visibility) => t(`visibility.${visibility}`, { defaultValue: visibility }),
      source: (source: CaseSource) => t(`source.${source}`, { defaultValue: source }),
      handoffStatus: (status: HandoffStatus) => t(`handoffStatus.${status}`, { defaultValue: status }),
      /** Server-side labels (categories, intake fields): the UI language, else English, else the code. */
      pick: (labels: Labels | undefined, fallback: string) => labels?.[locale] ?? labels?.en ?? fallback,
    }),
    [t, locale],
  );
}
