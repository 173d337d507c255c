import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CLOCKS, type SlaClock } from './types';

/** Which SLA clock an attainment chart counts (first response, next response, resolution). */
export function ClockSelect({ value, onChange }: { value: SlaClock; onChange: (clock: SlaClock) => void }) {
  const { t } = useTranslation();
  return (
    <Select
      size="xs"
      w={150}
      aria-label={t('metrics.filter.clock')}
      data={CLOCKS.map((clock) => ({ value: clock, label: t(`metrics.clock.${clock}`) }))}
      value={value}
      onChange={(next) => next && onChange(next as SlaClock)}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
      data-testid="metrics-clock"
    />
  );
}
