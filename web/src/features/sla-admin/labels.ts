import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { INTL_LOCALE, toLocale } from '../../i18n/locales';
import { hoursMinutesOf } from './durations';
import { TARGET_OF_CLOCK, WEEKDAYS, type ClockKind, type TargetKey, type Weekday } from './types';

// 1 January 2024 was a Monday: day i of WEEKDAYS is 1 + i January 2024.
const weekdayDate = (day: Weekday) => new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(day), 12));

/** Weekday names and instants in a calendar's zone, in the UI language. */
export function useCalendarFormat() {
  const { i18n } = useTranslation();
  const intl = INTL_LOCALE[toLocale(i18n.language)];
  return useMemo(() => {
    const short = new Intl.DateTimeFormat(intl, { weekday: 'short', timeZone: 'UTC' });
    const long = new Intl.DateTimeFormat(intl, { weekday: 'long', timeZone: 'UTC' });
    const zoned = new Map<string, Intl.DateTimeFormat>();
    const inZone = (timeZone: string) => {
      let format = zoned.get(timeZone);
      if (!format) {
        format = new Intl.DateTimeFormat(intl, {
          weekday: 'long',
          day: 'numeric',
          month: 'long',
          year: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
          timeZone,
        });
        zoned.set(timeZone, format);
      }
      return format;
    };
    const date = new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeZone: 'UTC' });
    return {
      weekdayShort: (day: Weekday) => short.format(weekdayDate(day)),
      weekday: (day: Weekday) => long.format(weekdayDate(day)),
      /** "Monday, 9 March 2026 at 14:30" on the calendar's wall clock. */
      instant: (iso: string, timeZone: string) => inZone(timeZone).format(new Date(iso)),
      /** A holiday's "YYYY-MM-DD" as a date. */
      date: (day: string) => date.format(new Date(`${day}T12:00:00Z`)),
    };
  }, [intl]);
}

/** Working-time amounts and clock names in the UI language. */
export function usePolicyText() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      /** "2 h", "45 min", "24 h 30 min"; an unreadable value shows as sent. */
      duration: (iso: string) => {
        const parts = hoursMinutesOf(iso);
        if (!parts) return iso;
        if (parts.minutes === 0) return t('slaAdmin.duration.h', { hours: parts.hours });
        if (parts.hours === 0) return t('slaAdmin.duration.m', { minutes: parts.minutes });
        return t('slaAdmin.duration.hm', { hours: parts.hours, minutes: parts.minutes });
      },
      target: (key: TargetKey) => t(`slaAdmin.target.${key}`),
      clock: (kind: ClockKind) => t(`slaAdmin.target.${TARGET_OF_CLOCK[kind]}`),
    }),
    [t],
  );
}
