import { Select } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Every IANA zone the browser knows, each with its offset from UTC right now. */
function timeZoneOptions(current: string): { value: string; label: string }[] {
  const zones = Intl.supportedValuesOf('timeZone');
  // A zone saved on the server that this browser lacks still shows as itself.
  if (current && !zones.includes(current)) zones.push(current);
  const now = new Date();
  return zones.map((zone) => {
    let offset = '';
    try {
      const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(now);
      offset = parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
    } catch {
      // unknown to this browser: no offset to show
    }
    return { value: zone, label: offset ? `${zone} (${offset.replace('GMT', 'UTC')})` : zone };
  });
}

interface Props {
  value: string;
  onChange: (zone: string) => void;
  error?: string;
}

/** A searchable IANA time zone picker ("Asia/Kuala_Lumpur (UTC+08:00)"). */
export function TimeZoneSelect({ value, onChange, error }: Props) {
  const { t } = useTranslation();
  const options = useMemo(() => timeZoneOptions(value), [value]);
  return (
    <Select
      label={t('slaAdmin.calendar.field.timeZone')}
      description={t('slaAdmin.calendar.field.timeZoneHint')}
      withAsterisk
      searchable
      allowDeselect={false}
      limit={80}
      data={options}
      value={value || null}
      onChange={(zone) => zone && onChange(zone)}
      nothingFoundMessage={t('common.nothingFound')}
      error={error}
      data-testid="calendar-form-time-zone"
    />
  );
}
