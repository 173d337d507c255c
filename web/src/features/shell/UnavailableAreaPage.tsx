import { EmptyState, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Area } from '../../app/types';

export type UpcomingArea = Exclude<Area, 'admin'>;

/** An area the navigation already names but this version does not ship yet. */
export function UnavailableAreaPage({ area }: { area: UpcomingArea }) {
  const { t } = useTranslation();
  const copy: Record<UpcomingArea, { title: string; purpose: string }> = {
    cases: { title: t('nav.cases'), purpose: t('unavailable.cases') },
    dashboards: { title: t('nav.dashboards'), purpose: t('unavailable.dashboards') },
    knowledge: { title: t('nav.knowledge'), purpose: t('unavailable.knowledge') },
    qa: { title: t('nav.qa'), purpose: t('unavailable.qa') },
    shifts: { title: t('nav.shifts'), purpose: t('unavailable.shifts') },
  };
  const { title, purpose } = copy[area];
  return (
    <EmptyState
      mt="xl"
      mx="auto"
      maw={560}
      data-testid="area-unavailable"
      withIndicatorBackground
      icon={<ClockIcon />}
      title={title}
      description={t('unavailable.notYet', { area: title })}
    >
      <Text c="dimmed" size="sm" ta="center">
        {purpose}
      </Text>
    </EmptyState>
  );
}

function ClockIcon() {
  return (
    <svg width="28" height="28" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" strokeLinecap="round" />
    </svg>
  );
}
