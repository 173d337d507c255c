import { ActionIcon, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MetricName } from './types';

/** The (i) next to a metric's name: what it counts, from the catalogue's definitions. */
export function MetricInfoIcon({ metrics }: { metrics: MetricName[] }) {
  const { t } = useTranslation();
  const text = metrics.map((metric) => (metrics.length > 1 ? `${t(`metrics.name.${metric}`)}: ` : '') + t(`metrics.definition.${metric}`));
  return (
    <Tooltip
      label={text.map((line) => (
        <div key={line}>{line}</div>
      ))}
      multiline
      w={320}
      withArrow
      events={{ hover: true, focus: true, touch: true }}
    >
      <ActionIcon variant="subtle" color="gray" size="sm" radius="xl" aria-label={text.join(' ')} data-testid="metric-info">
        <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
          <circle cx="12" cy="12" r="9" />
          <path d="M12 11v5M12 8h.01" strokeLinecap="round" />
        </svg>
      </ActionIcon>
    </Tooltip>
  );
}
