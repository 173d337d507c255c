import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, TeamKind } from '../app/types';

/**
 * Names of domain values (roles, team kinds, regions, working languages) in the UI
 * language. Their keys are checked against the domain lists in catalogues.test.ts.
 */
export function useLabels() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      role: (role: Role) => t(`role.${role}`),
      teamKind: (kind: TeamKind) => t(`teamKind.${kind}`),
      // A region added on the server before the UI knows it still shows its own name.
      region: (code: string, serverName?: string) => t(`region.${code}`, { defaultValue: serverName ?? code }),
      workingLanguage: (code: string) => t(`workingLanguage.${code}`, { defaultValue: code }),
    }),
    [t],
  );
}
